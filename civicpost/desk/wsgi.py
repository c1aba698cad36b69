"""The WSGI application, for any WSGI server (``civicpost serve`` uses gunicorn)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicpost.desk.settings")
application = get_wsgi_application()
