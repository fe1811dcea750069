"""The agenda's list, calendar and map views, the widget and the full activity page."""

import datetime as dt
import json
import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.utils import timezone

from estafette.activities.models import Activity
from estafette.partners.models import Partner
from estafette.relay.models import Edition, NationalMoment
from tests.factories import ActivityFactory, OrganisationFactory, at, stage_of

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return response.content.decode()


def test_filter_form_shows_facet_counts_for_the_current_selection(client):
    ActivityFactory.create_batch(2, region="oost")
    ActivityFactory(region="west", format=Activity.Format.ONLINE)
    page = body(client.get("/agenda/?edition=2023"))
    assert re.search(r'for="f-region-oost">oost <span class="facet-count">\(2<', page)
    assert re.search(r'for="f-region-west">west <span class="facet-count">\(1<', page)
    assert re.search(r'for="f-format-online">Online <span class="facet-count">\(1<', page)
    filtered = body(client.get("/agenda/?edition=2023&format=online"))
    assert re.search(r'for="f-region-oost">oost <span class="facet-count">\(0<', filtered)
    assert 'id="f-format-online" checked' in filtered
    assert "1 activiteit gevonden" in filtered


def test_empty_result_has_a_way_out(client):
    ActivityFactory()
    page = body(client.get("/agenda/?q=onvindbaar-woord-xyz"))
    assert "Geen activiteiten gevonden" in page
    assert 'href="/agenda/">Alle filters weghalen' in page


def test_bare_agenda_opens_on_the_running_or_next_edition(client):
    assert client.get("/agenda/").status_code == 200  # only past editions: everything
    year = timezone.localdate().year + 1
    edition = Edition.objects.create(
        year=year, starts_on=dt.date(year, 2, 1), ends_on=dt.date(year, 2, 28)
    )
    response = client.get("/agenda/")
    assert response.status_code == 302
    assert response["Location"] == f"/agenda/?edition={edition.year}"


def test_week_grid_puts_activities_in_their_day_and_part_of_the_day(client):
    stage = stage_of(2023, "oost")  # 6 to 10 February 2023
    morning = ActivityFactory(starts_at=at(stage.starts_on, 9), ends_at=at(stage.starts_on, 11))
    evening = ActivityFactory(
        starts_at=at(stage.starts_on + dt.timedelta(days=2), 19),
        ends_at=at(stage.starts_on + dt.timedelta(days=2), 21),
    )
    page = body(client.get("/agenda/?view=calendar&edition=2023&day=2023-02-07"))
    assert "Week van 6 februari t/m 12 februari 2023" in page
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</th>(.*?)</tr>", page, re.S)
    cells = {label: re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for label, row in rows}
    assert morning.title in cells["Ochtend"][0]
    assert evening.title in cells["Avond"][2]
    assert morning.title not in cells["Avond"][0]
    assert "Regio oost: 6 februari – 10 februari 2023" in page  # the relay weeks to jump to


def test_week_grid_caps_a_busy_cell_and_links_to_its_day(client):
    stage = stage_of(2023, "oost")
    for minute in range(6):
        ActivityFactory(starts_at=at(stage.starts_on, 9, minute), ends_at=at(stage.starts_on, 11))
    page = body(client.get("/agenda/?view=calendar&edition=2023&day=2023-02-06"))
    assert "en nog 2" in page
    day = body(client.get("/agenda/?view=calendar&edition=2023&grid=day&day=2023-02-06"))
    assert "maandag 6 februari 2023" in day
    assert day.count("09:0") >= 6


def test_calendar_with_an_impossible_day_is_a_clear_400(client):
    response = client.get("/agenda/?view=calendar&day=2023-02-30")
    assert response.status_code == 400
    assert "bestaande datum" in body(response)


def test_map_view_counts_per_region_and_pins_for_the_tile_map(client):
    ActivityFactory(region="oost", latitude=52.22, longitude=6.89)
    ActivityFactory(region="oost", format=Activity.Format.ONLINE)
    ActivityFactory(
        region="zuid", latitude=50.85, longitude=5.69, postcode="6211 AA", town="Maastricht"
    )
    page = body(client.get("/agenda/?view=map&edition=2023"))
    table = page[page.index('<table class="map-table">') :]
    assert re.search(r"Regio oost</a></th><td class=\"num\">2</td>", table)
    assert re.search(r"Regio zuid</a></th><td class=\"num\">1</td>", table)
    pins = json.loads(
        re.search(r'id="agenda-pins" type="application/json">(.*?)</script>', page, re.S).group(1)
    )
    assert {(pin["lat"], pin["lon"]) for pin in pins} == {(52.22, 6.89), (50.85, 5.69)}
    assert page.count("<circle") == 2  # the stylised map shows the same pins without tiles
    assert 'data-tiles="https://service.pdok.nl/' in page


def test_map_view_draws_one_pin_per_town_linking_to_its_activities(client):
    for latitude in (52.21, 52.23, 52.22):
        ActivityFactory(town="Enschede", latitude=latitude, longitude=6.89)
    ActivityFactory(town="Hengelo", latitude=52.27, longitude=6.79)
    page = body(client.get("/agenda/?view=map&edition=2023&format=in_person"))
    pins = json.loads(
        re.search(r'id="agenda-pins" type="application/json">(.*?)</script>', page, re.S).group(1)
    )
    assert [(pin["town"], pin["count"], pin["lat"]) for pin in pins] == [
        ("Enschede", 3, 52.22),
        ("Hengelo", 1, 52.27),
    ]
    town_list = re.search(r'data-town-list="([^"]*)"', page).group(1).replace("&amp;", "&")
    assert town_list == "?edition=2023&format=in_person&q="  # the script adds the pin's town
    assert page.count("<circle") == 2
    listed = body(client.get("/agenda/" + town_list + pins[0]["town"]))
    assert listed.count("data-activity-id=") == 3  # the town's activities, without JavaScript


def test_map_view_without_tile_server_keeps_the_stylised_map(client, settings):
    settings.MAP_TILES_URL = ""
    ActivityFactory(latitude=52.22, longitude=6.89)
    page = body(client.get("/agenda/?view=map&edition=2023"))
    assert "data-tiles" not in page
    assert 'class="nl-map"' in page


def test_widget_can_be_framed_anywhere_and_shows_the_filtered_list(client):
    oost = ActivityFactory(region="oost")
    west = ActivityFactory(region="west")
    response = client.get("/agenda/widget/?region=oost&edition=2023")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    page = body(response)
    assert f'data-activity-id="{oost.pk}"' in page
    assert f'data-activity-id="{west.pk}"' not in page
    assert 'target="_top"' in page
    assert client.get("/agenda/").get("X-Frame-Options") == "DENY"


def test_widget_rejects_bad_filters_in_dutch(client):
    response = client.get("/agenda/widget/?region=atlantis")
    assert response.status_code == 400
    assert "bestaat niet" in body(response)


def test_widget_maker_gives_a_snippet_with_the_chosen_filters(client):
    page = body(client.get("/agenda/widget/maken/?region=noord&edition=2023"))
    snippet = re.search(r'<textarea id="snippet"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    src = re.search(r'src="([^"]+)"', snippet.replace("&quot;", '"')).group(1)
    query = parse_qs(urlparse(src.replace("&amp;", "&")).query)
    assert query == {"region": ["noord"], "edition": ["2023"]}
    assert 'src="/agenda/widget/?region=noord&amp;edition=2023"' in page


def test_activity_page_shows_organisers_week_venue_calendar_and_share_links(client):
    activity = ActivityFactory(latitude=52.22, longitude=6.89)
    partner = OrganisationFactory(name="Bibliotheek Enschede", website="https://example.nl")
    Partner.objects.create(activity=activity, organisation=partner, status=Partner.Status.ACCEPTED)
    declined = OrganisationFactory(name="Niet Meer Partner")
    Partner.objects.create(activity=activity, organisation=declined, status=Partner.Status.DECLINED)
    page = body(client.get(activity.get_absolute_url()))
    assert activity.lead_organisation.name in page and "Bibliotheek Enschede" in page
    assert "Niet Meer Partner" not in page
    assert "estafetteweek 6 februari t/m 10 februari 2023" in page
    assert "Wijkcentrum De Bron" in page and "7511 AA Enschede" in page
    assert "Deze activiteit is voorbij" in page  # the sign-up box of a 2023 activity
    assert f'href="/activiteit/{activity.pk}.ics" download' in page
    google = re.search(r'href="(https://calendar.google.com[^"]+)"', page).group(1)
    dates = parse_qs(urlparse(google.replace("&amp;", "&")).query)["dates"][0]
    assert dates == "20230207T130000Z/20230207T150000Z"  # 14:00-16:00 in Amsterdam, winter
    assert "https://www.linkedin.com/sharing/share-offsite/" in page
    assert '<meta property="og:title" content="' + activity.title in page
    assert 'property="og:image" content="http' in page
    assert 'class="venue-pin"' in page
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    )
    assert [o["name"] for o in data["organizer"]] == [
        activity.lead_organisation.name,
        "Bibliotheek Enschede",
    ]


def test_cancelled_activity_stays_reachable_with_its_reason(client):
    activity = ActivityFactory(
        status=Activity.Status.CANCELLED, cancellation_reason="De spreker is ziek."
    )
    response = client.get(activity.get_absolute_url())
    assert response.status_code == 200
    page = body(response)
    assert "Deze activiteit is geannuleerd." in page and "De spreker is ziek." in page
    assert "signups/" not in page and "In mijn agenda zetten" not in page


def test_national_activity_page_names_its_moment(client):
    moment = NationalMoment.objects.filter(edition__year=2023).order_by("date").first()
    activity = ActivityFactory(
        stage=None,
        edition=moment.edition,
        national_moment=moment,
        starts_at=at(moment.date, 10),
        ends_at=at(moment.date, 12),
    )
    page = body(client.get(activity.get_absolute_url()))
    assert "Landelijke activiteit" in page
    assert moment.date.strftime("%Y") in page


def test_activity_page_queries_do_not_grow_with_partners(client):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    activity = ActivityFactory()

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(activity.get_absolute_url()).status_code == 200
        return len(ctx.captured_queries)

    one = count()
    for _ in range(4):
        Partner.objects.create(
            activity=activity,
            organisation=OrganisationFactory(),
            status=Partner.Status.ACCEPTED,
        )
    assert count() == one
