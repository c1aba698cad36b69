from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "civicpost.desk.accounts"
    label = "accounts"
