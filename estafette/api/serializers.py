"""Activities as open data: one shape shared by the JSON API, CSV and feeds.

The schemas below describe the dictionaries the functions build, field by field: they are the
OpenAPI document's account of an activity (tests check every answer against it).
"""

import datetime as dt
from typing import Literal

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from ninja import Field

from estafette.activities.models import Activity
from estafette.activities.queries import OPEN_DATA_VOCABULARIES, load_vocabularies
from estafette.api.problems import ClosedSchema as Schema
from estafette.core.spreadsheet import safe_cell
from estafette.relay.models import NationalMoment
from estafette.results.api import ActivityResults, results_data
from estafette.signups.queries import waiting_list_length

Format = Literal[tuple(Activity.Format.values)]
SignupMode = Literal[tuple(Activity.SignupMode.values)]
PublicStatus = Literal[Activity.Status.PUBLISHED.value, Activity.Status.CANCELLED.value]
Language = Literal[tuple(Activity.Language.values)]
MomentKind = Literal[tuple(NationalMoment.Kind.values)]


class Organiser(Schema):
    name: str
    slug: str
    role: Literal["lead", "partner"] = Field(
        description="lead: the organisation that organises it; partner: one that takes part"
    )


class Signup(Schema):
    mode: SignupMode = Field(
        description="platform: sign up on this site; external: on `url`; none: just come"
    )
    url: str | None = Field(description="Where to sign up elsewhere; null unless mode is external")


class ActivitySummary(Schema):
    """An activity in a list: what the agenda shows of it."""

    id: int
    url: str = Field(description="Its page on this site")
    title: str
    summary: str
    start: dt.datetime = Field(description="Start, with the Dutch offset (+01:00 or +02:00)")
    end: dt.datetime
    edition: int = Field(description="Year of the edition")
    region: str | None = Field(description="Region slug of its relay stage; null if national")
    province: str | None = Field(description="ISO 3166-2 code, e.g. NL-OV; null when unknown")
    national: bool = Field(description="Part of a national moment rather than a region's stage")
    format: Format
    online: bool = Field(description="Can be followed online (online or hybrid)")
    town: str
    postcode: str
    types: list[str] = Field(description="Activity type slugs")
    themes: list[str] = Field(description="Theme slugs")
    audiences: list[str] = Field(description="Audience slugs")
    interactive: bool = Field(description="Has at least one interactive element")
    organisers: list[Organiser] = Field(description="The lead first, then accepted partners")
    signup: Signup
    status: PublicStatus
    cancellation_reason: str | None = Field(description="Why it was cancelled; null otherwise")
    distance_km: float | None = Field(
        None, description="Kilometres from `near` (1 decimal); null without `near` or a venue"
    )


class Venue(Schema):
    name: str
    street_address: str
    postcode: str
    town: str
    latitude: float | None
    longitude: float | None


class StageOut(Schema):
    region: str
    first_day: dt.date
    last_day: dt.date


class NationalMomentOut(Schema):
    kind: MomentKind
    date: dt.date


class ActivityDetail(ActivitySummary):
    """One activity: the fields of the list and more. The seat fields (`capacity` to
    `waiting_list`) are present only when sign-up runs on this platform."""

    description: str
    venue: Venue | None = Field(description="Where it takes place; null when only online")
    accessibility: list[str] = Field(description="Accessibility feature slugs")
    accessibility_notes: str
    interactive_elements: list[str] = Field(description="Interactive element slugs")
    language: Language
    free: bool
    cost: str = Field(description="What it costs, when not free")
    stage: StageOut | None = Field(description="The region's relay stage; null if national")
    national_moment: NationalMomentOut | None
    capacity: int | None = Field(None, description="Places in all; null: no limit")
    places_left: int | None = Field(None, description="Places not taken; null: no limit")
    signup_closed: bool = Field(None, description="The organisers closed sign-up")
    waiting_list: int = Field(None, description="Sign-ups waiting for a place")
    poster_url: str | None = Field(description="Printable poster (PDF) while it takes place")
    card_url: str = Field(description="Image for social media (PNG)")
    results: ActivityResults | None = Field(
        description="Reported participants, outcome and materials; null until reported"
    )


def with_open_data_relations(queryset):
    """What serialising activities needs but their vocabularies (`open_data_rows` adds them):
    the relations in the row and the partners in one query for a page."""
    return (
        queryset.select_related(
            "edition", "stage__region", "province", "lead_organisation", "national_moment"
        )
        .prefetch_related(None)  # the vocabularies come from load_vocabularies, in one query
        .with_accepted_partners()
    )


def open_data_rows(activities):
    """These activities (a list) with what `activity_summary` reads of their vocabularies."""
    return load_vocabularies(activities, OPEN_DATA_VOCABULARIES)


def _slugs(activity: Activity, relation: str) -> list[str]:
    return [item.slug for item in activity.vocabularies[relation]]


def organisers(activity: Activity) -> list[dict]:
    lead, *partners = activity.public_organisers()
    return [{"name": lead.name, "slug": lead.slug, "role": "lead"}] + [
        {"name": partner.name, "slug": partner.slug, "role": "partner"} for partner in partners
    ]


def absolute_url(activity: Activity) -> str:
    return f"{settings.SITE_URL}{activity.get_absolute_url()}"


def activity_summary(activity: Activity) -> dict:
    return {
        "id": activity.pk,
        "url": absolute_url(activity),
        "title": activity.title,
        "summary": activity.summary,
        "start": timezone.localtime(activity.starts_at).isoformat(),
        "end": timezone.localtime(activity.ends_at).isoformat(),
        "edition": activity.edition.year,
        "region": activity.stage.region.slug if activity.stage_id else None,
        "province": activity.province.code if activity.province_id else None,
        "national": activity.is_national,
        "format": activity.format,
        "online": activity.is_online,
        "town": activity.town,
        "postcode": activity.postcode,
        "types": _slugs(activity, "types"),
        "themes": _slugs(activity, "themes"),
        "audiences": _slugs(activity, "audiences"),
        "interactive": bool(activity.vocabularies["interactive_elements"]),
        "organisers": organisers(activity),
        "signup": {"mode": activity.signup_mode, "url": activity.signup_url or None},
        "status": activity.status,
        "cancellation_reason": activity.cancellation_reason or None,
        "distance_km": _one_decimal(getattr(activity, "distance_km", None)),
    }


def _one_decimal(number: float | None) -> float | None:
    return None if number is None else round(number, 1)


def artwork_urls(activity: Activity) -> dict:
    """The printable poster (while it takes place) and the social card of a public activity."""
    pk = {"pk": activity.pk}
    is_on = activity.status == Activity.Status.PUBLISHED
    return {
        "poster_url": f"{settings.SITE_URL}{reverse('posters:poster', kwargs=pk)}"
        if is_on
        else None,
        "card_url": f"{settings.SITE_URL}{reverse('posters:card', kwargs=pk)}",
    }


def seat_figures(activity: Activity) -> dict:
    """Seats and waiting list of activities with sign-up on the platform."""
    if activity.signup_mode != Activity.SignupMode.PLATFORM:
        return {}
    return {
        "capacity": activity.capacity,
        # Once it is over nobody can take a place: none left, sign-up closed.
        "places_left": 0
        if activity.is_over and activity.capacity is not None
        else activity.places_left,
        "signup_closed": activity.signup_closed or activity.is_over,
        "waiting_list": waiting_list_length(activity),
    }


def activity_detail(activity: Activity) -> dict:
    return {
        **activity_summary(activity),
        "description": activity.description,
        "venue": {
            "name": activity.venue_name,
            "street_address": activity.street_address,
            "postcode": activity.postcode,
            "town": activity.town,
            "latitude": activity.latitude,
            "longitude": activity.longitude,
        }
        if activity.has_venue
        else None,
        "accessibility": [a.slug for a in activity.accessibility.all()],
        "accessibility_notes": activity.accessibility_notes,
        "interactive_elements": _slugs(activity, "interactive_elements"),
        "language": activity.language,
        "free": activity.is_free,
        "cost": activity.cost_description,
        "stage": {
            "region": activity.stage.region.slug,
            "first_day": activity.stage.starts_on.isoformat(),
            "last_day": activity.stage.ends_on.isoformat(),
        }
        if activity.stage_id
        else None,
        "national_moment": {
            "kind": activity.national_moment.kind,
            "date": activity.national_moment.date.isoformat(),
        }
        if activity.national_moment_id
        else None,
        **seat_figures(activity),
        **artwork_urls(activity),
        "results": results_data(activity),
    }


CSV_COLUMNS = [
    "id",
    "url",
    "title",
    "summary",
    "start",
    "end",
    "edition",
    "region",
    "province",
    "national",
    "format",
    "online",
    "town",
    "postcode",
    "types",
    "themes",
    "audiences",
    "interactive",
    "organisers",
    "signup_mode",
    "signup_url",
    "status",
    "cancellation_reason",
]


def _csv_value(value):
    """One cell: lists joined with '|', booleans as in the JSON, no value as an empty cell."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, list):
        return "|".join(value)
    return safe_cell(value)


def csv_row(activity: Activity) -> list:
    """The JSON summary's fields, flat, in CSV_COLUMNS order, safe to open in a spreadsheet."""
    data = activity_summary(activity)
    flat = {
        **data,
        "organisers": [o["name"] for o in data["organisers"]],
        "signup_mode": data["signup"]["mode"],
        "signup_url": data["signup"]["url"],
    }
    return [_csv_value(flat[column]) for column in CSV_COLUMNS]
