"""HTTP as clients use it: 304 on a match for every public GET (fresh or cached), HEAD and
OPTIONS on every address of the apps, and a CORS preflight for conditional fetches."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from estafette.activities.models import Activity
from tests.factories import ActivityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/",
    "/en/",
    "/agenda/?edition=2023",
    "/en/agenda/?edition=2023&view=calendar",
    "/agenda/?edition=2023&view=map",
    "/agenda/widget/?edition=2023",
    "/regio/oost/",
    "/editie/2023/",
    "/edities/",
    "/organisaties/",
    "/privacy/",
    "/toegankelijkheid/",
    "/robots.txt",
    "/agenda.ics?edition=2023",
    "/agenda.rss?edition=2023",
    "/agenda.atom",
    "/api/v1/activities?edition=2023",
    "/api/v1/relay?at=2023-02-07T10:00:00%2B01:00",
    "/api/v1/regions/lookup?postcode=1012AB",
    "/api/v1/activities.csv?edition=2023",
]


@pytest.fixture
def activity():
    return ActivityFactory()


def _public(activity):
    return [
        *PUBLIC,
        activity.get_absolute_url(),
        f"/activiteit/{activity.pk}.ics",
        f"/api/v1/activities/{activity.pk}",
        f"/organisatie/{activity.lead_organisation.slug}/",
    ]


def test_every_public_get_answers_304_on_a_matching_etag_or_date_also_from_the_cache(
    client, activity
):
    for address in _public(activity):
        for attempt in ("fresh", "cached"):
            first = client.get(address)
            assert first.status_code == 200, address
            assert first.has_header("ETag"), address
            again = client.get(address, HTTP_IF_NONE_MATCH=first["ETag"])
            assert again.status_code == 304, (address, attempt)
            assert again.content == b""
            if first.has_header("Last-Modified"):
                since = client.get(address, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
                assert since.status_code == 304, (address, attempt)
            assert client.get(address, HTTP_IF_NONE_MATCH='"old"').status_code == 200


def test_the_home_page_and_agenda_send_validators(client, activity):
    for address in ("/", "/agenda/?edition=2023"):
        response = client.get(address)
        assert response.has_header("ETag") and response.has_header("Last-Modified")


def _routes(resolver=None, prefix=""):
    """Every address pattern of our own apps and the API (the admin and allauth are Django's)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith(("beheer/", "account/", "i18n/")):
                continue
            yield from _routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield route.lstrip("^").rstrip("$")


def _address(route, activity, token="onbekend") -> str:
    values = {
        "pk": str(activity.pk),
        "activity_id": str(activity.pk),
        "year": "2023",
        "token": token,
        "region": "oost",
    }

    def fill(match):
        name = match.group(2)
        if name == "slug":
            if route.startswith("regio/"):
                return "oost"
            if route.startswith("organisatie/"):
                return activity.lead_organisation.slug
            return activity.slug
        return values.get(name, "1")

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)


def test_head_and_options_work_on_every_address(client, activity):
    OrganisationFactory()
    routes = sorted(set(_routes()))
    assert len(routes) > 30
    for route in routes:
        address = _address(route, activity)
        get = client.get(address)
        head = client.head(address)
        assert head.status_code == get.status_code, address
        assert (b"".join(head.streaming_content) if head.streaming else head.content) == b"", (
            address
        )
        if get.status_code == 200 and not get.streaming:
            assert head["Content-Length"] == str(len(get.content)), address
        options = client.options(address)
        if get.status_code == 404 and options.status_code == 404:
            continue  # an address that does not exist, for OPTIONS too
        assert options.status_code == 200, address
        allowed = {m.strip() for m in options["Allow"].split(",")}
        assert "OPTIONS" in allowed and ({"GET", "HEAD"} <= allowed or "POST" in allowed), address


def test_a_cross_origin_conditional_fetch_passes_its_preflight(client, activity):
    for address in (
        "/api/v1/activities?edition=2023",
        f"/api/v1/activities/{activity.pk}",
        "/agenda.ics?edition=2023",
        "/agenda.rss",
        "/api/v1/activities.csv",
    ):
        preflight = client.options(
            address,
            HTTP_ORIGIN="https://gemeente.example.nl",
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
            HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
        )
        assert preflight.status_code in (200, 204), address
        assert preflight["Access-Control-Allow-Origin"] == "*"
        assert "GET" in preflight["Access-Control-Allow-Methods"]
        allowed = preflight["Access-Control-Allow-Headers"].lower()
        assert "if-none-match" in allowed and "if-modified-since" in allowed
        first = client.get(address, HTTP_ORIGIN="https://gemeente.example.nl")
        assert "ETag" in first["Access-Control-Expose-Headers"]
        again = client.get(
            address, HTTP_ORIGIN="https://x.example", HTTP_IF_NONE_MATCH=first["ETag"]
        )
        assert again.status_code == 304 and again["Access-Control-Allow-Origin"] == "*"


def test_a_cancelled_activity_page_keeps_its_validators(client):
    activity = ActivityFactory(status=Activity.Status.CANCELLED, cancellation_reason="Ziek")
    first = client.get(activity.get_absolute_url())
    assert (
        client.get(activity.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    )
