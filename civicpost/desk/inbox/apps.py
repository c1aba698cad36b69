from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "civicpost.desk.inbox"
    label = "inbox"
    verbose_name = "Inbox"
