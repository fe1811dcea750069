"""schema.org Event JSON-LD for an activity page."""

import json

from estafette.activities.models import Activity

MODES = {
    Activity.Format.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Activity.Format.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Activity.Format.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def availability(activity) -> str:
    """schema.org ItemAvailability: never InStock for a cancelled, closed or full activity."""
    if activity.status == Activity.Status.CANCELLED:
        return "Discontinued"
    if activity.signup_closed or activity.places_left == 0:
        return "SoldOut"
    return "InStock"


def event_jsonld(activity, url, organisers=None, image=None):
    place = {
        "@type": "Place",
        "name": activity.venue_name or activity.town,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": activity.street_address,
            "postalCode": activity.postcode,
            "addressLocality": activity.town,
            "addressCountry": "NL",
        },
    }
    virtual = {"@type": "VirtualLocation", "url": activity.public_join_url or url}
    location = {
        Activity.Format.IN_PERSON: place,
        Activity.Format.ONLINE: virtual,
    }.get(activity.format, [place, virtual])
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": activity.title,
        "description": activity.summary or activity.description[:300],
        "startDate": activity.starts_at.isoformat(),
        "endDate": activity.ends_at.isoformat(),
        "eventStatus": "https://schema.org/EventCancelled"
        if activity.status == Activity.Status.CANCELLED
        else "https://schema.org/EventScheduled",
        "eventAttendanceMode": MODES.get(activity.format, MODES[Activity.Format.IN_PERSON]),
        "location": location,
        "organizer": [
            {"@type": "Organization", "name": organisation.name}
            | ({"url": organisation.website} if organisation.website else {})
            for organisation in (organisers or [activity.lead_organisation])
        ],
        "url": url,
    }
    if image:
        data["image"] = [image]
    if activity.signup_mode != Activity.SignupMode.NONE:
        data["offers"] = {
            "@type": "Offer",
            "priceCurrency": "EUR",
            "availability": f"https://schema.org/{availability(activity)}",
            "url": url,
        }
        if activity.is_free:
            data["offers"]["price"] = 0
        elif activity.cost_description:
            data["offers"]["description"] = activity.cost_description
    # Escape '<' so the text can never close the <script> element.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
