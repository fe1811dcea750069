"""An edition whose weeks are still to come (relative to today), and the people on the board."""

import datetime as dt

import pytest
from django.utils import timezone

from estafette.core.dates import local_date
from estafette.organisations.models import Organisation
from estafette.relay.models import Edition, Province, Region, Stage
from tests.activities.conftest import coordinator, coordinator_client  # noqa: F401
from tests.factories import MembershipFactory, OrganisationFactory, VerifiedUserFactory

ORDER = ["oost", "west", "noord", "zuid"]


@pytest.fixture
def coming_edition(db):
    """Four weeks, the first one starting a month from today."""
    first = local_date(timezone.now()) + dt.timedelta(days=30)
    edition = Edition.objects.create(
        year=2090, starts_on=first, ends_on=first + dt.timedelta(weeks=4)
    )
    for order, slug in enumerate(ORDER):
        start = first + dt.timedelta(weeks=order)
        Stage.objects.create(
            edition=edition,
            region=Region.objects.get(slug=slug),
            order=order + 1,
            starts_on=start,
            ends_on=start + dt.timedelta(days=4),
        )
    return edition


@pytest.fixture
def oost_week(coming_edition):
    return coming_edition.stages.get(region__slug="oost")


@pytest.fixture
def caller(db):
    """An organiser at a care provider in Overijssel (region oost)."""
    user = VerifiedUserFactory(email="zorg@example.nl")
    MembershipFactory(user=user, organisation=OrganisationFactory(name="Zorggroep Twente"))
    return user


@pytest.fixture
def library_admin(db):
    """The admin of a library in Gelderland (also region oost)."""
    user = VerifiedUserFactory(email="bieb@example.nl")
    MembershipFactory(
        user=user,
        organisation=OrganisationFactory(
            name="Bibliotheek Arnhem",
            kind=Organisation.Kind.LIBRARY,
            province=Province.objects.get(code="NL-GE"),
        ),
    )
    return user
