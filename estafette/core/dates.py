"""The one way dates and date ranges are written, in every output and both languages."""

import datetime as dt
import functools
from zoneinfo import ZoneInfo

from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# The relay's days and weeks are Dutch ones, whatever time zone a request has active
# (settings.TIME_ZONE names the same zone).
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local_date(moment: dt.datetime) -> dt.date:
    """The day in the Netherlands at that moment."""
    return moment.astimezone(AMSTERDAM).date()


def local_today() -> dt.date:
    """Today in the Netherlands."""
    return local_date(timezone.now())


def start_of_day(day: dt.date) -> dt.datetime:
    """00:00 on that day in the Netherlands, whatever the DST offset."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=AMSTERDAM)


# Day and month names come from Django's locale data, so English pages say
# "Monday 1 to Friday 5 February 2027" where Dutch pages say "maandag 1 t/m vrijdag 5 februari 2027".
LONG_DAY = "l "
SHORT_DAY = "D "


def format_period(
    first: dt.date, last: dt.date, *, weekdays: bool = False, short: bool = False
) -> str:
    """'6 t/m 10 februari 2023', '27 februari t/m 3 maart 2023', with weekdays:
    'maandag 1 t/m vrijdag 5 februari 2027'. A single day is written once."""
    return _format_period(first, last, weekdays, short, get_language())


# Django's date formatting costs about 0.03 ms a call (day and month names through gettext);
# an agenda page writes the same few days again and again (20 cards, a calendar week), so
# each period is written once per language.
@functools.lru_cache(maxsize=4096)
def _format_period(
    first: dt.date, last: dt.date, weekdays: bool, short: bool, language: str | None
) -> str:
    day = (SHORT_DAY if short else LONG_DAY) if weekdays else ""
    end = formats.date_format(last, f"{day}j F Y")
    if first == last:
        return end
    if first.year != last.year:
        start_format = "j F Y"
    elif first.month != last.month:
        start_format = "j F"
    else:
        start_format = "j"
    start = formats.date_format(first, f"{day}{start_format}")
    return _("%(start)s t/m %(end)s") % {"start": start, "end": end}


def _last_day(starts_at: dt.datetime, ends_at: dt.datetime) -> dt.date:
    # An evening that ends at midnight belongs to the day it started.
    if ends_at.time() == dt.time(0, 0) and ends_at.date() > starts_at.date():
        return (ends_at - dt.timedelta(minutes=1)).date()
    return ends_at.date()


def format_when(
    starts_at: dt.datetime, ends_at: dt.datetime | None = None, *, short: bool = False
) -> str:
    """When an activity happens, in words, in the local time zone.

    Same day: 'maandag 1 februari 2027, 09:00–17:00'.
    Several days: 'maandag 1 t/m vrijdag 5 februari 2027, 09:00–17:00' (the times of the
    first and the last day). `short` abbreviates the weekdays ('ma 1 t/m vr 5 februari 2027').
    """
    if starts_at is None:
        return ""
    starts_at = timezone.localtime(starts_at)
    if ends_at is None:
        ends_at = starts_at
    ends_at = timezone.localtime(ends_at)
    days = format_period(
        starts_at.date(), _last_day(starts_at, ends_at), weekdays=True, short=short
    )
    # Django's "H:i": hours and minutes, both with two digits.
    start_time = f"{starts_at:%H:%M}"
    end_time = f"{ends_at:%H:%M}"
    if end_time == "00:00" and ends_at.date() > starts_at.date():
        end_time = "24:00"
    if start_time == end_time:
        return _("%(days)s, %(time)s") % {"days": days, "time": start_time}
    return _("%(days)s, %(start)s–%(end)s") % {"days": days, "start": start_time, "end": end_time}


def activity_when(activity, *, short: bool = False) -> str:
    """`format_when` for anything with `starts_at` and `ends_at` (an activity, a calendar item)."""
    return format_when(activity.starts_at, getattr(activity, "ends_at", None), short=short)
