"""The public figures page: live numbers, the map for the chosen figure, charts with tables."""

import re

import pytest

from estafette.activities.models import Activity
from estafette.activities.services import approve_activity
from tests.factories import ActivityFactory, UserFactory

pytestmark = pytest.mark.django_db


def map_values(html: str) -> dict[str, str]:
    return dict(
        re.findall(r'<text x="0" y="7" class="map-value" data-region="(\w+)">([^<]*)<', html)
    )


def table_values(html: str) -> dict[str, str]:
    return dict(re.findall(r'<td class="num" data-region="(\w+)">([^<]*)<', html))


def test_the_page_shows_the_editions_figures_on_the_map_and_in_the_table(client, relay):
    html = client.get("/cijfers/2023/").content.decode()
    assert "De Slimme Zorg Estafette 2023 in cijfers" in html
    assert map_values(html) == {"oost": "4", "west": "2", "noord": "0", "zuid": "0"}
    assert table_values(html) == map_values(html)


def test_the_visitor_picks_the_figure_on_the_map_with_a_plain_get_form(client, relay):
    html = client.get("/cijfers/2023/", {"kaart": "share_with_partners"}).content.decode()
    assert '<option value="share_with_partners" selected>' in html
    assert map_values(html)["oost"] == "50,0%"
    assert map_values(html)["noord"] == "–"
    assert "Legenda: Aandeel met partners (%)" in html
    html = client.get("/cijfers/2023/", {"kaart": "cancelled"}).content.decode()
    assert map_values(html) == {"oost": "1", "west": "0", "noord": "0", "zuid": "0"}


def test_an_unknown_figure_gets_a_dutch_message_and_the_default_map(client, relay):
    response = client.get("/cijfers/2023/", {"kaart": "bestaat-niet"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een van de cijfers uit de lijst" in html
    assert map_values(html)["oost"] == "4"


def test_the_darker_the_region_the_higher_its_figure(client, relay):
    html = client.get("/cijfers/2023/").content.decode()
    fills = dict(re.findall(r'data-region="(\w+)" d="[^"]+" fill="(#[0-9a-f]+)"', html))
    assert fills["oost"] == "#155a8a" and fills["noord"] == "#e3eef9"


def test_charts_each_have_a_text_alternative_and_a_data_table(client, relay):
    html = client.get("/cijfers/2023/").content.decode()
    for chart in ("chart-days", "chart-themes", "chart-kinds", "chart-types", "chart-editions"):
        assert f'<svg class="chart" id="{chart}" role="img"' in html
        assert f'<desc id="{chart}-desc">' in html
        assert f'<caption id="{chart}-table-caption">' in html


def test_the_figures_are_live_an_approved_activity_counts_at_once(
    client, relay, django_capture_on_commit_callbacks
):
    assert map_values(client.get("/cijfers/2023/").content.decode())["noord"] == "0"
    activity = ActivityFactory(region="noord", status=Activity.Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        approve_activity(activity=activity, by=UserFactory(is_staff=True))
    html = client.get("/cijfers/2023/").content.decode()
    assert map_values(html)["noord"] == "1"


def test_cijfers_opens_on_the_latest_edition_that_has_begun_and_english_has_its_twin(client, relay):
    assert client.get("/cijfers/").status_code == 200
    english = client.get("/en/cijfers/2023/").content.decode()
    assert "Activities (going ahead)" in english
    assert client.get("/cijfers/1999/").status_code == 404
