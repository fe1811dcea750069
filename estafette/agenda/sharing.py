"""Links on the activity page: add to my calendar, and share.

Plain links with the text in the address (no third-party scripts, no tracking): the visitor's
browser goes to the service only when they click.
"""

from datetime import UTC
from urllib.parse import quote, urlencode

from django.urls import reverse
from django.utils.translation import gettext as _


def _utc(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _place(activity) -> str:
    if activity.has_venue:
        parts = [activity.venue_name, activity.street_address, activity.postcode, activity.town]
        return ", ".join(part for part in parts if part)
    return _("Online")


def calendar_links(activity, url: str) -> list[dict]:
    details = f"{activity.summary}\n\n{url}"
    google = "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": activity.title,
            "dates": f"{_utc(activity.starts_at)}/{_utc(activity.ends_at)}",
            "details": details,
            "location": _place(activity),
        }
    )
    outlook = "https://outlook.office.com/calendar/0/deeplink/compose?" + urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": activity.title,
            "startdt": activity.starts_at.astimezone(UTC).isoformat(),
            "enddt": activity.ends_at.astimezone(UTC).isoformat(),
            "body": details,
            "location": _place(activity),
        }
    )
    return [
        {
            "label": _("Agendabestand (.ics) voor Apple, Outlook en andere"),
            "url": reverse("activity-ics", kwargs={"pk": activity.pk}),
            "download": True,
        },
        {"label": _("Google Agenda"), "url": google, "download": False},
        {"label": _("Outlook.com en Microsoft 365"), "url": outlook, "download": False},
    ]


def share_links(activity, url: str) -> list[dict]:
    text = f"{activity.title} – {url}"
    return [
        {
            "label": _("E-mail"),
            "url": "mailto:?"
            + urlencode({"subject": activity.title, "body": text}, quote_via=quote),
        },
        {
            "label": "LinkedIn",
            "url": "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        },
        {"label": "WhatsApp", "url": "https://wa.me/?" + urlencode({"text": text})},
        {"label": "Bluesky", "url": "https://bsky.app/intent/compose?" + urlencode({"text": text})},
    ]
