"""The home page, region pages and edition archive: the relay, its schedule and the map."""

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from estafette.relay.models import Edition
from estafette.results.models import Result
from tests.factories import ActivityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = dt.timezone(dt.timedelta(hours=1))


def _now(*args):
    return mock.patch.object(timezone, "now", return_value=dt.datetime(*args, tzinfo=AMSTERDAM))


def test_home_during_a_stage_says_who_is_on_turn_and_who_is_next(client):
    with _now(2023, 2, 7, 10, 0):
        html = client.get("/").content.decode()
    assert "Slimme Zorg Estafette 2023" in html
    assert "Regio oost is nu aan zet (6 t/m 10 februari 2023)." in html
    assert "Volgende aan zet: regio west" in html
    assert 'datetime="2023-02-13T00:00:00+01:00"' in html
    assert "nu aan zet" in html


def test_home_shows_the_schedule_with_stages_and_national_moment_in_date_order(client):
    with _now(2023, 2, 1, 10, 0):
        html = client.get("/").content.decode()
    order = [
        html.index(text)
        for text in [
            "Landelijke opening",
            "6 t/m 10 februari 2023",
            "13 t/m 17 februari 2023",
            "20 t/m 24 februari 2023",
            "27 februari t/m 3 maart 2023",
        ]
    ]
    assert order == sorted(order)


def test_the_map_draws_twelve_provinces_grouped_in_four_regions(client):
    with _now(2023, 2, 7, 10, 0):
        html = client.get("/").content.decode()
    for code in [
        "NL-GR",
        "NL-FR",
        "NL-DR",
        "NL-OV",
        "NL-GE",
        "NL-FL",
        "NL-NH",
        "NL-ZH",
        "NL-UT",
        "NL-ZE",
        "NL-NB",
        "NL-LI",
    ]:
        assert f'data-province="{code}"' in html
    assert html.count('class="map-region') == 4
    assert "map-region region-oost is-on-turn" in html


def test_map_figures_and_table_match_the_database(client):
    ActivityFactory.create_batch(3)
    ActivityFactory(
        status="draft", lead_organisation=OrganisationFactory()
    )  # not public: not counted
    with _now(2023, 2, 7, 10, 0):
        html = client.get("/").content.decode()
    assert "3 activiteiten" in html
    assert "3 organisaties" in html
    assert '<th scope="col" class="num">Activiteiten</th>' in html


def test_home_with_no_edition_to_come_shows_the_last_one_without_a_countdown(client):
    with _now(2035, 1, 1, 10, 0):
        html = client.get("/").content.decode()
    assert Edition.objects.order_by("-starts_on").first().year == 2023
    assert "Slimme Zorg Estafette 2023" in html
    assert "Er is nog geen nieuwe editie aangekondigd." in html
    assert "data-countdown" not in html


def test_region_page_lists_its_provinces_weeks_and_activities(client):
    ActivityFactory(title="Beeldbellen in de wijk")
    html = client.get("/regio/oost/").content.decode()
    assert "Provincies: Flevoland, Gelderland, Overijssel." in html
    assert "Regio oost is aan zet van 6 t/m 10 februari 2023." in html
    assert "Beeldbellen in de wijk" in html
    assert "map-region region-west is-muted" in html


def test_region_page_shows_one_edition_and_says_which(client):
    ActivityFactory(title="Beeldbellen in 2023")
    ActivityFactory(title="Beeldbellen in 2022", year=2022)
    html = client.get("/regio/oost/").content.decode()
    assert "U ziet Slimme Zorg Estafette 2023." in html
    assert "Beeldbellen in 2023" in html and "Beeldbellen in 2022" not in html
    assert '<span aria-current="page">2023</span>' in html
    assert '<a href="/regio/oost/2022/">2022</a>' in html
    assert "/agenda/?edition=2023&amp;region=oost" in html


def test_region_page_of_another_edition_has_its_own_address_and_links_back(client):
    ActivityFactory(title="Beeldbellen in 2023")
    ActivityFactory(title="Beeldbellen in 2022", year=2022)
    response = client.get("/regio/oost/2022/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Regio oost in 2022 – " in html
    assert "U ziet Slimme Zorg Estafette 2022." in html
    assert "Regio oost is aan zet van 31 januari t/m 4 februari 2022." in html
    assert "Beeldbellen in 2022" in html and "Beeldbellen in 2023" not in html
    assert '<span aria-current="page">2022</span>' in html
    assert '<a href="/regio/oost/2023/">2023</a>' in html
    assert '<a href="/editie/2022/">' in html and '<a href="/editie/2022/regio/oost/">' in html
    # the map of that edition links to the regions of that edition
    assert 'href="/regio/zuid/2022/"' in html


def test_the_edition_page_schedule_and_map_link_to_the_regions_in_that_edition(client):
    html = client.get("/editie/2022/").content.decode()
    assert '<a href="/regio/oost/2022/">Regio oost</a>' in html
    assert '<a href="/regio/oost/2022/">' in html[html.index('<table class="map-table">') :]


def test_edition_archive_lists_that_editions_activities_and_links_to_the_agenda(client):
    ActivityFactory(title="Beeldbellen in 2023")
    ActivityFactory(title="Beeldbellen in 2022", year=2022)
    html = client.get("/editie/2022/").content.decode()
    assert "Activiteiten in 2022" in html
    assert "Beeldbellen in 2022" in html and "Beeldbellen in 2023" not in html
    assert '<a href="/agenda/?edition=2022">Alle activiteiten van 2022 in de agenda</a>' in html
    assert "<dt>Activiteiten die doorgaan</dt><dd>1</dd>" in html
    assert '<a href="/cijfers/2022/">Alle cijfers van 2022</a>' in html


def test_edition_archive_shows_schedule_and_figures(client):
    ActivityFactory(year=2022)
    response = client.get("/editie/2022/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "31 januari t/m 4 februari 2022" in html
    assert "1 activiteit" in html
    assert "/editie/2021/" in client.get("/edities/").content.decode()


@pytest.mark.parametrize("url", ["/regio/midden/", "/editie/1999/", "/regio/oost/1999/"])
def test_unknown_region_or_edition_is_404(client, url):
    assert client.get(url).status_code == 404


def test_english_home_page(client):
    with _now(2023, 2, 7, 10, 0):
        html = client.get("/en/").content.decode()
    assert 'lang="en"' in html and "/en/regio/oost/" in html


def test_a_closed_edition_shows_its_figures_once_with_the_reported_participants(client):
    activity = ActivityFactory(year=2022)
    Result.objects.create(
        activity=activity, summary="Goed bezocht.", participants=9, professionals=4, citizens=5
    )
    html = client.get("/editie/2022/").content.decode()
    assert "Terugblik op de hele estafette" in html
    assert html.count('<dl class="figures">') == 1
    assert "<dt>Gemelde deelnemers</dt><dd>9</dd>" in html
    assert "<dt>van wie zorgprofessionals</dt><dd>4</dd>" in html
    # the weeks' table adds up the whole edition in its last row
    assert '<th scope="row">Hele editie</th><td>1</td><td>1</td><td>0</td><td>9</td>' in html
