from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "civicpost.desk.people"
    label = "people"
    verbose_name = "People, partners and conflicts of interest"
