"""Approving several checked items of the queue at once: one POST (with its CSRF token, no
JavaScript needed) runs each through the same approve service as the review page, each with its
own permission check, audit entry and e-mail; what cannot be approved is named with the reason
while the rest still goes through."""

import re
from html import unescape

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from estafette.activities import services
from estafette.activities.models import Activity
from estafette.core.audit import audit_trail
from tests.factories import ActivityFactory, OrganisationFactory, force_login_with_two_factor

pytestmark = pytest.mark.django_db


def submitted(organisation, organiser, title, region="oost"):
    return ActivityFactory(
        lead_organisation=organisation,
        created_by=organiser,
        title=title,
        region=region,
        status=Activity.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )


@pytest.fixture
def queue(organisation, organiser):
    """Two submitted activities of oost, a published one of oost with a proposed new title, one
    submitted in oost that will be decided on before the coordinator presses the button, and
    one of west."""
    revised = ActivityFactory(lead_organisation=organisation, created_by=organiser)
    revised.title = "Beeldbellen voor iedereen"
    services.update_activity(activity=revised, by=organiser)
    return {
        "first": submitted(organisation, organiser, "Robotkat op bezoek"),
        "second": submitted(organisation, organiser, "Valpreventie met sensoren"),
        "revised": Activity.objects.get(pk=revised.pk),
        "stale": submitted(organisation, organiser, "Medicijnrobot in de wijk"),
        "west": submitted(OrganisationFactory(), None, "Zorgapp-spreekuur Leiden", "west"),
    }


def browser_of(user) -> Client:
    """A coordinator's browser that, like a real one, sends the CSRF token or is refused."""
    browser = Client(enforce_csrf_checks=True)
    force_login_with_two_factor(browser, user)
    return browser


def csrf_token(page: str) -> str:
    form = page.split('class="bulk-approval"', 1)[1].split("</form>", 1)[0]
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)


def test_each_checkbox_is_labelled_with_the_title_and_only_waiting_items_have_one(
    queue, coordinator_oost
):
    page = browser_of(coordinator_oost).get(reverse("activities:queue")).content.decode()
    assert 'action="/beoordelen/goedkeuren/"' in page and 'method="post"' in page
    for key in ("first", "second", "revised", "stale"):
        activity = queue[key]
        box = f'<input type="checkbox" name="activity" value="{activity.pk}" id="select-{activity.pk}">'
        label = f'<label for="select-{activity.pk}" class="visually-hidden">Selecteer {activity.title}</label>'
        assert box in page and label in page
    assert f'value="{queue["west"].pk}"' not in page
    assert "Geselecteerde goedkeuren" in page
    published = browser_of(coordinator_oost).get(
        reverse("activities:queue"), {"status": "published"}
    )
    assert 'type="checkbox" name="activity"' in published.content.decode()  # the revised one
    rejected = browser_of(coordinator_oost).get(reverse("activities:queue"), {"status": "rejected"})
    assert "Geselecteerde goedkeuren" not in rejected.content.decode()


def test_checked_items_are_approved_one_by_one_and_refusals_are_named(
    queue, coordinator_oost, organiser, django_capture_on_commit_callbacks
):
    browser = browser_of(coordinator_oost)
    token = csrf_token(browser.get(reverse("activities:queue")).content.decode())
    # Meanwhile another coordinator sends one back to its organiser.
    services.request_changes(activity=queue["stale"], by=coordinator_oost, message="Welke wijk?")
    mail.outbox.clear()
    chosen = [queue[key].pk for key in ("first", "second", "revised", "stale", "west")]
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(
            reverse("activities:approve_selected"),
            {"csrfmiddlewaretoken": token, "activity": chosen},
            follow=True,
        )
    assert response.redirect_chain == [(reverse("activities:queue"), 302)]
    for key in ("first", "second"):
        activity = Activity.objects.get(pk=queue[key].pk)
        assert activity.status == Activity.Status.PUBLISHED
        entry = audit_trail(activity).first()
        assert (entry.action, entry.actor, entry.to_status) == (
            "activity.approved", coordinator_oost, "published",
        )  # fmt: skip
    revised = Activity.objects.get(pk=queue["revised"].pk)
    assert revised.title == "Beeldbellen voor iedereen"
    assert audit_trail(revised).first().action == "activity.revision.approved"
    assert Activity.objects.get(pk=queue["stale"].pk).status == Activity.Status.CHANGES_REQUESTED
    assert Activity.objects.get(pk=queue["west"].pk).status == Activity.Status.SUBMITTED
    assert not audit_trail(queue["west"]).filter(action="activity.approved").exists()
    # One mail per approved item, each about its own activity.
    assert sorted(m.to[0] for m in mail.outbox) == [organiser.email] * 3
    subjects = " ".join(m.subject + m.body for m in mail.outbox)
    for title in ("Robotkat op bezoek", "Valpreventie met sensoren", "Beeldbellen voor iedereen"):
        assert title in subjects
    page = unescape(response.content.decode())
    assert "3 activiteiten goedgekeurd" in page
    assert (
        "Niet goedgekeurd: Medicijnrobot in de wijk. "
        "Alleen een ingediende activiteit kan worden goedgekeurd." in page
    )
    assert "Niet goedgekeurd: Een gekozen activiteit staat niet in uw wachtrij." in page
    assert "Zorgapp-spreekuur Leiden" not in page  # another region's title stays unknown


def test_without_the_csrf_token_nothing_is_approved(queue, coordinator_oost):
    response = browser_of(coordinator_oost).post(
        reverse("activities:approve_selected"), {"activity": [queue["first"].pk]}
    )
    assert response.status_code == 403
    assert Activity.objects.get(pk=queue["first"].pk).status == Activity.Status.SUBMITTED


def test_nothing_checked_asks_to_choose(coordinator_client):
    response = coordinator_client.post(reverse("activities:approve_selected"), follow=True)
    assert "Kies eerst een of meer activiteiten om goed te keuren." in response.content.decode()


def test_another_regions_coordinator_and_an_organiser_approve_nothing(
    queue, coordinator_west, organiser_client
):
    oost = [queue[key].pk for key in ("first", "second")]
    outcome = services.approve_selected(pks=oost, by=coordinator_west)
    assert outcome.approved == [] and len(outcome.refused) == 2
    response = browser_of(coordinator_west).get(reverse("activities:queue"))
    assert "Robotkat op bezoek" not in response.content.decode()
    assert (
        organiser_client.post(
            reverse("activities:approve_selected"), {"activity": oost}
        ).status_code
        == 403
    )
    assert set(Activity.objects.filter(pk__in=oost).values_list("status", flat=True)) == {
        Activity.Status.SUBMITTED
    }
