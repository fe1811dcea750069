import pytest

from estafette.knowledge.demo import load_knowledge_hub
from tests.conftest import shared_by_the_module


@pytest.fixture(scope="module")
def knowledge_media(tmp_path_factory):
    """One media folder a module: the hub's documents are written once, and read by each test."""
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, knowledge_media):
    settings.MEDIA_ROOT = knowledge_media


@pytest.fixture(scope="module")
def _hub_of_the_module(django_db_setup, django_db_blocker, knowledge_media):
    """The hub, loaded once a module (2 s on PostgreSQL, each time): what a test changes (a
    draft, a scheduled page, a second seeding) is gone for the next."""
    yield from shared_by_the_module(
        django_db_blocker, load_knowledge_hub, MEDIA_ROOT=knowledge_media
    )


@pytest.fixture
def hub(_hub_of_the_module, db):
    from estafette.knowledge.models import HubIndexPage

    return HubIndexPage.objects.get(locale__language_code="nl")
