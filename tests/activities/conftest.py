"""An open edition (2027) with four region weeks and a national opening, and ready-made people."""

import datetime as dt

import pytest

from estafette.relay.models import Edition, NationalMoment, Region, Stage
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    VerifiedUserFactory,
    force_login_with_two_factor,
)

WEEKS = {"oost": (1, 5), "west": (8, 12), "noord": (15, 19), "zuid": (22, 26)}


@pytest.fixture
def open_edition(db):
    edition, _ = Edition.objects.get_or_create(
        year=2027, defaults={"starts_on": dt.date(2027, 2, 1), "ends_on": dt.date(2027, 2, 26)}
    )
    for order, (slug, (first, last)) in enumerate(WEEKS.items(), start=1):
        Stage.objects.get_or_create(
            edition=edition,
            region=Region.objects.get(slug=slug),
            defaults={
                "order": order,
                "starts_on": dt.date(2027, 2, first),
                "ends_on": dt.date(2027, 2, last),
            },
        )
    NationalMoment.objects.get_or_create(
        edition=edition, kind=NationalMoment.Kind.OPENING, date=dt.date(2027, 2, 1)
    )
    return edition


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Zorggroep Twente")


@pytest.fixture
def organiser(organisation):
    user = VerifiedUserFactory(email="organisator@example.nl")
    MembershipFactory(user=user, organisation=organisation)
    return user


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
def west_coordinator(db):
    user = VerifiedUserFactory(email="coordinator-west@example.nl")
    user.coordinated_regions.add(Region.objects.get(slug="west"))
    return user


@pytest.fixture
def coordinator_client(client, coordinator):
    force_login_with_two_factor(client, coordinator)
    return client


def activity_data(organisation, **changes):
    """A complete, valid POST for the activity form, in region oost's week of 2027."""
    from estafette.activities.models import ActivityType, Audience, Theme

    data = {
        "title": "Beeldbellen voor mantelzorgers",
        "summary": "Probeer zelf hoe beeldbellen werkt.",
        "description": "Een middag oefenen met beeldbellen, met koffie.",
        "types": [ActivityType.objects.first().pk],
        "themes": [Theme.objects.first().pk],
        "audiences": [Audience.objects.first().pk],
        "language": "nl",
        "lead_organisation": organisation.pk,
        "format": "in_person",
        "venue_name": "Wijkcentrum De Bron",
        "street_address": "Hengelosestraat 1",
        "postcode": "7511 AA",
        "town": "Enschede",
        "starts_at": "2027-02-03T14:00",
        "ends_at": "2027-02-03T16:00",
        "is_free": "on",
        "signup_mode": "platform",
        "capacity": "30",
        "max_places_per_signup": "1",
        "signup_confirmation": "email",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
