"""WSGI entry point (granian --interface wsgi estafette.wsgi:application)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "estafette.settings")
application = get_wsgi_application()
