"""A region's week page: results during the week, the hand-over after it, the national summary."""

import pytest

from estafette.partners.models import Partner
from estafette.results import services
from tests.factories import ActivityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def week_with_results(held_activity, organiser):
    partner = OrganisationFactory(name="Bibliotheek Enschede", kind="library")
    Partner.objects.create(activity=held_activity, organisation=partner, status="accepted")
    ActivityFactory(title="Tweede workshop")
    ActivityFactory(title="Afgelaste markt", status="cancelled")
    services.report_result(
        activity=held_activity,
        by=organiser,
        participants=40,
        professionals=25,
        citizens=12,
        summary="Drie nieuwe samenwerkingen.",
        lessons="Laat deelnemers zelf oefenen.",
    )
    return held_activity


def test_after_the_week_the_stage_page_hands_over_to_the_next_region(client, week_with_results):
    page = client.get("/editie/2023/regio/oost/").content.decode()
    assert "Het stokje: van regio oost naar regio west" in page
    # the week in figures: 2 held activities (cancelled left out), 3 organisations, 1 partnership
    assert "<dt>Activiteiten</dt><dd>2</dd>" in page
    assert "<dt>Organisaties</dt><dd>3</dd>" in page
    assert "<dt>Samenwerkingen</dt><dd>1</dd>" in page
    assert "<dt>Gemelde deelnemers</dt><dd>40</dd>" in page
    assert "Drie nieuwe samenwerkingen." in page
    assert "Laat deelnemers zelf oefenen." in page


def test_the_region_page_links_to_its_week_in_each_edition(client, week_with_results):
    page = client.get("/regio/oost/").content.decode()
    assert 'href="/editie/2023/regio/oost/"' in page


def test_the_last_week_closes_the_edition_with_the_national_summary(client, week_with_results):
    page = client.get("/editie/2023/").content.decode()
    assert "Terugblik op de hele estafette" in page
    assert 'href="/editie/2023/regio/zuid/"' in page
    assert "Laat deelnemers zelf oefenen." in page


def test_an_unknown_week_is_not_found(client):
    assert client.get("/editie/1999/regio/oost/").status_code == 404


def test_the_english_stage_page(client, week_with_results):
    page = client.get("/en/editie/2023/regio/oost/").content.decode()
    assert "The week in figures" in page
