"""An organisation's public page lists its published activities of all editions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from estafette.partners.models import Partner
from tests.factories import ActivityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Bibliotheek Enschede", slug="bibliotheek-enschede")


def page(client, organisation):
    response = client.get(f"/organisatie/{organisation.slug}/")
    assert response.status_code == 200
    return response


def test_lists_led_and_accepted_co_organised_activities_grouped_by_edition(client, organisation):
    ActivityFactory(lead_organisation=organisation, title="Digitaal spreekuur", year=2022)
    ActivityFactory(lead_organisation=organisation, title="Zorgapps uitproberen", year=2023)
    partnered = ActivityFactory(title="Samen sterk in de wijk", year=2023, region="west")
    Partner.objects.create(activity=partnered, organisation=organisation, status="accepted")
    html = page(client, organisation).content.decode()
    assert html.index("Slimme Zorg Estafette 2023") < html.index("Zorgapps uitproberen")
    assert html.index("Zorgapps uitproberen") < html.index("Slimme Zorg Estafette 2022")
    assert html.index("Slimme Zorg Estafette 2022") < html.index("Digitaal spreekuur")
    assert "Samen sterk in de wijk" in html
    assert "mede-organisator, met" in html


def test_drafts_and_unanswered_or_declined_partnerships_are_not_listed(client, organisation):
    ActivityFactory(lead_organisation=organisation, title="Nog een concept", status="draft")
    for status, title in [
        ("invited", "Alleen uitgenodigd"),
        ("declined", "Afgeslagen samenwerking"),
    ]:
        activity = ActivityFactory(title=title)
        Partner.objects.create(activity=activity, organisation=organisation, status=status)
    html = page(client, organisation).content.decode()
    for title in ["Nog een concept", "Alleen uitgenodigd", "Afgeslagen samenwerking"]:
        assert title not in html
    assert "nog geen gepubliceerde activiteiten" in html


def test_cancelled_activities_stay_visible_with_a_label(client, organisation):
    ActivityFactory(lead_organisation=organisation, title="Afgelaste markt", status="cancelled")
    html = page(client, organisation).content.decode()
    assert "Afgelaste markt" in html and "Geannuleerd" in html


def test_unknown_organisation_is_a_404(client):
    assert client.get("/organisatie/bestaat-niet/").status_code == 404


def test_the_public_page_is_cacheable(client, organisation):
    first = page(client, organisation)
    assert "csrfmiddlewaretoken" not in first.content.decode()
    assert not first.cookies
    assert first["X-Cache"] == "miss"
    assert page(client, organisation)["X-Cache"] == "hit"


def test_the_url_name_others_link_to(organisation):
    assert organisation.get_absolute_url() == "/organisatie/bibliotheek-enschede/"


def test_activities_of_an_edition_that_is_not_yet_public_are_not_listed(client, organisation):
    activity = ActivityFactory(lead_organisation=organisation, title="Geheime preview")
    activity.edition.is_published = False
    activity.edition.save()
    assert "Geheime preview" not in page(client, organisation).content.decode()


def test_the_rows_are_read_by_id_after_the_ids(client, organisation):
    """With the page's eight joins PostgreSQL kept them in the order written and joined every
    public activity before it looked for this organisation's (509 ms at 100,000): the ids come
    first, and the statement that reads the rows with their joins asks nothing of partners."""
    ActivityFactory(lead_organisation=organisation, title="Digitaal spreekuur")
    with CaptureQueriesContext(connection) as captured:
        assert "Digitaal spreekuur" in page(client, organisation).content.decode()
    rows = [q["sql"] for q in captured if "relay_nationalmoment" in q["sql"]]
    assert len(rows) == 1 and "activities_coorganisation" not in rows[0]
