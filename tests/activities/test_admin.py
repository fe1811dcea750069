"""In the Django admin the status is read-only: staff decide through actions that call the
services, so the audit trail, the mails and the participants follow."""

import pytest
from django.contrib.admin import site

from estafette.activities.admin import ActivityAdmin
from estafette.activities.models import Activity
from estafette.core.audit import audit_trail
from estafette.mail.models import OutboxMessage
from estafette.signups import services as signups
from tests.factories import (
    ActivityFactory,
    UserFactory,
    VerifiedUserFactory,
    force_login_with_two_factor,
)
from tests.signups.conftest import future_activity

pytestmark = pytest.mark.django_db

Status = Activity.Status
CHANGELIST = "/beheer/activities/activity/"


@pytest.fixture
def staff(client):
    user = UserFactory(email="beheer@example.nl", is_staff=True, is_superuser=True)
    force_login_with_two_factor(client, user)
    return user


@pytest.fixture
def organiser():
    return VerifiedUserFactory(email="organisator@example.nl")


def act(client, action, *activities, reason=""):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [a.pk for a in activities], "reason": reason},
        follow=True,
    )


def mails_to(address) -> list[str]:
    return [m.subject for m in OutboxMessage.objects.all() if address in m.to]


def test_the_change_form_shows_the_status_but_cannot_change_it(client, staff):
    activity = ActivityFactory(status=Status.SUBMITTED)
    page = client.get(f"{CHANGELIST}{activity.pk}/change/").content.decode()
    assert 'name="status"' not in page
    assert "Ingediend" in page  # shown, read-only
    request = type("Request", (), {"user": staff})()
    admin = ActivityAdmin(Activity, site)
    assert "status" not in admin.get_form(request, activity).base_fields


def test_approving_in_the_admin_publishes_audits_and_mails(client, staff, organiser):
    activity = ActivityFactory(status=Status.SUBMITTED, created_by=organiser)
    response = act(client, "approve", activity)
    assert "1 goedgekeurd." in response.content.decode()
    activity.refresh_from_db()
    assert activity.status == Status.PUBLISHED and activity.published_at is not None
    entry = audit_trail(activity).first()
    assert (entry.action, entry.actor, entry.from_status) == (
        "activity.approved",
        staff,
        "submitted",
    )
    assert any("staat online" in subject for subject in mails_to(organiser.email))


def test_rejecting_needs_a_reason_and_then_audits_and_mails(client, staff, organiser):
    activity = ActivityFactory(status=Status.SUBMITTED, created_by=organiser)
    response = act(client, "reject", activity)
    assert "Kies of schrijf een reden." in response.content.decode()
    activity.refresh_from_db()
    assert activity.status == Status.SUBMITTED and not audit_trail(activity).exists()
    act(client, "reject", activity, reason="Vooral reclame.")
    activity.refresh_from_db()
    assert activity.status == Status.REJECTED
    entry = audit_trail(activity).first()
    assert (entry.action, entry.actor, entry.message) == (
        "activity.rejected",
        staff,
        "Vooral reclame.",
    )
    assert mails_to(organiser.email)


def test_cancelling_tells_the_participants(client, staff):
    activity = future_activity(capacity=5, signup_confirmation=Activity.Confirmation.INSTANT)
    signups.sign_up(activity=activity, name="Anna", email="anna@example.nl", places=1)
    act(client, "cancel", activity, reason="De spreker is ziek.")
    activity.refresh_from_db()
    assert (activity.status, activity.cancellation_reason) == (
        Status.CANCELLED,
        "De spreker is ziek.",
    )
    assert audit_trail(activity).first().action == "activity.cancelled"
    assert mails_to("anna@example.nl")


def test_a_step_the_service_refuses_is_reported_not_made(client, staff):
    activity = ActivityFactory(status=Status.DRAFT)
    response = act(client, "approve", activity)
    (message,) = [str(message) for message in response.context["messages"]]
    assert message.startswith(f"{activity}: Alleen een ingediende")  # the service's refusal
    activity.refresh_from_db()
    assert activity.status == Status.DRAFT
