from django.apps import AppConfig


class PersonalConfig(AppConfig):
    name = "civicpost.desk.personal"
    label = "personal"
