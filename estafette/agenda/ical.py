"""iCalendar (RFC 5545) for activities: feeds, downloads and e-mail attachments share this."""

import datetime as dt

from django.conf import settings
from django.db.models import Func, Max, Min, TextField, Value
from django.db.models.functions import MD5, Cast, Coalesce
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, vText
from icalendar.timezone import tzp  # noqa: F401 - makes sure the zoneinfo provider is loaded

from estafette.activities.models import Activity
from estafette.agenda.models import CalendarEntry
from estafette.core.dates import AMSTERDAM

PRODID = "-//Slimme Zorg Estafette//Estafette//NL"


def activity_uid(activity) -> str:
    """Stable for the activity's whole life, whatever changes."""
    return f"activity-{activity.pk}@slimmezorgestafette.nl"


def activity_event(activity, *, join_link: bool = False, status: str | None = None) -> Event:
    """One VEVENT. The online join link goes in only for confirmed participants (join_link=True)."""
    event = Event()
    event.add("uid", activity_uid(activity))
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    event.add("dtstart", activity.starts_at.astimezone(AMSTERDAM))
    event.add("dtend", activity.ends_at.astimezone(AMSTERDAM))
    event.add("summary", activity.title)
    event.add("sequence", activity.sequence)
    event.add(
        "last-modified",
        activity.updated_at.astimezone(dt.UTC) if activity.updated_at else timezone.now(),
    )
    url = f"{settings.SITE_URL}{activity.get_absolute_url()}"
    event.add("url", url)
    description = [activity.summary, "", url]
    if join_link and activity.online_url:
        description[1:1] = ["", activity.online_url]
    event.add("description", "\n".join(description).strip())
    location = ", ".join(
        part
        for part in [activity.venue_name, activity.street_address, activity.postcode, activity.town]
        if part
    )
    if location:
        event.add("location", location)
    elif activity.is_online:
        event.add(
            "location",
            vText(activity.online_url if join_link and activity.online_url else "Online"),
        )
    if activity.latitude is not None and activity.longitude is not None:
        event.add("geo", (activity.latitude, activity.longitude))
    cancelled = activity.status == activity.Status.CANCELLED
    event.add("status", status or ("CANCELLED" if cancelled else "CONFIRMED"))
    event.add(
        "organizer",
        f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].rstrip('>')}",
        parameters={"CN": activity.lead_organisation.name},
    )
    return event


def calendar_for(
    activities,
    *,
    name: str = "Slimme Zorg Estafette",
    method: str | None = "PUBLISH",
    join_link: bool = False,
    source: str | None = None,
) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", AMSTERDAM.key)
    if source:
        # RFC 7986: where a subscriber refreshes this calendar from, with its filters.
        calendar.add("source", source, parameters={"VALUE": "URI"})
        calendar.add("refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", dt.timedelta(hours=1))
    for activity in activities:
        calendar.add_component(activity_event(activity, join_link=join_link))
    calendar.add_missing_timezones()
    return calendar


def activity_ics(activity, *, method: str = "PUBLISH", join_link: bool = False) -> bytes:
    """A single activity as an .ics file (download or e-mail attachment)."""
    if method == "CANCEL":
        calendar = calendar_for([], method="CANCEL")
        calendar.add_component(activity_event(activity, join_link=join_link, status="CANCELLED"))
        calendar.add_missing_timezones()
        return calendar.to_ical()
    return calendar_for([activity], method=method, join_link=join_link).to_ical()


# Every value activity_event() reads for a public feed (no join link): the fingerprint of a kept
# VEVENT is made of these, so it changes whenever the event would.
FEED_FIELDS = (
    "pk",
    "slug",
    "title",
    "summary",
    "starts_at",
    "ends_at",
    "sequence",
    "updated_at",
    "venue_name",
    "street_address",
    "postcode",
    "town",
    "format",
    "latitude",
    "longitude",
    "status",
    "lead_organisation__name",
)


def fingerprint():
    """The fingerprint of an activity's public VEVENT, computed by the database (MD5 of every
    value as its text, with the site's address and mail sender): reading all those values and
    hashing them in Python cost more than the rest of a whole-edition feed."""
    text = TextField()
    parts = [Value(f"{settings.SITE_URL}\x1f{settings.DEFAULT_FROM_EMAIL}", output_field=text)]
    for name in FEED_FIELDS:
        parts += [
            Value("\x1f", output_field=text),
            Coalesce(Cast(name, text), Value("", output_field=text), output_field=text),
        ]
    # One flat `a || b || ...` (Concat nests a pair per value, too deep for SQLite's parser).
    return MD5(Func(*parts, template="(%(expressions)s)", arg_joiner=" || ", output_field=text))


def _render_entries(ids) -> dict[int, str]:
    activities = Activity.objects.filter(pk__in=ids).select_related("lead_organisation")
    return {activity.pk: activity_event(activity).to_ical().decode() for activity in activities}


def feed_ics(queryset, *, name: str, source: str | None = None) -> bytes:
    """A public iCalendar feed of every activity in `queryset`, in its order. Each VEVENT comes
    from its CalendarEntry when the fingerprint still matches, otherwise it is rendered and kept;
    the result is the same calendar calendar_for() would build."""
    # The fingerprint once per row (a repeat in a CASE made SQLite call its Python MD5 twice a
    # row), compared here; a kept VEVENT is read with it, and is nearly always the one wanted.
    rows = list(
        queryset.annotate(now=fingerprint()).values_list(
            "pk", "now", "calendar_entry__fingerprint", "calendar_entry__vevent"
        )
    )
    events, stale = [], {}
    for pk, fingerprint_now, kept_fingerprint, kept in rows:
        if kept_fingerprint == fingerprint_now:
            events.append(kept)
        else:
            events.append(pk)  # filled in below
            stale[pk] = fingerprint_now
    fresh = {}
    stale_ids = list(stale)
    for start in range(0, len(stale_ids), 2000):
        fresh.update(_render_entries(stale_ids[start : start + 2000]))
    if fresh:
        CalendarEntry.objects.bulk_create(
            [
                CalendarEntry(activity_id=pk, fingerprint=stale[pk], vevent=vevent)
                for pk, vevent in fresh.items()
            ],
            update_conflicts=True,
            unique_fields=["activity"],
            update_fields=["fingerprint", "vevent"],
            batch_size=500,
        )
        events = [fresh[event] if isinstance(event, int) else event for event in events]
    calendar = calendar_for([], name=name, source=source)
    if rows:
        span = queryset.order_by().aggregate(first=Min("starts_at"), last=Max("ends_at"))
        calendar.add_component(
            Timezone.from_tzid(
                "Europe/Amsterdam",
                first_date=span["first"].astimezone(AMSTERDAM).date() - dt.timedelta(days=1),
                last_date=span["last"].astimezone(AMSTERDAM).date() + dt.timedelta(days=1),
            )
        )
    head, end = calendar.to_ical().decode().rsplit("END:VCALENDAR", 1)
    return "".join([head, *events, "END:VCALENDAR", end]).encode()
