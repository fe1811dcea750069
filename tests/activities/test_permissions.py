"""Coordinators see and act on their own region only; two factors first."""

import pytest
from django.urls import reverse

from estafette.activities.models import Activity
from estafette.activities.permissions import can_edit, can_moderate, moderation_regions
from tests.factories import (
    ActivityFactory,
    VerifiedUserFactory,
    add_totp,
    force_login_with_two_factor,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(organisation):
    from django.utils import timezone

    return ActivityFactory(
        lead_organisation=organisation,
        status=Activity.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )


@pytest.fixture
def west_coordinator_client(client, coordinator_west):
    force_login_with_two_factor(client, coordinator_west)
    return client


def test_queue_lists_only_the_own_region(coordinator_client, waiting):
    west = ActivityFactory(region="west", status=Activity.Status.SUBMITTED)
    page = coordinator_client.get(reverse("activities:queue")).content.decode()
    assert waiting.title in page
    assert west.title not in page
    assert "wacht 0 dagen" in page


def test_other_regions_coordinator_cannot_see_or_act(client, west_coordinator_client, waiting):
    assert client.get(reverse("activities:review", args=[waiting.pk])).status_code == 404
    for name, data in (
        ("activities:approve", {}),
        ("activities:request_changes", {"message": "Nee"}),
        ("activities:reject", {"reason": "Nee"}),
    ):
        assert client.post(reverse(name, args=[waiting.pk]), data).status_code == 404
    waiting.refresh_from_db()
    assert waiting.status == Activity.Status.SUBMITTED
    assert waiting.title not in client.get(reverse("activities:queue")).content.decode()


def test_coordinator_without_totp_is_sent_to_set_up_two_factor(client, coordinator_oost, waiting):
    client.force_login(coordinator_oost)
    response = client.get(reverse("activities:review", args=[waiting.pk]))
    assert response.status_code == 302
    assert response.url == reverse("mfa_index")
    response = client.post(reverse("activities:approve", args=[waiting.pk]))
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Activity.Status.SUBMITTED


def test_organiser_is_not_a_moderator(organiser_client, waiting):
    assert organiser_client.get(reverse("activities:queue")).status_code == 403
    assert organiser_client.get(reverse("activities:review", args=[waiting.pk])).status_code == 404


def test_staff_see_every_region_and_national_activities(client, waiting):
    staff = VerifiedUserFactory(is_staff=True)
    force_login_with_two_factor(client, staff)
    west = ActivityFactory(region="west", status=Activity.Status.SUBMITTED)
    page = client.get(reverse("activities:queue")).content.decode()
    assert waiting.title in page and west.title in page
    page = client.get(reverse("activities:queue") + "?region=west").content.decode()
    assert waiting.title not in page and west.title in page
    old_link = client.get(reverse("activities:queue") + "?regio=west").content.decode()
    assert waiting.title not in old_link and west.title in old_link
    assert can_moderate(staff, waiting)


def test_permission_functions(coordinator_oost, organiser, waiting):
    assert can_edit(organiser, waiting)
    assert not can_edit(coordinator_oost, waiting)
    assert not can_moderate(coordinator_oost, waiting)  # no TOTP yet
    add_totp(coordinator_oost)
    assert can_moderate(coordinator_oost, waiting)
    assert list(moderation_regions(coordinator_oost).values_list("slug", flat=True)) == ["oost"]
    national = Activity(stage=None, edition=waiting.edition)
    assert not can_moderate(coordinator_oost, national)


def test_audit_trail_is_on_the_review_page(coordinator_client, coordinator_oost, waiting):
    from estafette.core.audit import log_action

    log_action(
        actor=coordinator_oost, action="activity.submitted", target=waiting, message="eerste keer"
    )
    page = coordinator_client.get(reverse("activities:review", args=[waiting.pk])).content
    assert "eerste keer" in page.decode()


def test_audit_trail_speaks_dutch(coordinator_client, coordinator_oost, waiting):
    from estafette.core.audit import log_action

    log_action(actor=coordinator_oost, action="activity.approved", target=waiting,
               from_status="submitted", to_status="published")  # fmt: skip
    page = coordinator_client.get(reverse("activities:review", args=[waiting.pk])).content.decode()
    assert "goedgekeurd (Ingediend → Gepubliceerd)" in page


def test_coordinator_finds_the_queue_from_the_dashboard(coordinator_client):
    page = coordinator_client.get(reverse("activities:dashboard")).content.decode()
    assert reverse("activities:queue") in page
