"""A small 2023 edition with every case the figures must count right, and a 2022 one to compare."""

import copy
import datetime as dt
import uuid

import pytest

from estafette.activities.models import (
    Activity,
    ActivityType,
    InteractiveElement,
    Theme,
)
from estafette.activities.vocabulary_bits import refresh_vocabulary_bits
from estafette.organisations.models import Organisation
from estafette.partners.models import Partner
from estafette.results.models import Result
from estafette.signups.models import Signup
from tests.conftest import shared_by_the_module
from tests.factories import ActivityFactory, OrganisationFactory


def add_partner(activity, organisation, status=Partner.Status.ACCEPTED):
    return Partner.objects.create(activity=activity, organisation=organisation, status=status)


def add_signups(activity, confirmed=0, waiting=0):
    for n in range(confirmed + waiting):
        Signup.objects.create(
            activity=activity,
            name=f"Deelnemer {n}",
            email=f"deelnemer{n}-{activity.pk}@example.nl",
            email_normalised=f"deelnemer{n}-{activity.pk}@example.nl",
            status=Signup.Status.CONFIRMED if n < confirmed else Signup.Status.WAITING,
            token_hash=uuid.uuid4().hex,
        )
    Activity.objects.filter(pk=activity.pk).update(places_taken=confirmed)


def report(activity, **numbers):
    return Result.objects.create(activity=activity, summary="Goed bezocht.", **numbers)


@pytest.fixture(scope="module")
def _relay_of_the_module(django_db_setup, django_db_blocker):
    """The small relay, made once a module (0.3 s on PostgreSQL, each time)."""
    yield from shared_by_the_module(django_db_blocker, small_relay)


@pytest.fixture
def relay(_relay_of_the_module, db):
    return copy.deepcopy(_relay_of_the_module)


def small_relay() -> dict:
    """2023: oost 4 published (2 with partners, 1 of them cross-sector, 1 interactive, 1 online),
    1 cancelled, 1 draft, 1 submitted, 1 rejected; west 2 published (one on another theme and
    type); 2022: oost 1 published."""
    care = OrganisationFactory(name="Zorggroep Twente", kind=Organisation.Kind.CARE_PROVIDER)
    care2 = OrganisationFactory(name="Thuiszorg Hengelo", kind=Organisation.Kind.CARE_PROVIDER)
    library = OrganisationFactory(name="Bibliotheek Enschede", kind=Organisation.Kind.LIBRARY)
    town = OrganisationFactory(name="Gemeente Almelo", kind=Organisation.Kind.MUNICIPALITY)
    oost = [ActivityFactory(lead_organisation=care) for _ in range(4)]
    add_partner(oost[0], library)  # cross-sector
    add_partner(oost[1], care2)  # a partner of the same kind
    add_partner(oost[2], town, status=Partner.Status.INVITED)  # not (yet) a partner
    oost[0].interactive_elements.add(InteractiveElement.objects.first())
    Activity.objects.filter(pk=oost[3].pk).update(format=Activity.Format.ONLINE)
    add_signups(oost[0], confirmed=3, waiting=2)
    cancelled = ActivityFactory(lead_organisation=town, status=Activity.Status.CANCELLED)
    add_partner(cancelled, library)
    add_signups(cancelled, confirmed=1)
    for status in ("draft", "submitted", "rejected", "changes_requested"):
        ActivityFactory(lead_organisation=town, status=status)
    west = [ActivityFactory(region="west", lead_organisation=library) for _ in range(2)]
    west[1].themes.set([Theme.objects.exclude(slug="zorg-op-afstand").first()])
    west[1].types.set([ActivityType.objects.exclude(slug="workshop").first()])
    refresh_vocabulary_bits([west[1].pk])  # links set here, past the services: keep the copy
    Activity.objects.filter(pk=west[1].pk).update(
        starts_at=west[1].starts_at + dt.timedelta(days=2),
        ends_at=west[1].ends_at + dt.timedelta(days=2),
    )
    report(oost[0], participants=20, professionals=8, citizens=10)
    report(oost[1], participants=50, professionals=50, citizens=0, is_hidden=True)
    report(cancelled, participants=5, professionals=5, citizens=0)
    report(west[0], participants=12, professionals=2, citizens=9)
    old = ActivityFactory(year=2022, lead_organisation=care2)
    return {"oost": oost, "west": west, "cancelled": cancelled, "old": old, "library": library}
