"""The cast for results: an activity that took place, its organiser, the region's coordinator."""

import pytest

from estafette.relay.models import Region
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    VerifiedUserFactory,
    force_login_with_two_factor,
)


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
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


@pytest.fixture
def coordinator(db):
    user = VerifiedUserFactory(email="coordinator-oost@example.nl")
    user.coordinated_regions.add(Region.objects.get(slug="oost"))
    return user


@pytest.fixture
def coordinator_client(client, coordinator):
    force_login_with_two_factor(client, coordinator)
    return client
