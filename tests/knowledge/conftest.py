import pytest

from estafette.knowledge.demo import load_knowledge_hub


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def hub(db):
    load_knowledge_hub()
    from estafette.knowledge.models import HubIndexPage

    return HubIndexPage.objects.get(locale__language_code="nl")
