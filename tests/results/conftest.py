"""The cast for results: an activity that took place, its organiser, the region's coordinator."""

import pytest

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
