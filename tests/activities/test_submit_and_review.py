"""Submit → coordinator e-mail; approve, request changes, reject with e-mails and audit entries.
(Edits of a published activity: test_revisions.)"""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from estafette.activities import services
from estafette.activities.models import Activity
from estafette.core.audit import audit_trail
from tests.activities.conftest import activity_data

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def submitted(
    organiser_client,
    organisation,
    open_edition,
    coordinator_oost,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(
            reverse("activities:create"), activity_data(organisation, submit="1")
        )
    assert response.status_code == 302
    return Activity.objects.get()


def test_submitting_sends_it_to_the_regions_coordinator(submitted, coordinator_oost):
    assert submitted.status == Activity.Status.SUBMITTED
    to_coordinator = [m for m in mail.outbox if coordinator_oost.email in m.to]
    assert len(to_coordinator) == 1
    message = to_coordinator[0]
    assert "Nieuwe activiteit om te beoordelen" in message.subject
    assert f"/beoordelen/{submitted.pk}/" in message.body
    assert message.alternatives and "text/html" in message.alternatives[0][1]
    assert [e.action for e in audit_trail(submitted)] == ["activity.submitted", "activity.created"]


def test_coordinator_of_another_region_gets_no_mail(coordinator_west, submitted):
    """West's coordinator exists before oost's activity is submitted, and hears nothing of it."""
    assert any(m.to for m in mail.outbox), "the submission mailed someone"
    assert all(coordinator_west.email not in m.to for m in mail.outbox)
    assert coordinator_west.email not in services.coordinator_emails(submitted)


def test_approve_publishes_mails_the_organiser_and_is_audited(
    submitted, coordinator_client, coordinator_oost, organiser, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(reverse("activities:approve", args=[submitted.pk]))
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Activity.Status.PUBLISHED
    assert submitted.published_at is not None
    assert submitted.reviewed_snapshot["title"] == "Beeldbellen voor mantelzorgers"
    (message,) = mail.outbox
    assert message.to == [organiser.email]
    assert "staat online" in message.subject
    assert submitted.get_absolute_url() in message.body
    entry = audit_trail(submitted).first()
    assert (entry.actor, entry.action, entry.from_status, entry.to_status) == (
        coordinator_oost,
        "activity.approved",
        "submitted",
        "published",
    )
    assert client_sees(submitted)


def client_sees(activity):
    from django.test import Client

    return Client().get(activity.get_absolute_url()).status_code == 200


def test_request_changes_needs_a_message(submitted, coordinator_client):
    response = coordinator_client.post(
        reverse("activities:request_changes", args=[submitted.pk]), {"message": " "}
    )
    assert response.status_code == 400
    submitted.refresh_from_db()
    assert submitted.status == Activity.Status.SUBMITTED


def test_request_changes_mails_the_question_and_shows_it_on_the_dashboard(
    submitted, coordinator_client, organiser_client, coordinator_oost, organiser,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            reverse("activities:request_changes", args=[submitted.pk]),
            {"message": "Zet de begintijd op 15:00, dan kan de wethouder er ook bij zijn."},
        )
    submitted.refresh_from_db()
    assert submitted.status == Activity.Status.CHANGES_REQUESTED
    (message,) = mail.outbox
    assert message.to == [organiser.email]
    assert "wethouder" in message.body
    assert f"/mijn/activiteit/{submitted.pk}/bewerken/" in message.body
    entry = audit_trail(submitted).first()
    assert entry.action == "activity.changes_requested" and "wethouder" in entry.message
    organiser_client.force_login(organiser)
    page = organiser_client.get(reverse("activities:dashboard")).content.decode()
    assert "De coördinator vraagt:" in page and "wethouder" in page


def test_reject_with_a_preset_reason(
    submitted, coordinator_client, organiser, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            reverse("activities:reject", args=[submitted.pk]),
            {"preset": "commercial", "reason": "Het is een productdemo."},
        )
    submitted.refresh_from_db()
    assert submitted.status == Activity.Status.REJECTED
    (message,) = mail.outbox
    assert "reclame of verkoop" in message.body and "productdemo" in message.body
    assert audit_trail(submitted).first().action == "activity.rejected"


def test_reject_without_any_reason_is_refused(submitted, coordinator_client):
    response = coordinator_client.post(reverse("activities:reject", args=[submitted.pk]), {})
    assert response.status_code == 400
    assert "Kies een reden of schrijf er een." in response.content.decode()


def test_cancel_asks_a_reason_shown_publicly(submitted, coordinator_oost, organiser_client):
    services.approve_activity(activity=submitted, by=coordinator_oost)
    url = reverse("activities:cancel", args=[submitted.pk])
    assert organiser_client.post(url, {"reason": ""}).status_code == 200
    response = organiser_client.post(url, {"reason": "De spreker is ziek."})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Activity.Status.CANCELLED
    assert submitted.cancellation_reason == "De spreker is ziek."
    from django.test import Client

    assert "De spreker is ziek." in Client().get(submitted.get_absolute_url()).content.decode()
    assert audit_trail(submitted).first().message == "De spreker is ziek."


def test_an_incomplete_draft_cannot_be_submitted(organisation, organiser, open_edition):
    from tests.factories import ActivityFactory

    activity = ActivityFactory(
        lead_organisation=organisation, status=Activity.Status.DRAFT, year=2023, summary=""
    )
    with pytest.raises(ValidationError) as error:
        services.submit_activity(activity=activity, by=organiser)
    assert "summary" in error.value.message_dict


def test_sending_back_needs_the_coordinators_words_and_a_submitted_activity(
    submitted, coordinator_oost, organiser, django_capture_on_commit_callbacks
):
    with pytest.raises(ValidationError) as error:
        services.request_changes(activity=submitted, by=coordinator_oost, message=" ")
    assert error.value.message_dict == {"message": ["Schrijf wat de organisator moet aanpassen."]}
    with pytest.raises(ValidationError) as error:
        services.reject_activity(activity=submitted, by=coordinator_oost, reason="")
    assert error.value.message_dict == {"reason": ["Kies of schrijf een reden."]}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_activity(activity=submitted, by=coordinator_oost, reason=" Reclame. ")
    entry = audit_trail(submitted).first()
    assert (entry.action, entry.message, entry.from_status, entry.to_status) == (
        "activity.rejected",
        "Reclame.",
        "submitted",
        "rejected",
    )
    (message,) = mail.outbox
    assert message.to == [organiser.email] and "Reclame." in message.body
    with pytest.raises(ValidationError) as error:
        services.request_changes(activity=submitted, by=coordinator_oost, message="Nog iets?")
    assert error.value.messages == [
        "Alleen een ingediende activiteit kan terug naar de organisator."
    ]
    with pytest.raises(ValidationError) as error:
        services.reject_activity(activity=submitted, by=coordinator_oost, reason="Nogmaals.")
    assert error.value.messages == ["Alleen een ingediende activiteit kan worden afgewezen."]
    assert audit_trail(submitted).count() == 3  # created, submitted, rejected
