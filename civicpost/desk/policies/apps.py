from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "civicpost.desk.policies"
    label = "policies"
