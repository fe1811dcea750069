"""The review page shows what the relay judges an activity on: partners (with where their
invitation stands), themes, types, audiences, interactivity, format, places and sign-up, and
for a revision of a published activity these in the "Nu online" / "Voorgesteld" comparison."""

from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from estafette.activities import services
from estafette.activities.models import Activity, InteractiveElement, Theme
from estafette.partners.models import Partner
from tests.factories import ActivityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(organisation):
    activity = ActivityFactory(
        lead_organisation=organisation,
        status=Activity.Status.SUBMITTED,
        submitted_at=timezone.now(),
        format=Activity.Format.HYBRID,
        online_url="https://meet.example.nl/zorg",
        capacity=24,
        max_places_per_signup=3,
    )
    activity.interactive_elements.add(InteractiveElement.objects.order_by("pk").first())
    Partner.objects.create(
        activity=activity,
        organisation=OrganisationFactory(name="Bibliotheek Deventer"),
        status=Partner.Status.ACCEPTED,
    )
    Partner.objects.create(
        activity=activity, invited_email="info@wijkteam.example.nl", invited_name="Wijkteam Oost"
    )
    Partner.objects.create(
        activity=activity,
        organisation=OrganisationFactory(name="Huisartsenpraktijk Lonneker"),
        status=Partner.Status.DECLINED,
    )
    return activity


def facts(page: str) -> dict[str, str]:
    """The review page's facts as {term: description}, text only."""
    import re

    section = page.split('class="facts review-facts"', 1)[1].split("</dl>", 1)[0]
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", section, flags=re.S)
    text = lambda markup: " ".join(unescape(re.sub(r"<[^>]+>", " ", markup)).split())  # noqa: E731
    return {text(term): text(description) for term, description in pairs}


def test_the_review_page_shows_what_the_relay_judges_on(coordinator_client, waiting):
    page = coordinator_client.get(reverse("activities:review", args=[waiting.pk])).content
    shown = facts(page.decode())
    assert shown["Partners"] == (
        "Bibliotheek Deventer (Geaccepteerd) Wijkteam Oost (Uitgenodigd) "
        "Huisartsenpraktijk Lonneker (Afgeslagen)"
    )
    assert shown["Thema's"] == "Zorg op afstand"
    assert shown["Soort activiteit"] == "Workshop"
    assert shown["Doelgroepen"] == str(waiting.audiences.get())
    assert shown["Interactieve elementen"] == str(waiting.interactive_elements.get())
    assert shown["Vorm"] == "Hybride (op locatie én online)"
    assert shown["Aanmelden"] == "Aanmelden via dit platform"
    assert shown["Aantal plaatsen"] == "24"
    assert shown["Plaatsen per aanmelding"] == "3"


def test_without_partners_or_interactivity_the_page_says_so(coordinator_client, organisation):
    activity = ActivityFactory(
        lead_organisation=organisation,
        status=Activity.Status.SUBMITTED,
        submitted_at=timezone.now(),
        signup_mode=Activity.SignupMode.EXTERNAL,
        signup_url="https://tickets.example.nl/zorg",
        capacity=None,
    )
    page = coordinator_client.get(reverse("activities:review", args=[activity.pk])).content
    shown = facts(page.decode())
    assert shown["Partners"] == "Nog geen partners uitgenodigd"
    assert shown["Interactieve elementen"] == "geen"
    assert shown["Aanmelden"] == (
        "Aanmelden via een andere website: https://tickets.example.nl/zorg"
    )
    assert "Aantal plaatsen" not in shown


def test_a_revision_compares_themes_interactivity_and_sign_up(
    coordinator_client, organiser, waiting, coordinator_oost
):
    waiting.status = Activity.Status.PUBLISHED
    waiting.save()
    other_theme = Theme.objects.exclude(slug="zorg-op-afstand").order_by("pk").first()
    element = InteractiveElement.objects.order_by("pk").last()
    waiting.signup_mode = Activity.SignupMode.NONE
    waiting.capacity = None
    services.update_activity(
        activity=waiting,
        by=organiser,
        relations={"themes": [other_theme], "interactive_elements": [element]},
    )
    assert waiting.revisions.pending().exists()
    page = coordinator_client.get(reverse("activities:review", args=[waiting.pk])).content.decode()
    diff = unescape(page.split('<table class="diff">', 1)[1].split("</table>", 1)[0])
    assert "Thema's" in diff and f"<ins>{other_theme}</ins>" in diff
    assert "<del>Zorg op afstand</del>" in diff
    assert "Interactieve elementen" in diff and f"<ins>{element}</ins>" in diff
    assert "<del>Aanmelden via dit platform</del>" in diff
    assert "<ins>Aanmelden is niet nodig</ins>" in diff
    assert "Aantal plaatsen" in diff and "<del>24</del>" in diff
