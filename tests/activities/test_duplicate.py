"""Reuse last year's activity: a draft in the open edition, in the same region's week."""

import pytest
from django.urls import reverse

from estafette.activities import services
from estafette.activities.models import Activity, Theme
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def test_duplicate_lands_as_a_draft_in_the_open_edition(
    organiser_client, organisation, open_edition
):
    old = ActivityFactory(lead_organisation=organisation, year=2023, region="oost",
                          status=Activity.Status.CANCELLED, cancellation_reason="Ziek")  # fmt: skip
    old.themes.set(Theme.objects.all()[:2])
    response = organiser_client.post(reverse("activities:duplicate", args=[old.pk]))
    copy = Activity.objects.exclude(pk=old.pk).get()
    assert response.status_code == 302 and response.url == reverse(
        "activities:edit", args=[copy.pk]
    )
    assert copy.status == Activity.Status.DRAFT
    assert copy.copied_from == old
    assert copy.edition == open_edition
    assert copy.stage.region.slug == "oost" and copy.stage.edition == open_edition
    assert copy.title == old.title and copy.description == old.description
    assert set(copy.themes.all()) == set(old.themes.all())
    assert copy.cancellation_reason == ""
    assert copy.places_taken == 0 and copy.published_at is None
    page = organiser_client.get(response.url).content.decode()
    assert "Kies nieuwe datums" in page


def test_duplicate_by_a_stranger_is_refused(client, organisation, open_edition):
    from tests.factories import VerifiedUserFactory

    old = ActivityFactory(lead_organisation=organisation, year=2023)
    client.force_login(VerifiedUserFactory())
    assert client.post(reverse("activities:duplicate", args=[old.pk])).status_code == 404
    assert Activity.objects.count() == 1


def test_duplicate_without_an_open_edition_explains(organiser, organisation):
    from django.core.exceptions import ValidationError

    old = ActivityFactory(lead_organisation=organisation, year=2023)
    with pytest.raises(ValidationError):
        services.duplicate_activity(activity=old, by=organiser, into_edition=None)
