from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from estafette.knowledge.demo import load_knowledge_hub

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    """In each module here the tests that read the hub run after the ones that do not: the hub
    is loaded once, for the rest of its module (`_hub_of_the_module`), so a test without it
    still finds no hub. Only within each run of one module's tests as pytest-django ordered
    them (plain, transactional, without a database): every other test keeps its place."""
    run_start = []
    for index, item in enumerate(items):
        same_run = index and items[index - 1].path == item.path
        run_start.append(run_start[-1] if same_run else index)
    keys = {
        id(item): (start, item.path.parent == HERE and "hub" in item.fixturenames)
        for item, start in zip(items, run_start, strict=True)
    }
    items.sort(key=lambda item: keys[id(item)])


@pytest.fixture(scope="module")
def knowledge_media(tmp_path_factory):
    """One media folder a module: the hub's documents are written once, and read by each test."""
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, knowledge_media):
    settings.MEDIA_ROOT = knowledge_media


@pytest.fixture(scope="module")
def _hub_of_the_module(django_db_setup, django_db_blocker, knowledge_media):
    """The hub, loaded once a module (2 s on PostgreSQL, each time) in a transaction around
    the module's remaining tests: each test's own transaction nests in it as a savepoint, so
    what a test changes (a draft, a scheduled page, a second seeding) is gone for the next,
    and the whole is rolled back after the module."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from estafette.relay.models import Region
    from tests.conftest import _load_reference_data

    around = transaction.atomic()
    with django_db_blocker.unblock():
        around.__enter__()
        with (
            override_settings(
                MEDIA_ROOT=knowledge_media,
                CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
            ),
            translation.override(django_settings.LANGUAGE_CODE),
        ):
            ContentType.objects.clear_cache()
            if not Region.objects.exists():
                _load_reference_data(apps)
            load_knowledge_hub()
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        around.__exit__(None, None, None)


@pytest.fixture
def hub(_hub_of_the_module, db):
    from estafette.knowledge.models import HubIndexPage

    return HubIndexPage.objects.get(locale__language_code="nl")
