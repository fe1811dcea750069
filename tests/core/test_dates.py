"""One date-range formatter: a theme week reads as a week, in cards, widget, pages and e-mails."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from estafette.core.dates import format_period, format_when
from tests.factories import AMSTERDAM, ActivityFactory
from tests.signups.conftest import delivered, future_activity, sign_up

pytestmark = pytest.mark.django_db

THEME_WEEK = (
    dt.datetime(2027, 2, 1, 9, 0, tzinfo=AMSTERDAM),
    dt.datetime(2027, 2, 5, 17, 0, tzinfo=AMSTERDAM),
)


def _in(language, function, *args, **kwargs):
    with translation.override(language):
        return function(*args, **kwargs)


def test_a_week_long_activity_names_its_first_and_last_day():
    assert (
        _in("nl", format_when, *THEME_WEEK) == "maandag 1 t/m vrijdag 5 februari 2027, 09:00–17:00"
    )
    assert _in("en", format_when, *THEME_WEEK) == "Monday 1 to Friday 5 February 2027, 09:00–17:00"


def test_a_single_day_reads_as_one_date_with_its_hours():
    start = dt.datetime(2027, 2, 1, 9, 0, tzinfo=AMSTERDAM)
    end = dt.datetime(2027, 2, 1, 17, 0, tzinfo=AMSTERDAM)
    assert _in("nl", format_when, start, end) == "maandag 1 februari 2027, 09:00–17:00"
    assert _in("en", format_when, start, end) == "Monday 1 February 2027, 09:00–17:00"


def test_ranges_over_a_month_or_a_year_name_both_months_or_years():
    start = dt.datetime(2027, 1, 29, 10, 0, tzinfo=AMSTERDAM)
    end = dt.datetime(2027, 2, 2, 16, 0, tzinfo=AMSTERDAM)
    assert _in("nl", format_when, start, end) == (
        "vrijdag 29 januari t/m dinsdag 2 februari 2027, 10:00–16:00"
    )
    new_year = (
        dt.datetime(2026, 12, 31, 20, 0, tzinfo=AMSTERDAM),
        dt.datetime(2027, 1, 1, 2, 0, tzinfo=AMSTERDAM),
    )
    assert _in("nl", format_when, *new_year) == (
        "donderdag 31 december 2026 t/m vrijdag 1 januari 2027, 20:00–02:00"
    )


def test_an_evening_until_midnight_stays_on_its_day():
    start = dt.datetime(2027, 2, 1, 20, 0, tzinfo=AMSTERDAM)
    end = dt.datetime(2027, 2, 2, 0, 0, tzinfo=AMSTERDAM)
    assert _in("nl", format_when, start, end) == "maandag 1 februari 2027, 20:00–24:00"


def test_times_are_written_in_dutch_time_whatever_zone_they_come_in():
    utc_start = dt.datetime(2027, 2, 1, 8, 0, tzinfo=dt.UTC)
    assert _in("nl", format_when, utc_start, utc_start + dt.timedelta(hours=2)) == (
        "maandag 1 februari 2027, 09:00–11:00"
    )


def test_the_short_form_abbreviates_only_the_weekdays():
    assert _in("nl", format_when, *THEME_WEEK, short=True) == (
        "ma 1 t/m vr 5 februari 2027, 09:00–17:00"
    )
    assert _in("en", format_when, *THEME_WEEK, short=True) == (
        "Mon 1 to Fri 5 February 2027, 09:00–17:00"
    )


def test_periods_without_times_keep_their_old_form():
    assert _in("nl", format_period, dt.date(2023, 2, 6), dt.date(2023, 2, 10)) == (
        "6 t/m 10 februari 2023"
    )
    assert _in("nl", format_period, dt.date(2023, 2, 27), dt.date(2023, 3, 3)) == (
        "27 februari t/m 3 maart 2023"
    )


def _theme_week_activity(**kwargs):
    """Oost's whole week of 2023, every day from nine to five."""
    return ActivityFactory(
        starts_at=dt.datetime(2023, 2, 6, 9, 0, tzinfo=AMSTERDAM),
        ends_at=dt.datetime(2023, 2, 10, 17, 0, tzinfo=AMSTERDAM),
        **kwargs,
    )


WEEK_NL = "maandag 6 t/m vrijdag 10 februari 2023, 09:00–17:00"


def test_cards_in_the_agenda_show_the_whole_week(client):
    activity = _theme_week_activity()
    page = client.get("/agenda/?edition=2023").content.decode()
    assert activity.title in page
    assert WEEK_NL in page


def test_the_activity_page_and_its_sign_up_page_show_the_whole_week(client):
    activity = _theme_week_activity()
    assert WEEK_NL in client.get(activity.get_absolute_url()).content.decode()
    assert WEEK_NL in client.get(f"/activiteit/{activity.pk}/aanmelden/").content.decode()
    english = client.get(f"/en{activity.get_absolute_url()}").content.decode()
    assert "Monday 6 to Friday 10 February 2023, 09:00–17:00" in english


def test_the_widget_shows_the_whole_week_in_short(client):
    activity = _theme_week_activity()
    page = client.get("/agenda/widget/?edition=2023").content.decode()
    assert activity.title in page
    assert "ma 6 t/m vr 10 februari 2023, 09:00–17:00" in page


def test_the_sign_up_mail_shows_the_whole_week(settings):
    settings.SIGNUP_MIN_SECONDS = 0
    start = dt.datetime.combine(
        timezone.localdate() + dt.timedelta(days=14), dt.time(9, 0), tzinfo=AMSTERDAM
    )
    activity = future_activity(starts_at=start, ends_at=start + dt.timedelta(days=2, hours=8))
    sign_up(activity)
    body = delivered()[-1].body
    with translation.override("nl"):
        assert format_when(activity.starts_at, activity.ends_at) in body
    assert " t/m " in body


def test_a_period_is_formatted_once_per_language_and_each_language_keeps_its_words(monkeypatch):
    # An agenda page writes the same few days on many cards: Django's date formatting runs
    # once per period and language, not once per card.
    from estafette.core import dates

    calls = []
    real = dates.formats.date_format
    monkeypatch.setattr(
        dates.formats, "date_format", lambda *a, **k: calls.append(a) or real(*a, **k)
    )
    first, last = dt.date(2031, 3, 3), dt.date(2031, 3, 7)
    for _ in range(3):
        assert _in("nl", format_period, first, last, weekdays=True) == (
            "maandag 3 t/m vrijdag 7 maart 2031"
        )
        assert _in("en", format_period, first, last, weekdays=True) == (
            "Monday 3 to Friday 7 March 2031"
        )
    assert len(calls) == 4  # start and end, in Dutch and in English


def test_hours_and_minutes_keep_two_digits():
    starts = dt.datetime(2031, 3, 3, 8, 5, tzinfo=AMSTERDAM)
    ends = dt.datetime(2031, 3, 3, 9, 0, tzinfo=AMSTERDAM)
    assert _in("nl", format_when, starts, ends) == "maandag 3 maart 2031, 08:05–09:00"
    assert _in("nl", format_when, starts) == "maandag 3 maart 2031, 08:05"
