"""iCalendar, RSS and Atom feeds of the agenda, read back by independent parsers."""

import datetime as dt
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.utils import timezone
from icalendar import Calendar

from estafette.activities.models import Activity
from tests.factories import ActivityFactory, at

pytestmark = pytest.mark.django_db


def _events(response):
    calendar = Calendar.from_ical(response.content)
    return calendar, list(calendar.walk("VEVENT"))


def test_the_ics_feed_is_valid_rfc5545_with_amsterdam_time(client):
    activity = ActivityFactory()
    ActivityFactory(status="cancelled", cancellation_reason="Spreker ziek")
    response = client.get("/agenda.ics?edition=2023")
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
    _, events = _events(client.get("/agenda.ics?region=west&edition=2023"))
    assert [str(e["uid"]) for e in events] == [f"activity-{west.pk}@slimmezorgestafette.nl"]
    assert client.get("/agenda.ics?region=midden").status_code == 400


def test_uid_is_stable_and_sequence_rises_when_the_time_changes(
    client, django_capture_on_commit_callbacks
):
    from tests.factories import UserFactory, edit_published

    activity = ActivityFactory()
    _, [before] = _events(client.get(f"/activiteit/{activity.pk}.ics"))
    with django_capture_on_commit_callbacks(execute=True):
        Activity.objects.filter(pk=activity.pk).update(sequence=1)
        activity.refresh_from_db()
        activity.starts_at += dt.timedelta(hours=1)
        activity.ends_at += dt.timedelta(hours=1)
        edit_published(activity, by=UserFactory())
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
    rss = ET.fromstring(client.get("/agenda.rss?region=oost&edition=2023").content)
    items = rss.findall("./channel/item")
    assert [i.findtext("title") for i in items] == ["Workshop beeldbellen"]
    assert items[0].findtext("link").endswith(oost.get_absolute_url())
    atom = ET.fromstring(client.get("/agenda.atom?region=oost&edition=2023").content)
    entries = atom.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 1


def test_feeds_are_open_to_other_websites(client):
    ActivityFactory()
    assert client.get("/agenda.ics")["Access-Control-Allow-Origin"] == "*"


# --- What a subscriber gets: the coming activities, whole editions, pages, self links ---


def _days_from_now(days: int, **kwargs) -> Activity:
    starts = at(timezone.localdate() + dt.timedelta(days=days), 14)
    return ActivityFactory(starts_at=starts, ends_at=starts + dt.timedelta(hours=2), **kwargs)


def _local(url: str, settings) -> str:
    assert url.startswith(settings.SITE_URL), url
    return url[len(settings.SITE_URL) :]


def _uids(response) -> set[str]:
    return {str(e["uid"]) for e in _events(response)[1]}


def _uid(activity) -> str:
    return f"activity-{activity.pk}@slimmezorgestafette.nl"


def test_feeds_and_widget_without_dates_show_what_is_coming_not_the_past(client):
    old = ActivityFactory(year=2023, title="Oud nieuws")
    running = _days_from_now(-3, title="Loopt deze week")
    coming = _days_from_now(20, title="Komt nog")
    assert _uids(client.get("/agenda.ics")) == {_uid(running), _uid(coming)}
    for address in ("/agenda.rss", "/agenda.atom"):
        feed = feedparser.parse(client.get(address).content)
        assert not feed.bozo, feed.bozo_exception
        assert {entry.title for entry in feed.entries} == {"Loopt deze week", "Komt nog"}
    widget = client.get("/agenda/widget/").content.decode()
    assert f'data-activity-id="{coming.pk}"' in widget
    assert f'data-activity-id="{old.pk}"' not in widget
    # Dates (or an edition) still reach the archive, in the feeds as in the widget.
    assert _uids(client.get("/agenda.ics?to=2023-12-31")) == {_uid(old)}
    assert (
        f'data-activity-id="{old.pk}"'
        in client.get("/agenda/widget/?to=2023-12-31").content.decode()
    )


def test_an_editions_ics_carries_every_activity_and_rss_pages_through_all(
    client, settings, monkeypatch
):
    from estafette.api import feeds

    monkeypatch.setattr(feeds, "FEED_PAGE_SIZE", 4)
    activities = ActivityFactory.create_batch(10)
    assert _uids(client.get("/agenda.ics?edition=2023")) == {_uid(a) for a in activities}
    for address in ("/agenda.rss?edition=2023", "/agenda.atom?edition=2023"):
        seen, pages, url = [], 0, address
        while url:
            feed = feedparser.parse(client.get(url).content)
            assert not feed.bozo, feed.bozo_exception
            links = {link.rel: link.href for link in feed.feed.links}
            assert _local(links["self"], settings) == url
            assert "edition=2023" in links["first"] and "edition=2023" in links["last"]
            seen += [entry.link for entry in feed.entries]
            pages += 1
            url = _local(links["next"], settings) if "next" in links else None
        assert pages == 3  # RFC 5005: first, next ... last
        assert sorted(seen) == sorted(
            f"{settings.SITE_URL}{a.get_absolute_url()}" for a in activities
        )
    assert client.get("/agenda.rss?edition=2023&page=9").status_code == 404


def test_a_filtered_feeds_self_link_gives_the_same_feed(client, settings):
    ActivityFactory(title="In oost")
    ActivityFactory(region="west", postcode="1012 AB", town="Amsterdam", province_id=None)
    for address in (
        "/agenda.rss?region=oost&edition=2023",
        "/agenda.atom?region=oost&edition=2023",
    ):
        feed = feedparser.parse(client.get(address).content)
        [self_link] = [link.href for link in feed.feed.links if link.rel == "self"]
        again = feedparser.parse(client.get(_local(self_link, settings)).content)
        assert [e.title for e in again.entries] == [e.title for e in feed.entries] == ["In oost"]
    calendar, _ = _events(client.get("/agenda.ics?region=oost&edition=2023"))
    source = _local(str(calendar["source"]), settings)
    assert _uids(client.get(source)) == _uids(client.get("/agenda.ics?region=oost&edition=2023"))


def test_rss_and_atom_items_say_when_and_where(client):
    ActivityFactory(title="Beeldbellen", town="Enschede", venue_name="Wijkcentrum De Bron")
    ActivityFactory(title="Webinar", format="online", venue_name="", street_address="", town="")
    for address in ("/agenda.rss?edition=2023", "/agenda.atom?edition=2023"):
        entries = {
            e.title: e.summary for e in feedparser.parse(client.get(address).content).entries
        }
        assert (
            "februari 2023, 14:00–16:00 · Wijkcentrum De Bron, Enschede" in entries["Beeldbellen"]
        )
        assert "14:00–16:00 · Online" in entries["Webinar"]


def test_the_agenda_offers_a_webcal_subscription_with_its_filters(client, settings):
    settings.SITE_URL = "https://slimmezorgestafette.nl"
    ActivityFactory()
    page = client.get("/agenda/?edition=2023&region=oost").content.decode()
    assert 'href="webcal://slimmezorgestafette.nl/agenda.ics?edition=2023&amp;region=oost"' in page
