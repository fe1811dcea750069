"""The coordinators' note on an activity: the coordinators of its region and national staff
read and write it on the review page (each change in the audit trail); the organiser never sees
it, nor does any public page, feed, API answer or export; another region's coordinator cannot
write it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from estafette.activities import services
from estafette.activities.models import Activity, CoordinatorNote
from estafette.core.audit import audit_trail
from estafette.signups import services as signup_services
from tests.factories import ActivityFactory, add_totp, force_login_with_two_factor

pytestmark = pytest.mark.django_db

NOTE = "Spreker nog niet bevestigd; bel Jansen voor donderdag"


@pytest.fixture
def activity(organisation, organiser, coming_edition):
    """Published in oost's coming week, open for sign-up, with one participant."""
    activity = ActivityFactory(
        lead_organisation=organisation,
        created_by=organiser,
        stage=coming_edition.stages.get(region__slug="oost"),
        edition=coming_edition,
    )
    signup_services.sign_up(activity=activity, name="Mia de Vries", email="mia@example.nl")
    return activity


@pytest.fixture
def coordinator(coordinator_oost):
    """Oost's coordinator with two factors set up (the service asks for them, as reviewing does)."""
    add_totp(coordinator_oost)
    return coordinator_oost


def write_note(client, activity, text):
    return client.post(
        reverse("activities:coordinator_note", args=[activity.pk]), {"coordinator_note-text": text}
    )


def test_the_coordinator_writes_the_note_on_the_review_page_and_it_is_audited(
    coordinator_client, coordinator_oost, activity
):
    response = write_note(coordinator_client, activity, f"  {NOTE}  ")
    assert response.status_code == 302
    assert response.url == reverse("activities:review", args=[activity.pk]) + "#note-heading"
    note = CoordinatorNote.objects.get(activity=activity)
    assert (note.text, note.updated_by) == (NOTE, coordinator_oost)
    page = coordinator_client.get(reverse("activities:review", args=[activity.pk])).content
    assert NOTE in page.decode()
    entry = audit_trail(activity).first()
    assert (entry.action, entry.actor) == ("activity.coordinator_note_changed", coordinator_oost)
    assert NOTE not in entry.message and NOTE not in str(entry.data)
    assert "notitie voor coördinatoren gewijzigd" in page.decode()  # the trail says it changed

    write_note(coordinator_client, activity, NOTE)  # the same text again: nothing to record
    assert audit_trail(activity).filter(action="activity.coordinator_note_changed").count() == 1
    write_note(coordinator_client, activity, "")
    assert CoordinatorNote.objects.get(activity=activity).text == ""
    assert audit_trail(activity).first().data == {"cleared": True}


def test_national_staff_write_it_too(client, national_admin, activity):
    force_login_with_two_factor(client, national_admin)
    assert write_note(client, activity, NOTE).status_code == 302
    assert CoordinatorNote.objects.get(activity=activity).updated_by == national_admin


def test_another_regions_coordinator_can_neither_read_nor_write_it(
    client, coordinator_west, coordinator, activity
):
    services.set_coordinator_note(activity=activity, by=coordinator, text=NOTE)
    force_login_with_two_factor(client, coordinator_west)
    assert client.get(reverse("activities:review", args=[activity.pk])).status_code == 404
    assert write_note(client, activity, "Overschreven door west").status_code == 404
    with pytest.raises(PermissionDenied):
        services.set_coordinator_note(activity=activity, by=coordinator_west, text="Van west")
    assert CoordinatorNote.objects.get(activity=activity).text == NOTE
    assert not audit_trail(activity).filter(actor=coordinator_west).exists()


def test_the_organiser_cannot_write_it(organiser_client, organiser, coordinator, activity):
    services.set_coordinator_note(activity=activity, by=coordinator, text=NOTE)
    assert write_note(organiser_client, activity, "Van de organisator").status_code == 404
    with pytest.raises(PermissionDenied):
        services.set_coordinator_note(activity=activity, by=organiser, text="Van de organisator")
    assert CoordinatorNote.objects.get(activity=activity).text == NOTE


def test_the_organiser_and_the_public_never_see_it(
    organiser_client, coordinator, activity, coming_edition
):
    services.set_coordinator_note(activity=activity, by=coordinator, text=NOTE)
    marker = "Jansen"  # a word of the note that nothing else on these pages says
    organiser_pages = [
        reverse("activities:dashboard"),
        reverse("activities:edit", args=[activity.pk]),
        reverse("signups:participants", args=[activity.pk]),
        reverse("signups:export_csv", args=[activity.pk]),
        activity.get_absolute_url(),
    ]
    assert organiser_client.get(reverse("activities:review", args=[activity.pk])).status_code == 404
    for url in organiser_pages:
        response = organiser_client.get(url)
        assert response.status_code == 200, url
        assert marker not in response.content.decode(), url
    public = Client()
    public_pages = [
        activity.get_absolute_url(),
        f"/agenda/?edition={coming_edition.year}",
        "/api/v1/activities",
        f"/api/v1/activities/{activity.pk}",
        "/api/v1/activities.csv",
        "/agenda.ics",
        "/agenda.rss",
        "/agenda.atom",
        f"/activiteit/{activity.pk}.ics",
    ]
    for url in public_pages:
        response = public.get(url)
        assert response.status_code == 200, url
        body = b"".join(response) if response.streaming else response.content
        assert marker.encode() not in body, url
    # Nor does the agenda's search find the activity by a word of the note.
    agenda = f"/agenda/?edition={coming_edition.year}"
    listed_as = f'data-activity-id="{activity.pk}"'
    assert listed_as in public.get(agenda).content.decode()
    assert listed_as not in public.get(agenda + "&q=Jansen").content.decode()
    # Not even in the coordinators' own export of their region's activities.
    coordinator_browser = Client()
    force_login_with_two_factor(coordinator_browser, coordinator)
    for file_format in ("csv", "xlsx"):
        export = coordinator_browser.get(
            reverse("figures:region_export", args=["oost", coming_edition.year, file_format])
        )
        assert export.status_code == 200
        body = b"".join(export) if export.streaming else export.content
        assert activity.title.encode() in body or file_format == "xlsx"
        assert marker.encode() not in body
    listed = public.get("/api/v1/activities").json()["results"]
    assert activity.pk in {row["id"] for row in listed}  # the activity itself is there


def test_it_stays_with_the_activity_when_the_organiser_copies_it(
    coordinator, organiser, activity, open_edition
):
    services.set_coordinator_note(activity=activity, by=coordinator, text=NOTE)
    copy = services.duplicate_activity(activity=activity, by=organiser, into_edition=open_edition)
    assert copy.status == Activity.Status.DRAFT
    assert not CoordinatorNote.objects.filter(activity=copy).exists()
