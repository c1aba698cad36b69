from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "civicpost.desk.jobs"
    label = "jobs"
