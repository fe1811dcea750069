"""The results model: what figures reads, and the rules the database itself keeps."""

import pytest
from django.db import IntegrityError, transaction

from estafette.results.models import Material, Result
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def test_a_result_belongs_to_one_activity_with_participants_apart():
    activity = ActivityFactory()
    result = Result.objects.create(
        activity=activity, participants=40, professionals=25, citizens=12, summary="Goed."
    )
    assert activity.result == result
    assert (result.participants, result.professionals, result.citizens) == (40, 25, 12)
    with pytest.raises(IntegrityError), transaction.atomic():
        Result.objects.create(activity=activity, participants=1, summary="Nog een")


def test_professionals_and_citizens_never_exceed_the_total():
    with pytest.raises(IntegrityError), transaction.atomic():
        Result.objects.create(
            activity=ActivityFactory(), participants=10, professionals=8, citizens=5, summary="x"
        )


def test_a_photo_needs_consent_of_the_people_shown_and_a_description():
    result = Result.objects.create(activity=ActivityFactory(), participants=5, summary="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Material.objects.create(
            result=result, kind="photo", title="Groep", file="results/1/a.jpg", alt_text="Groep"
        )
    Material.objects.create(
        result=result,
        kind="photo",
        title="Groep",
        file="results/1/a.jpg",
        alt_text="Tien mensen rond een tafel",
        people_agreed=True,
    )


def test_a_link_has_a_url_and_no_file():
    result = Result.objects.create(activity=ActivityFactory(), participants=5, summary="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Material.objects.create(result=result, kind="link", title="Opname")
    Material.objects.create(result=result, kind="link", title="Opname", url="https://example.nl/v")


def test_the_public_sees_no_hidden_results_nor_results_of_cancelled_activities():
    shown = Result.objects.create(activity=ActivityFactory(), participants=5, summary="x")
    Result.objects.create(activity=ActivityFactory(), participants=5, summary="x", is_hidden=True)
    Result.objects.create(activity=ActivityFactory(status="cancelled"), participants=5, summary="x")
    assert list(Result.objects.public()) == [shown]
