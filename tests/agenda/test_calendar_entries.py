"""Issue 12: a whole edition's iCalendar is a concatenation of kept VEVENTs, and it is the same
calendar as rendering every event afresh, also right after any change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from estafette.activities.models import Activity
from estafette.agenda.ical import calendar_for, feed_ics
from estafette.agenda.models import CalendarEntry
from estafette.organisations.models import Organisation
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def _events(ics: bytes) -> dict[str, dict]:
    """Every VEVENT's properties by UID, without DTSTAMP (the moment it was written)."""
    calendar = Calendar.from_ical(ics)
    return {
        str(event["uid"]): {
            name: (event[name].to_ical(), dict(event[name].params))
            for name in event
            if name not in {"DTSTAMP"}
        }
        for event in calendar.walk("VEVENT")
    }


def _feed():
    queryset = Activity.objects.published().order_by("starts_at", "pk")
    return feed_ics(queryset, name="Test"), calendar_for(
        queryset.select_related("lead_organisation"), name="Test"
    ).to_ical()


def _activities():
    return [
        ActivityFactory(title="Beeldbellen, met een komma; en een puntkomma"),
        ActivityFactory(format="online", venue_name="", street_address="", postcode="", town=""),
        ActivityFactory(status="cancelled", cancellation_reason="Spreker ziek"),
        ActivityFactory(summary="Een lange samenvatting " * 12, latitude=52.22, longitude=6.89),
    ]


def test_the_kept_feed_is_the_calendar_rendered_afresh():
    _activities()
    kept, fresh = _feed()
    assert _events(kept) == _events(fresh)
    assert CalendarEntry.objects.count() == 4
    again, _ = _feed()
    assert _events(again) == _events(fresh)
    calendar = Calendar.from_ical(kept)
    assert [str(c["tzid"]) for c in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert str(calendar["x-wr-calname"]) == "Test"


def test_a_second_feed_renders_nothing_again(django_assert_max_num_queries, monkeypatch):
    _activities()
    _feed()
    import estafette.agenda.ical as ical

    monkeypatch.setattr(ical, "activity_event", lambda *a, **k: pytest.fail("rendered again"))
    with django_assert_max_num_queries(3):
        feed_ics(Activity.objects.published(), name="Test")


def test_any_change_shows_at_once_even_one_made_behind_the_services_back():
    first, *_ = _activities()
    _feed()
    Activity.objects.filter(pk=first.pk).update(title="Nieuwe titel", town="Hengelo")
    Organisation.objects.filter(pk=first.lead_organisation_id).update(name="Hernoemde stichting")
    kept, fresh = _feed()
    assert _events(kept) == _events(fresh)
    event = _events(kept)[f"activity-{first.pk}@slimmezorgestafette.nl"]
    assert event["SUMMARY"][0] == b"Nieuwe titel" and b"Hengelo" in event["LOCATION"][0]
    assert event["ORGANIZER"][1]["CN"] == "Hernoemde stichting"


def test_another_site_address_renders_the_links_again(settings):
    activity = ActivityFactory()
    _feed()
    settings.SITE_URL = "https://slimmezorgestafette.nl"
    kept, _ = _feed()
    event = _events(kept)[f"activity-{activity.pk}@slimmezorgestafette.nl"]
    assert event["URL"][0].startswith(b"https://slimmezorgestafette.nl/")


def test_the_feed_computes_each_fingerprint_once():
    """SQLite hashes with a Python function: a fingerprint repeated in the statement (as the
    CASE that compared it once did) doubled the hashing of a whole edition's feed."""
    _activities()
    with CaptureQueriesContext(connection) as captured:
        feed_ics(Activity.objects.published(), name="Test")
    assert [query["sql"].upper().count("MD5(") for query in captured][0] == 1
