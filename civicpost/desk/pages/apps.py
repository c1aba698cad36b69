from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The shell every page shares: the layout, GOV.UK form helpers and error pages."""

    name = "civicpost.desk.pages"
    label = "pages"
