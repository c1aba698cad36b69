from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "civicpost.desk.audit"
    label = "audit"
