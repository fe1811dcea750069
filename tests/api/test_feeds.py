"""iCalendar, RSS and Atom feeds of the agenda, read back by independent parsers."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from icalendar import Calendar

from estafette.activities.models import Activity
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def _events(response):
    calendar = Calendar.from_ical(response.content)
    return calendar, list(calendar.walk("VEVENT"))


def test_the_ics_feed_is_valid_rfc5545_with_amsterdam_time(client):
    activity = ActivityFactory()
    ActivityFactory(status="cancelled", cancellation_reason="Spreker ziek")
    response = client.get("/agenda.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar, events = _events(response)
    assert calendar["version"] == "2.0" and calendar["prodid"]
    assert any(
        c.name == "VTIMEZONE" and str(c["tzid"]) == "Europe/Amsterdam" for c in calendar.walk()
    )
    assert len(events) == 2
    event = next(e for e in events if str(e["uid"]).startswith(f"activity-{activity.pk}@"))
    assert event.decoded("dtstart") == activity.starts_at
    assert event["dtstart"].params["TZID"] == "Europe/Amsterdam"
    assert {str(e["status"]) for e in events} == {"CONFIRMED", "CANCELLED"}


def test_the_ics_feed_takes_the_agenda_filters(client):
    ActivityFactory()
    west = ActivityFactory(region="west", postcode="1012 AB", town="Amsterdam", province_id=None)
    _, events = _events(client.get("/agenda.ics?region=west"))
    assert [str(e["uid"]) for e in events] == [f"activity-{west.pk}@slimmezorgestafette.nl"]
    assert client.get("/agenda.ics?region=midden").status_code == 400


def test_uid_is_stable_and_sequence_rises_when_the_time_changes(
    client, django_capture_on_commit_callbacks
):
    activity = ActivityFactory()
    _, [before] = _events(client.get(f"/activiteit/{activity.pk}.ics"))
    with django_capture_on_commit_callbacks(execute=True):
        Activity.objects.filter(pk=activity.pk).update(sequence=1)
        activity.refresh_from_db()
        activity.starts_at += dt.timedelta(hours=1)
        activity.ends_at += dt.timedelta(hours=1)
        activity.save()
    _, [after] = _events(client.get(f"/activiteit/{activity.pk}.ics"))
    assert str(before["uid"]) == str(after["uid"])
    assert int(after["sequence"]) > int(before["sequence"])


def test_a_single_activity_downloads_as_an_attachment(client):
    activity = ActivityFactory()
    response = client.get(f"/activiteit/{activity.pk}.ics")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert client.get("/activiteit/999999.ics").status_code == 404


def test_rss_and_atom_list_the_filtered_activities(client):
    oost = ActivityFactory(title="Workshop beeldbellen")
    ActivityFactory(region="west", postcode="1012 AB", town="Amsterdam", province_id=None)
    rss = ET.fromstring(client.get("/agenda.rss?region=oost").content)
    items = rss.findall("./channel/item")
    assert [i.findtext("title") for i in items] == ["Workshop beeldbellen"]
    assert items[0].findtext("link").endswith(oost.get_absolute_url())
    atom = ET.fromstring(client.get("/agenda.atom?region=oost").content)
    entries = atom.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 1


def test_feeds_are_open_to_other_websites(client):
    ActivityFactory()
    assert client.get("/agenda.ics")["Access-Control-Allow-Origin"] == "*"
