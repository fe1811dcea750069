"""Activities' helper: a complete, valid POST for the activity form (the cast and the 2027
edition are in tests/conftest.py)."""


def activity_data(organisation, **changes):
    """A complete, valid POST for the activity form, in region oost's week of 2027."""
    from estafette.activities.models import ActivityType, Audience, Theme

    data = {
        "title": "Beeldbellen voor mantelzorgers",
        "summary": "Probeer zelf hoe beeldbellen werkt.",
        "description": "Een middag oefenen met beeldbellen, met koffie.",
        "types": [ActivityType.objects.first().pk],
        "themes": [Theme.objects.first().pk],
        "audiences": [Audience.objects.first().pk],
        "language": "nl",
        "lead_organisation": organisation.pk,
        "format": "in_person",
        "venue_name": "Wijkcentrum De Bron",
        "street_address": "Hengelosestraat 1",
        "postcode": "7511 AA",
        "town": "Enschede",
        "starts_at": "2027-02-03T14:00",
        "ends_at": "2027-02-03T16:00",
        "is_free": "on",
        "signup_mode": "platform",
        "capacity": "30",
        "max_places_per_signup": "1",
        "signup_confirmation": "email",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
