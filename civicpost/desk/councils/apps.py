from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "civicpost.desk.councils"
    label = "councils"
    verbose_name = "Councils"

    def ready(self) -> None:
        from civicpost.desk.councils.registers import connect_signals

        connect_signals()
