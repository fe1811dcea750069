"""The cast for results: an activity that took place, its organiser, the region's coordinator,
and the result reported of it."""

import pytest

from estafette.results import services
from tests.factories import ActivityFactory, MembershipFactory, VerifiedUserFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def organiser(db):
    return VerifiedUserFactory(email="organisator@example.nl")


@pytest.fixture
def held_activity(organiser):
    """A published workshop in oost's week of 2023: it has taken place."""
    activity = ActivityFactory(title="Beeldbellen met de wijkverpleging", created_by=organiser)
    MembershipFactory(user=organiser, organisation=activity.lead_organisation)
    return activity


@pytest.fixture
def reported(held_activity, organiser):
    result = services.report_result(
        activity=held_activity,
        by=organiser,
        participants=25,
        professionals=15,
        citizens=8,
        summary="Nieuwe afspraken met de gemeente.",
        lessons="Nodig ook de bibliotheek uit.",
    )
    services.add_material(
        result=result, by=organiser, kind="link", title="Opname", url="https://video.example/1"
    )
    return result
