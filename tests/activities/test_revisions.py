"""Edits of a published activity wait for the coordinator: the public text, time and place
change only when the coordinator_oost of its region approves the revision (seen through the front
cache, as a visitor sees it); places and cancelling change at once."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from estafette.activities import services
from estafette.activities.models import Activity, Revision
from estafette.core.audit import audit_trail
from estafette.organisations.models import Membership
from estafette.partners.models import Partner
from estafette.wsgi import application
from tests.activities.conftest import activity_data
from tests.core.test_frontcache import call
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    VerifiedUserFactory,
    force_login_with_two_factor,
)

pytestmark = pytest.mark.django_db

OLD_TITLE = "Beeldbellen voor mantelzorgers"
NEW_TITLE = "Beeldbellen voor iedereen in de wijk"


@pytest.fixture(autouse=True)
def _fresh_front_cache():
    cache.clear()
    application.local.clear()
    yield
    application.local.clear()


@pytest.fixture
def published(
    organiser_client,
    organisation,
    open_edition,
    coordinator_oost,
    django_capture_on_commit_callbacks,
):
    """Registered through the form, approved by oost's coordinator: online."""
    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(reverse("activities:create"), activity_data(organisation, submit="1"))
        activity = Activity.objects.get()
        services.approve_activity(activity=activity, by=coordinator_oost)
    activity.refresh_from_db()
    assert activity.status == Activity.Status.PUBLISHED
    mail.outbox.clear()
    return activity


@pytest.fixture
def moderator(coordinator_oost):
    """Oost's coordinator in a browser of their own (the `client` fixture is the organiser's)."""
    browser = Client()
    force_login_with_two_factor(browser, coordinator_oost)
    return browser


def public_page(activity) -> str:
    """The activity's public page as an anonymous visitor gets it, through the front cache."""
    status, headers, body = call(activity.get_absolute_url())
    assert status.startswith("200"), status
    return body.decode()


def agenda(query="") -> str:
    return call("/agenda/", "edition=2027" + query)[2].decode()


def edit(client, activity, captured, **changes):
    data = activity_data(activity.lead_organisation, save="1", **changes)
    with captured(execute=True):
        response = client.post(reverse("activities:edit", args=[activity.pk]), data)
    assert response.status_code == 302, response.content.decode()
    return response


def test_the_published_version_stays_online_until_the_coordinator_approves(
    published, organiser_client, organiser, moderator, coordinator_oost,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    captured = django_capture_on_commit_callbacks
    assert OLD_TITLE in public_page(published)
    assert OLD_TITLE in agenda()  # both in the front cache now
    sequence = published.sequence

    response = edit(
        organiser_client, published, captured, title=NEW_TITLE,
        starts_at="2027-02-04T14:00", ends_at="2027-02-04T16:00",
    )  # fmt: skip
    page = organiser_client.get(response.url).content.decode()
    assert "Uw wijzigingen wachten op de coördinator" in page

    # Online nothing changed: not in the front cache, nor when the page is made afresh.
    for fresh in (False, True):
        if fresh:
            cache.clear()
            application.local.clear()
        assert OLD_TITLE in public_page(published) and NEW_TITLE not in public_page(published)
        assert OLD_TITLE in agenda() and NEW_TITLE not in agenda()
    stored = Activity.objects.get(pk=published.pk)
    assert (stored.title, stored.slug, stored.sequence) == (OLD_TITLE, published.slug, sequence)

    revision = Revision.objects.get()
    assert revision.status == Revision.Status.PENDING
    assert set(revision.changes) == {"title", "starts_at", "ends_at"}
    entry = audit_trail(published).first()
    assert (entry.action, entry.actor) == ("activity.revision.proposed", organiser)
    assert sorted(entry.data["fields"]) == ["ends_at", "starts_at", "title"]
    (to_coordinator,) = mail.outbox
    assert to_coordinator.to == [coordinator_oost.email]
    assert f"/beoordelen/{published.pk}/" in to_coordinator.body

    # Editing again starts from the proposal, with what is online beside it.
    form = organiser_client.get(reverse("activities:edit", args=[published.pk])).content.decode()
    assert f'value="{NEW_TITLE}"' in form and "2027-02-04T14:00" in form
    assert "Nu online" in form and OLD_TITLE in form

    mail.outbox.clear()
    with captured(execute=True):
        response = moderator.post(
            reverse("activities:approve_revision", args=[published.pk, revision.pk])
        )
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.title == NEW_TITLE and published.sequence == sequence + 1
    page = public_page(published)
    assert NEW_TITLE in page and OLD_TITLE not in page
    assert NEW_TITLE in agenda() and OLD_TITLE not in agenda()
    assert f'data-activity-id="{published.pk}"' in agenda("&q=wijk")  # the search index too
    revision.refresh_from_db()
    assert (revision.status, revision.decided_by) == (Revision.Status.APPROVED, coordinator_oost)
    entry = audit_trail(published).first()
    assert (entry.action, entry.actor) == ("activity.revision.approved", coordinator_oost)
    assert sorted(entry.data["fields"]) == ["ends_at", "starts_at", "title"]
    assert [m.to for m in mail.outbox] == [[organiser.email]]
    assert "staat online" in mail.outbox[0].subject
    # The form no longer speaks of a proposal.
    form = organiser_client.get(reverse("activities:edit", args=[published.pk])).content.decode()
    assert "wachten op de coördinator" not in form


def test_the_coordinator_sees_it_in_the_queue_with_the_diff(
    published, organiser_client, moderator, django_capture_on_commit_callbacks
):
    edit(
        organiser_client, published, django_capture_on_commit_callbacks, title=NEW_TITLE,
        starts_at="2027-02-04T14:00", ends_at="2027-02-04T16:00",
    )  # fmt: skip
    queue = moderator.get(reverse("activities:queue")).content.decode()
    assert OLD_TITLE in queue and "wijziging van een gepubliceerde activiteit" in queue
    page = moderator.get(reverse("activities:review", args=[published.pk]))
    page = page.content.decode()
    assert "Voorgestelde wijziging" in page
    diff = page.split('<table class="diff">', 1)[1].split("</table>", 1)[0]
    assert f"<del>{OLD_TITLE}</del>" in diff and f"<ins>{NEW_TITLE}</ins>" in diff
    assert "<del>03-02-2027 14:00</del>" in diff and "<ins>04-02-2027 14:00</ins>" in diff
    assert "Samenvatting" not in diff  # unchanged fields are not in the diff
    assert "wijziging voorgesteld" in page and "Titel" in page  # the trail, with the fields


def test_rejection_keeps_the_published_version(
    published, organiser_client, organiser, moderator, coordinator_oost,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    captured = django_capture_on_commit_callbacks
    edit(organiser_client, published, captured, title=NEW_TITLE)
    revision = Revision.objects.get()
    url = reverse("activities:reject_revision", args=[published.pk, revision.pk])
    response = moderator.post(url, {"note": "  "})
    assert response.status_code == 400
    assert "Schrijf waarom de wijziging niet online gaat." in response.content.decode()
    mail.outbox.clear()
    with captured(execute=True):
        response = moderator.post(url, {"note": "De titel zegt niet wat het is."})
    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.status == Revision.Status.REJECTED
    published.refresh_from_db()
    assert published.title == OLD_TITLE
    page = public_page(published)
    assert OLD_TITLE in page and NEW_TITLE not in page
    (message,) = mail.outbox
    assert message.to == [organiser.email] and "zegt niet wat het is" in message.body
    entry = audit_trail(published).first()
    assert (entry.action, entry.actor, entry.data["fields"]) == (
        "activity.revision.rejected",
        coordinator_oost,
        ["title"],
    )
    assert entry.message == "De titel zegt niet wat het is."
    form = organiser_client.get(reverse("activities:edit", args=[published.pk])).content.decode()
    assert "zegt niet wat het is" in form and f'value="{OLD_TITLE}"' in form
    # Decided is decided: approving it afterwards changes nothing.
    moderator.post(reverse("activities:approve_revision", args=[published.pk, revision.pk]))
    published.refresh_from_db()
    assert published.title == OLD_TITLE


def test_a_new_edit_replaces_the_waiting_proposal(
    published, organiser_client, moderator, django_capture_on_commit_callbacks
):
    captured = django_capture_on_commit_callbacks
    edit(organiser_client, published, captured, title=NEW_TITLE)
    first = Revision.objects.get()
    edit(organiser_client, published, captured, title="Beeldbellen, de tweede poging")
    edit(organiser_client, published, captured, title="Beeldbellen, de tweede poging")
    first.refresh_from_db()
    assert first.status == Revision.Status.REPLACED
    second = Revision.objects.pending().get()
    assert second.changes == {"title": "Beeldbellen, de tweede poging"}
    assert Revision.objects.count() == 2  # saving the same proposal again made no third
    assert len(mail.outbox) == 1  # the coordinator heard of the first proposal only

    # The coordinator who still looks at the first one cannot put it online.
    response = moderator.post(
        reverse("activities:approve_revision", args=[published.pk, first.pk]), follow=True
    )
    assert "vervangen" in response.content.decode()
    published.refresh_from_db()
    assert published.title == OLD_TITLE

    # Back to what is online: the proposal is withdrawn.
    edit(organiser_client, published, captured, title=OLD_TITLE)
    second.refresh_from_db()
    assert second.status == Revision.Status.WITHDRAWN
    assert audit_trail(published).first().action == "activity.revision.withdrawn"
    queue = moderator.get(reverse("activities:queue")).content.decode()
    assert OLD_TITLE not in queue


def test_places_change_at_once_beside_a_waiting_proposal(
    published, organiser_client, organiser, django_capture_on_commit_callbacks
):
    places = Client().get(f"/api/v1/activities/{published.pk}").json()["places_left"]
    assert places == 30
    public_page(published)
    edit(
        organiser_client, published, django_capture_on_commit_callbacks,
        title=NEW_TITLE, capacity="45",
    )  # fmt: skip
    published.refresh_from_db()
    assert (published.capacity, published.title) == (45, OLD_TITLE)
    assert Client().get(f"/api/v1/activities/{published.pk}").json()["places_left"] == 45
    assert Revision.objects.get().changes == {"title": NEW_TITLE}
    actions = {entry.action: entry for entry in audit_trail(published)}
    assert actions["signup.capacity_changed"].data["fields"] == ["capacity"]
    assert actions["signup.capacity_changed"].actor == organiser
    assert actions["activity.revision.proposed"].data["fields"] == ["title"]


def test_cancelling_is_immediate_and_ends_the_proposal(
    published, organiser_client, coordinator_oost, django_capture_on_commit_callbacks
):
    captured = django_capture_on_commit_callbacks
    edit(organiser_client, published, captured, title=NEW_TITLE)
    assert "De spreker is ziek." not in public_page(published)
    with captured(execute=True):
        response = organiser_client.post(
            reverse("activities:cancel", args=[published.pk]), {"reason": "De spreker is ziek."}
        )
    assert response.status_code == 302
    page = public_page(published)
    assert "De spreker is ziek." in page and OLD_TITLE in page
    with pytest.raises(ValidationError):
        services.approve_revision(revision=Revision.objects.get(), by=coordinator_oost)
    published.refresh_from_db()
    assert (published.status, published.title) == (Activity.Status.CANCELLED, OLD_TITLE)


def test_only_the_coordinator_of_its_region_or_national_staff_decides(
    published, organiser_client, organiser, coordinator_west, coordinator_oost,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    captured = django_capture_on_commit_callbacks
    edit(organiser_client, published, captured, title=NEW_TITLE)
    revision = Revision.objects.get()
    url = reverse("activities:approve_revision", args=[published.pk, revision.pk])
    reject_url = reverse("activities:reject_revision", args=[published.pk, revision.pk])

    west = Client()
    force_login_with_two_factor(west, coordinator_west)
    assert west.post(url).status_code == 404
    assert west.post(reject_url, {"note": "Nee."}).status_code == 404
    assert OLD_TITLE not in west.get(reverse("activities:queue")).content.decode()
    assert organiser_client.post(url).status_code in (403, 404)
    without_second_factor = Client()
    without_second_factor.force_login(coordinator_oost)
    assert without_second_factor.post(url).status_code == 302
    revision.refresh_from_db()
    assert revision.status == Revision.Status.PENDING
    published.refresh_from_db()
    assert published.title == OLD_TITLE

    staff = VerifiedUserFactory(email="landelijk@example.nl", is_staff=True)
    national = Client()
    force_login_with_two_factor(national, staff)
    with captured(execute=True):
        assert national.post(url).status_code == 302
    published.refresh_from_db()
    assert published.title == NEW_TITLE


@pytest.fixture
def partner_member(published):
    """A member (not an admin) of an organisation that organises the activity along."""
    partner = OrganisationFactory(name="GGD Twente")
    Partner.objects.create(activity=published, organisation=partner, status="accepted")
    return MembershipFactory(organisation=partner, role=Membership.Role.MEMBER).user


def test_partners_propose_but_change_places_only_as_the_rights_say(
    published, partner_member, django_capture_on_commit_callbacks
):
    captured = django_capture_on_commit_callbacks
    member = partner_member
    client = Client()
    client.force_login(member)
    form = client.get(reverse("activities:edit", args=[published.pk])).content.decode()
    assert "disabled" in re.search(r'<input[^>]*name="capacity"[^>]*>', form).group(0)
    edit(client, published, captured, title=NEW_TITLE, capacity="99")
    published.refresh_from_db()
    assert (published.capacity, published.title) == (30, OLD_TITLE)  # disabled field ignored
    assert Revision.objects.get().proposed_by == member

    published.capacity = 99
    with pytest.raises(ValidationError):
        services.update_activity(activity=published, by=member)
    published.refresh_from_db()
    assert published.capacity == 30


def test_a_submitted_activity_is_still_edited_directly(
    organiser_client, organisation, open_edition, django_capture_on_commit_callbacks
):
    organiser_client.post(reverse("activities:create"), activity_data(organisation, submit="1"))
    activity = Activity.objects.get()
    assert activity.status == Activity.Status.SUBMITTED
    edit(organiser_client, activity, django_capture_on_commit_callbacks, title=NEW_TITLE)
    activity.refresh_from_db()
    assert activity.title == NEW_TITLE
    assert not Revision.objects.exists()
    assert audit_trail(activity).first().action == "activity.edited"


@pytest.mark.parametrize("approve", [True, False])
def test_whoever_proposed_the_revision_hears_the_decision_beside_the_organiser(
    published, partner_member, organiser, coordinator_oost, approve,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    captured = django_capture_on_commit_callbacks
    member = partner_member
    client = Client()
    client.force_login(member)
    edit(client, published, captured, title=NEW_TITLE)
    revision = Revision.objects.get()
    mail.outbox.clear()
    with captured(execute=True):
        if approve:
            services.approve_revision(revision=revision, by=coordinator_oost)
        else:
            services.reject_revision(revision=revision, by=coordinator_oost, note=" Te vaag. ")
    revision.refresh_from_db()
    assert (revision.status, revision.decided_by) == (
        Revision.Status.APPROVED if approve else Revision.Status.REJECTED,
        coordinator_oost,
    )
    assert revision.decided_at is not None
    assert revision.note == ("" if approve else "Te vaag.")
    assert sorted(address for m in mail.outbox for address in m.to) == sorted(
        [organiser.email, member.email]
    )
    assert all(("Te vaag." in m.body) != approve for m in mail.outbox)
    entry = audit_trail(published).first()
    assert (entry.action, entry.message, entry.data["fields"]) == (
        "activity.revision.approved" if approve else "activity.revision.rejected",
        "" if approve else "Te vaag.",
        ["title"],
    )
