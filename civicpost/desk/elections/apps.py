from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "civicpost.desk.elections"
    label = "elections"
    verbose_name = "The election calendar"
