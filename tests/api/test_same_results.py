"""The same filter gives the same activities everywhere: HTML agenda, API, CSV, iCalendar, RSS."""

import csv
import io
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from estafette.activities.models import ActivityType, Audience, InteractiveElement, Theme
from estafette.activities.vocabulary_bits import refresh_vocabulary_bits
from estafette.agenda.window import window_start
from estafette.relay.models import Province
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

PLACES = {
    "oost": ("7511 AA", "Enschede", "NL-OV"),
    "west": ("1012 AB", "Amsterdam", "NL-NH"),
    "noord": ("9711 AB", "Groningen", "NL-GR"),
    "zuid": ("6211 AB", "Maastricht", "NL-LI"),
}
TITLES = [
    "Workshop zorg op afstand",
    "Infomiddag slimme medicijndispenser",
    "Dialoogsessie innovaties in de wijk",
    "Markt digitale zorg",
    "Cursus beeldbellen voor mantelzorgers",
    "Pitch-event zorginnovatie",
]


@pytest.fixture
def generated_agenda():
    themes, types = list(Theme.objects.all()[:4]), list(ActivityType.objects.all()[:4])
    audiences, interactive = (
        list(Audience.objects.all()[:3]),
        list(InteractiveElement.objects.all()[:2]),
    )
    activities = []
    for i in range(14):
        region = list(PLACES)[i % 4]
        postcode, town, province = PLACES[region]
        activity = ActivityFactory(
            year=[2021, 2022, 2023][i % 3],
            region=region,
            postcode=postcode,
            town=town,
            province=Province.objects.get(code=province),
            title=f"{TITLES[i % len(TITLES)]} {i}",
            format=["in_person", "online", "hybrid"][i % 3],
            signup_mode=["platform", "external", "none"][i % 3],
            signup_url="https://example.org/aanmelden",
            status="cancelled" if i == 13 else "published",
        )
        activity.themes.set([themes[i % 4]])
        activity.types.set([types[(i + 1) % 4]])
        activity.audiences.set([audiences[i % 3]])
        if i % 2:
            activity.interactive_elements.set([interactive[i % 2]])
        refresh_vocabulary_bits([activity.pk])  # links written outside the services
        activities.append(activity)
    return {
        "themes": [t.slug for t in themes],
        "types": [t.slug for t in types],
        "audiences": [a.slug for a in audiences],
    }


def filters(vocabulary):
    return st.fixed_dictionaries(
        {},
        optional={
            "region": st.sampled_from(list(PLACES)),
            "edition": st.sampled_from(["2021", "2022", "2023"]),
            "format": st.sampled_from(["in_person", "online", "hybrid"]),
            "theme": st.sampled_from(vocabulary["themes"]),
            "type": st.sampled_from(vocabulary["types"]),
            "audience": st.sampled_from(vocabulary["audiences"]),
            "interactive": st.sampled_from(["true", "false"]),
            "signup": st.sampled_from(["platform", "external", "none"]),
            "q": st.sampled_from(["zorg", "innovatie", "beeldbellen", "markt"]),
        },
    )


def html_ids(client, query):
    html = client.get(f"/agenda/?{query}").content.decode()
    return {int(i) for i in re.findall(r'data-activity-id="(\d+)"', html)}


def api_ids(client, query):
    return {row["id"] for row in client.get(f"/api/v1/activities?{query}").json()["results"]}


def csv_ids(client, query):
    text = b"".join(client.get(f"/api/v1/activities.csv?{query}").streaming_content).decode(
        "utf-8-sig"
    )
    return {int(row[0]) for row in list(csv.reader(io.StringIO(text), delimiter=";"))[1:]}


def ics_ids(client, query):
    calendar = Calendar.from_ical(client.get(f"/agenda.ics?{query}").content)
    return {
        int(str(e["uid"]).split("@")[0].removeprefix("activity-")) for e in calendar.walk("VEVENT")
    }


def rss_ids(client, query):
    root = ET.fromstring(client.get(f"/agenda.rss?{query}").content)
    return {
        int(re.search(r"/activiteit/(\d+)/", item.findtext("link")).group(1))
        for item in root.iter("item")
    }


def test_every_output_gives_the_same_activities_for_the_same_filters(client, generated_agenda):
    @settings(
        max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(filters(generated_agenda))
    def check(chosen):
        query = urlencode(chosen)
        expected = api_ids(client, query)
        assert html_ids(client, query) == expected, query
        assert csv_ids(client, query) == expected, query
        # Feeds without an edition or dates show what is coming: the API's answer from then on.
        in_window = api_ids(
            client, query if "edition" in chosen else f"{query}&from={window_start()}"
        )
        assert ics_ids(client, query) == in_window, query
        assert rss_ids(client, query) == in_window, query

    check()
