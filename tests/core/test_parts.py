"""What goes when an activity or an organisation is deleted: the rows that are part of it, linked
through core.models.part_of (activities.fields, organisations.fields), and the agenda's cached
VEVENT. A new part shows up here; so does a link that stops deleting with its whole."""

import pytest
from django.db import models

from estafette.activities.models import Activity, CoordinatorNote, Revision
from estafette.organisations.models import Membership, Organisation
from estafette.partners.models import Partner
from estafette.results.models import Result
from estafette.signups.models import Signup
from tests.factories import ActivityFactory, MembershipFactory, OrganisationFactory


def deleted_with(model) -> list[str]:
    return sorted(
        f"{relation.related_model._meta.label}.{relation.field.name}"
        for relation in model._meta.related_objects
        if relation.on_delete is models.CASCADE
    )


def test_what_goes_with_an_activity():
    assert deleted_with(Activity) == [
        "activities.CoordinatorNote.activity",
        "activities.Revision.activity",
        "agenda.CalendarEntry.activity",
        "partners.Partner.activity",
        "posters.ActivityImage.activity",
        "results.Result.activity",
        "signups.Signup.activity",
    ]


def test_what_goes_with_an_organisation():
    assert deleted_with(Organisation) == [
        "board.Call.organisation",
        "board.DigestSubscription.organisation",
        "organisations.Membership.organisation",
        "partners.Partner.organisation",
    ]


@pytest.mark.django_db
def test_deleting_an_activity_deletes_its_parts():
    activity = ActivityFactory()
    Signup.objects.create(
        activity=activity, name="Ada", email="ada@example.org", status="confirmed", token_hash="x"
    )
    Partner.objects.create(activity=activity, invited_email="partner@example.org")
    Revision.objects.create(activity=activity, changes={"title": "Nieuw"})
    CoordinatorNote.objects.create(activity=activity, text="Bellen")
    Result.objects.create(activity=activity, participants=3, summary="Goed")
    activity.delete()
    for model in (Signup, Partner, Revision, CoordinatorNote, Result):
        assert not model.objects.exists(), model


@pytest.mark.django_db
def test_deleting_an_organisation_deletes_its_memberships():
    membership = MembershipFactory(organisation=OrganisationFactory())
    membership.organisation.delete()
    assert not Membership.objects.filter(pk=membership.pk).exists()
