from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "civicpost.desk.councils"
    label = "councils"
    verbose_name = "Councils"
