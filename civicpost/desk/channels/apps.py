from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    name = "civicpost.desk.channels"
    label = "channels"
