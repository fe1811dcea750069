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
)
from tests.signups.conftest import future_activity

pytestmark = pytest.mark.django_db

Status = Activity.Status
CHANGELIST = "/beheer/activities/activity/"


def act(client, action, *activities, reason=""):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [a.pk for a in activities], "reason": reason},
        follow=True,
    )


def mails_to(address) -> list[str]:
    return [m.subject for m in OutboxMessage.objects.all() if address in m.to]


def test_the_change_form_shows_the_status_but_cannot_change_it(site_admin_client, site_admin):
    activity = ActivityFactory(status=Status.SUBMITTED)
    page = site_admin_client.get(f"{CHANGELIST}{activity.pk}/change/").content.decode()
    assert 'name="status"' not in page
    assert "Ingediend" in page  # shown, read-only
    request = type("Request", (), {"user": site_admin})()
    admin = ActivityAdmin(Activity, site)
    assert "status" not in admin.get_form(request, activity).base_fields


def test_approving_in_the_admin_publishes_audits_and_mails(
    site_admin_client, site_admin, organiser
):
    activity = ActivityFactory(status=Status.SUBMITTED, created_by=organiser)
    response = act(site_admin_client, "approve", activity)
    assert "1 goedgekeurd." in response.content.decode()
    activity.refresh_from_db()
    assert activity.status == Status.PUBLISHED and activity.published_at is not None
    entry = audit_trail(activity).first()
    assert (entry.action, entry.actor, entry.from_status) == (
        "activity.approved",
        site_admin,
        "submitted",
    )
    assert any("staat online" in subject for subject in mails_to(organiser.email))


def test_rejecting_needs_a_reason_and_then_audits_and_mails(
    site_admin_client, site_admin, organiser
):
    activity = ActivityFactory(status=Status.SUBMITTED, created_by=organiser)
    response = act(site_admin_client, "reject", activity)
    assert "Kies of schrijf een reden." in response.content.decode()
    activity.refresh_from_db()
    assert activity.status == Status.SUBMITTED and not audit_trail(activity).exists()
    act(site_admin_client, "reject", activity, reason="Vooral reclame.")
    activity.refresh_from_db()
    assert activity.status == Status.REJECTED
    entry = audit_trail(activity).first()
    assert (entry.action, entry.actor, entry.message) == (
        "activity.rejected",
        site_admin,
        "Vooral reclame.",
    )
    assert mails_to(organiser.email)


def test_cancelling_tells_the_participants(site_admin_client, site_admin):
    activity = future_activity(capacity=5, signup_confirmation=Activity.Confirmation.INSTANT)
    signups.sign_up(activity=activity, name="Anna", email="anna@example.nl", places=1)
    act(site_admin_client, "cancel", activity, reason="De spreker is ziek.")
    activity.refresh_from_db()
    assert (activity.status, activity.cancellation_reason) == (
        Status.CANCELLED,
        "De spreker is ziek.",
    )
    assert audit_trail(activity).first().action == "activity.cancelled"
    assert mails_to("anna@example.nl")


def test_a_step_the_service_refuses_is_reported_not_made(site_admin_client, site_admin):
    activity = ActivityFactory(status=Status.DRAFT)
    response = act(site_admin_client, "approve", activity)
    (message,) = [str(message) for message in response.context["messages"]]
    assert message.startswith(f"{activity}: Alleen een ingediende")  # the service's refusal
    activity.refresh_from_db()
    assert activity.status == Status.DRAFT


def test_a_staff_edit_of_other_fields_is_audited_with_their_names(site_admin_client, site_admin):
    from estafette.core.models import AuditEntry
    from tests.admin_forms import change_form_data

    activity = ActivityFactory(status=Status.PUBLISHED, title="Zorg thuis")
    url = f"{CHANGELIST}{activity.pk}/change/"
    data = change_form_data(site_admin_client.get(url))
    data.update(title="Zorg thuis met technologie", capacity="40")
    response = site_admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    activity.refresh_from_db()
    assert (activity.title, activity.capacity, activity.status) == (
        "Zorg thuis met technologie",
        40,
        Status.PUBLISHED,
    )
    entry = AuditEntry.objects.get(action="activity.changed_by_staff")
    assert entry.actor == site_admin and entry.target_id == activity.pk
    assert sorted(entry.data["fields"]) == ["capacity", "title"]


def test_a_staff_deletion_is_audited(site_admin_client, site_admin):
    from estafette.core.models import AuditEntry

    activity = ActivityFactory(status=Status.DRAFT)
    response = site_admin_client.post(f"{CHANGELIST}{activity.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()
    entry = AuditEntry.objects.get(action="activity.deleted_by_staff")
    assert (entry.actor, entry.target_id) == (site_admin, activity.pk)
