"""Shared fixtures: ready-made reference data comes from the migrations."""

import os

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation


def pytest_collection_modifyitems(items):
    """Every transactional test restores the database as the migrations left it
    (serialized_rollback). Mixing both kinds broke setup: a plain flush re-creates the content
    types under new ids (post_migrate), and the next test restoring the serialized ones then hit
    UNIQUE(app_label, model). Wagtail's root page, locale and collection survive this way too."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)


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
    settings.MEDIA_ROOT = tmp_path / "media"  # posters and uploads never land in the checkout
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": str(tmp_path),
        }
    }


@pytest.fixture(autouse=True)
def _dutch_by_default():
    """A request under /en/ leaves English active in the thread: every test starts in Dutch,
    whichever test ran before it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests (browser, concurrency) flush the database after they run, which also
    wipes the reference data the data migrations loaded (regions, provinces, editions,
    vocabularies). Load it again before any test that finds it gone."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        yield
        return
    request.getfixturevalue("_django_db_helper")
    from django.apps import apps

    from estafette.relay.models import Region

    if not Region.objects.exists():
        _load_reference_data(apps)
    yield


def _load_reference_data(apps):
    import importlib

    for module in (
        "estafette.relay.migrations.0002_reference_data",
        "estafette.activities.migrations.0002_vocabularies",
    ):
        importlib.import_module(module).load(apps, None)
