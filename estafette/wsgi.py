"""WSGI entry point (granian --interface wsgi estafette.wsgi:application)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "estafette.settings")
django_application = get_wsgi_application()

from estafette.core.frontcache import FrontCache  # noqa: E402 (needs Django set up)

application = FrontCache(django_application)
