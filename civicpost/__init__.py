"""civicpost: the social media desk for local councils."""

__version__ = "0.1.0"
