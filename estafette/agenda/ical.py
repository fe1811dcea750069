"""iCalendar (RFC 5545) for activities: feeds, downloads and e-mail attachments share this."""

import datetime as dt

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vText
from icalendar.timezone import tzp  # noqa: F401 - makes sure the zoneinfo provider is loaded

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
