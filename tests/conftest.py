"""Shared fixtures: ready-made reference data comes from the migrations."""

import os

import pytest
from django.db import connection


@pytest.fixture(autouse=True)
def _database_matches_the_run(request):
    """A test marked `postgres` runs on PostgreSQL only; the run that wants PostgreSQL gets it."""
    if request.node.get_closest_marker("postgres") and "django_db" in request.fixturenames:
        assert connection.vendor == "postgresql", "this test is meant for the PostgreSQL run"
    if os.environ.get("REQUIRE_POSTGRES") == "true":
        assert connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def _plain_settings(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MAIL_DELIVERY = "on_commit"
    settings.SECURE_SSL_REDIRECT = False
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": str(tmp_path),
        }
    }
