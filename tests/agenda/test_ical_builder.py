"""The shared iCalendar builder, read back by the icalendar package."""

import datetime as dt

import pytest
from icalendar import Calendar

from estafette.agenda.ical import activity_ics, activity_uid
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def test_an_activity_reads_back_with_amsterdam_time_and_a_stable_uid():
    activity = ActivityFactory()
    calendar = Calendar.from_ical(activity_ics(activity))
    assert calendar["method"] == "PUBLISH"
    assert any(component.name == "VTIMEZONE" for component in calendar.walk())
    event = next(iter(calendar.walk("VEVENT")))
    assert str(event["uid"]) == activity_uid(activity)
    start = event.decoded("dtstart")
    assert start == activity.starts_at
    assert start.utcoffset() == dt.timedelta(hours=1)  # February: CET
    assert event["status"] == "CONFIRMED"


def test_cancelling_gives_status_cancelled_and_method_cancel():
    activity = ActivityFactory(status="cancelled", sequence=2)
    calendar = Calendar.from_ical(activity_ics(activity, method="CANCEL"))
    event = next(iter(calendar.walk("VEVENT")))
    assert calendar["method"] == "CANCEL"
    assert event["status"] == "CANCELLED"
    assert int(event["sequence"]) == 2


def test_the_online_link_is_only_in_the_participants_file():
    activity = ActivityFactory(
        format="online",
        online_url="https://meet.example.nl/abc",
        venue_name="",
        street_address="",
        postcode="",
        town="",
        province=None,
    )
    assert b"meet.example.nl" not in activity_ics(activity)
    assert b"meet.example.nl" in activity_ics(activity, join_link=True)
