"""An activity's dates fall in its region's week, or on a national moment; the admin enforces it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from estafette.activities.models import Activity
from estafette.relay.models import Edition, Province
from tests.factories import (
    ActivityFactory,
    UserFactory,
    at,
    force_login_with_two_factor,
    stage_of,
)

pytestmark = pytest.mark.django_db


def test_an_activity_inside_its_region_week_is_sound():
    activity = ActivityFactory(stage=stage_of(2023, "oost"))
    activity.full_clean()


def test_an_activity_outside_its_region_week_is_refused_naming_the_week():
    activity = ActivityFactory()
    activity.starts_at = at(dt.date(2023, 2, 14), 10)
    activity.ends_at = at(dt.date(2023, 2, 14), 12)
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert (
        "Regio oost is aan zet van 6 t/m 10 februari 2023."
        in error.value.message_dict["starts_at"][0]
    )


def test_a_week_over_a_month_boundary_is_named_with_both_months():
    activity = ActivityFactory(
        region="zuid",
        postcode="6211 AA",
        town="Maastricht",
        province=Province.objects.get(code="NL-LI"),
    )
    activity.starts_at = at(dt.date(2023, 3, 6), 10)
    activity.ends_at = at(dt.date(2023, 3, 6), 12)
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert "27 februari t/m 3 maart 2023" in str(error.value)


def test_a_venue_in_another_region_than_the_week_is_refused():
    activity = ActivityFactory()
    activity.province = Province.objects.get(code="NL-LI")
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert "ligt in regio zuid, niet in regio oost" in str(error.value)


def test_a_national_activity_takes_place_on_a_national_moment():
    opening = Edition.objects.get(year=2023).national_moments.get()
    activity = ActivityFactory(
        stage=None,
        national_moment=opening,
        edition=opening.edition,
        starts_at=at(opening.date, 10),
        ends_at=at(opening.date, 12),
    )
    activity.full_clean()
    activity.starts_at, activity.ends_at = at(dt.date(2023, 2, 7), 10), at(dt.date(2023, 2, 7), 12)
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert "landelijke moment" in str(error.value)


def test_the_database_refuses_an_activity_without_week_or_moment():
    from django.db import IntegrityError, transaction

    activity = ActivityFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.filter(pk=activity.pk).update(stage=None)


def test_the_database_refuses_more_places_taken_than_capacity():
    from django.db import IntegrityError, transaction

    activity = ActivityFactory(capacity=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.filter(pk=activity.pk).update(places_taken=6)


@pytest.fixture
def admin_client(client):
    admin = UserFactory(email="beheer@example.nl", is_staff=True, is_superuser=True)
    force_login_with_two_factor(client, admin)  # the admin asks staff for TOTP
    return client


def test_admin_refuses_overlapping_stages_with_a_message(admin_client):
    edition = Edition.objects.get(year=2023)
    stages = list(edition.stages.order_by("order"))
    moments = list(edition.national_moments.all())
    data = {
        "year": 2023,
        "name": "",
        "starts_on": "2023-02-06",
        "ends_on": "2023-03-03",
        "commissioned_by": edition.commissioned_by,
        "is_published": "on",
        "national_moments-TOTAL_FORMS": len(moments),
        "national_moments-INITIAL_FORMS": len(moments),
        "stages-TOTAL_FORMS": len(stages),
        "stages-INITIAL_FORMS": len(stages),
    }
    for i, moment in enumerate(moments):
        data.update(
            {
                f"national_moments-{i}-id": moment.pk,
                f"national_moments-{i}-edition": edition.pk,
                f"national_moments-{i}-kind": moment.kind,
                f"national_moments-{i}-date": moment.date.isoformat(),
                f"national_moments-{i}-title": moment.title,
            }
        )
    for i, stage in enumerate(stages):
        starts, ends = stage.starts_on, stage.ends_on
        if stage.region.slug == "west":  # pushed into oost's week
            starts, ends = dt.date(2023, 2, 9), dt.date(2023, 2, 15)
        data.update(
            {
                f"stages-{i}-id": stage.pk,
                f"stages-{i}-edition": edition.pk,
                f"stages-{i}-region": stage.region_id,
                f"stages-{i}-order": stage.order,
                f"stages-{i}-starts_on": starts.isoformat(),
                f"stages-{i}-ends_on": ends.isoformat(),
            }
        )
    response = admin_client.post(f"/beheer/relay/edition/{edition.pk}/change/", data)
    assert response.status_code == 200, "the admin should re-show the form with the error"
    assert "overlapt met de week van regio oost" in response.content.decode()
    assert edition.stages.get(region__slug="west").starts_on == dt.date(2023, 2, 13)
