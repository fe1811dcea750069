"""The home page invites (issue 13, point 8): what is on this week near me, a call to organisers,
and counts on the home, region and edition pages that leave out cancelled activities."""

import datetime as dt
import re
from unittest import mock

import pytest
from django.utils import timezone

from estafette.activities.models import Activity
from tests.factories import ActivityFactory, OrganisationFactory, at

pytestmark = pytest.mark.django_db

AMSTERDAM = dt.timezone(dt.timedelta(hours=1))


def _now(*args):
    return mock.patch.object(timezone, "now", return_value=dt.datetime(*args, tzinfo=AMSTERDAM))


def _near_me_form(html: str) -> str:
    start = html.index('<section class="near-me"')
    return html[start : html.index("</section>", start)]


def test_home_asks_what_is_on_this_week_near_me_in_a_plain_get_form(client):
    with _now(2023, 2, 7, 10, 0):
        html = client.get("/").content.decode()
    form = _near_me_form(html)
    assert "Wat is er deze week bij mij in de buurt?" in form
    assert '<form method="get" action="/agenda/">' in form
    assert '<label for="near-me-place">Uw postcode of woonplaats</label>' in form
    assert 'name="near" id="near-me-place"' in form
    assert 'maxlength="40"' in form  # as long as the agenda's filter takes
    assert '<input type="hidden" name="from" value="2023-02-07">' in form
    assert '<input type="hidden" name="to" value="2023-02-13">' in form
    assert "csrfmiddlewaretoken" not in html  # the home page stays cacheable


@pytest.mark.parametrize("place", ["7511AA", "Enschede"])
def test_the_near_me_box_leads_to_this_weeks_activities_near_a_postcode_or_town(client, place):
    near = {"postcode": "7511 AA", "town": "Enschede", "latitude": 52.22, "longitude": 6.89}
    this_week = ActivityFactory(
        title="Beeldbellen in Enschede", starts_at=at(dt.date(2023, 2, 8), 14), **near
    )
    ActivityFactory(title="Volgende maand in Enschede", starts_at=at(dt.date(2023, 3, 8)), **near)
    ActivityFactory(
        title="Deze week in Groningen",
        postcode="9711 AA",
        town="Groningen",
        latitude=53.22,
        longitude=6.57,
        starts_at=at(dt.date(2023, 2, 9), 14),
    )
    with _now(2023, 2, 7, 10, 0):
        form = _near_me_form(client.get("/").content.decode())
        hidden = dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]+)"', form))
        html = client.get("/agenda/", {**hidden, "near": place}).content.decode()
    assert this_week.title in html
    assert "Volgende maand in Enschede" not in html
    assert "Deze week in Groningen" not in html


def test_home_calls_organisers_to_their_front_door(client):
    html = client.get("/").content.decode()
    start = html.index('<section class="organiser-cta"')
    cta = html[start : html.index("</section>", start)]
    assert "Organiseert u zelf iets?" in cta
    assert '<a class="button" href="/voor-organisatoren/">Doe mee als organisator</a>' in cta
    assert client.get("/voor-organisatoren/").status_code == 200


@pytest.fixture
def oost_2023():
    """Two activities that go ahead, one cancelled, one draft and one waiting for review."""
    ActivityFactory.create_batch(2)
    ActivityFactory(
        status=Activity.Status.CANCELLED,
        cancellation_reason="Spreker ziek.",
        lead_organisation=OrganisationFactory(name="Alleen Geannuleerd"),
    )
    ActivityFactory(status=Activity.Status.DRAFT)
    ActivityFactory(status=Activity.Status.SUBMITTED)


def _map_row(html: str, region: str) -> list[str]:
    table = html[html.index('<table class="map-table">') :]
    row = table[table.index(f">Regio {region}</a>") :]
    return re.findall(r'<td class="num">(\d+)</td>', row[: row.index("</tr>")])


def test_home_map_counts_leave_out_cancelled_and_unpublished_activities(client, oost_2023):
    with _now(2023, 2, 7, 10, 0):
        html = client.get("/").content.decode()
    assert "2 activiteiten" in html and "3 activiteiten" not in html
    assert _map_row(html, "oost") == ["2", "2"]  # activities, organisations taking part
    assert "geannuleerde activiteiten tellen niet mee" in html


def _figure(html: str, label: str) -> str:
    return re.search(rf"<dt>{label}</dt><dd>(\d+)</dd>", html).group(1)


def test_region_page_counts_leave_out_cancelled_activities(client, oost_2023):
    html = client.get("/regio/oost/2023/").content.decode()
    assert _figure(html, "Activiteiten die doorgaan") == "2"
    assert _figure(html, "Geannuleerd") == "1"
    assert _figure(html, "Organisaties die meedoen") == "2"
    assert _map_row(html, "oost") == ["2", "2"]


def test_edition_page_counts_leave_out_cancelled_activities(client, oost_2023):
    html = client.get("/editie/2023/").content.decode()
    assert _figure(html, "Activiteiten die doorgaan") == "2"
    assert _figure(html, "Geannuleerd") == "1"
    assert _figure(html, "Organisaties die meedoen") == "2"
    assert _map_row(html, "oost") == ["2", "2"]
