from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "civicpost.desk.incidents"
    label = "incidents"
    verbose_name = "Incidents and breaches"
