"""The open-data API for activities: filters, pages, errors, CSV, conditional GET and CORS."""

import csv
import io

import pytest

from estafette.activities.models import Activity
from estafette.partners.models import Partner
from tests.factories import ActivityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda():
    oost = ActivityFactory(title="Beeldbellen in de wijk")
    west = ActivityFactory(
        region="west",
        postcode="1012 AB",
        town="Amsterdam",
        province_id=None,
        format="online",
        title="Webinar zorg op afstand",
        venue_name="",
        street_address="",
    )
    ActivityFactory(status=Activity.Status.DRAFT, title="Nog niet openbaar")
    partner = OrganisationFactory(name="Bibliotheek Enschede")
    Partner.objects.create(activity=oost, organisation=partner, status=Partner.Status.ACCEPTED)
    return {"oost": oost, "west": west, "partner": partner}


def test_the_list_shows_published_activities_with_their_open_data_fields(client, agenda):
    body = client.get("/api/v1/activities").json()
    assert body["count"] == 2 and body["next"] is None and body["previous"] is None
    item = next(row for row in body["results"] if row["id"] == agenda["oost"].pk)
    assert item["url"].endswith(agenda["oost"].get_absolute_url())
    assert item["start"] == agenda["oost"].starts_at.isoformat()
    assert (item["region"], item["province"], item["format"], item["edition"]) == (
        "oost",
        "NL-OV",
        "in_person",
        2023,
    )
    assert (
        item["themes"] == ["zorg-op-afstand"]
        and item["types"] == ["workshop"]
        and item["audiences"] == ["burgers"]
    )
    assert {
        "name": "Bibliotheek Enschede",
        "slug": agenda["partner"].slug,
        "role": "partner",
    } in item["organisers"]
    assert item["organisers"][0]["role"] == "lead"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("region=oost", {"oost"}),
        ("region=west", {"west"}),
        ("format=online", {"west"}),
        ("edition=2022", set()),
        ("province=NL-OV", {"oost"}),
        ("theme=zorg-op-afstand", {"oost", "west"}),
    ],
)
def test_filters_narrow_the_list(client, agenda, query, expected):
    ids = {row["id"] for row in client.get(f"/api/v1/activities?{query}").json()["results"]}
    assert ids == {agenda[name].pk for name in expected}


def test_the_organisation_filter_finds_what_it_leads_and_what_it_partners_in(client, agenda):
    Partner.objects.create(activity=agenda["west"], organisation=agenda["partner"])  # invited

    def found(slug):
        rows = client.get(f"/api/v1/activities?organisation={slug}").json()["results"]
        return {row["id"] for row in rows}

    assert found(agenda["partner"].slug) == {agenda["oost"].pk}
    assert found(agenda["west"].lead_organisation.slug) == {agenda["west"].pk}


@pytest.mark.parametrize(
    "query",
    [
        "region=midden",
        "from=2023-02-30",
        "page=-1",
        "near=12AB",
        "from=2023-03-01&to=2023-02-01",
        "format=teleport",
    ],
)
def test_invalid_parameters_get_400_with_a_dutch_message(client, agenda, query):
    response = client.get(f"/api/v1/activities?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] and body["errors"]


def test_a_page_past_the_end_is_404(client, agenda):
    assert client.get("/api/v1/activities?page=9").status_code == 404


def test_pages_link_to_each_other(client, settings):
    ActivityFactory.create_batch(53)
    first = client.get("/api/v1/activities").json()
    assert first["count"] == 53 and len(first["results"]) == 50 and "page=2" in first["next"]
    second = client.get("/api/v1/activities?page=2").json()
    assert len(second["results"]) == 3 and second["next"] is None and "page=1" in second["previous"]


def test_one_activity_with_places(client, agenda):
    body = client.get(f"/api/v1/activities/{agenda['oost'].pk}").json()
    # 2023 is over: the seats it had are no places left to take.
    assert body["capacity"] == 30 and body["places_left"] == 0 and body["signup_closed"] is True
    assert body["venue"]["town"] == "Enschede" and body["stage"]["first_day"] == "2023-02-06"
    assert (
        client.get(
            f"/api/v1/activities/{Activity.objects.get(title='Nog niet openbaar').pk}"
        ).status_code
        == 404
    )


def test_a_full_activity_shows_its_waiting_list(client):
    from tests.signups.conftest import future_activity, sign_up

    activity = future_activity(capacity=1, signup_confirmation=Activity.Confirmation.INSTANT)
    for email in ("een@example.nl", "twee@example.nl", "drie@example.nl"):
        sign_up(activity, email)
    body = client.get(f"/api/v1/activities/{activity.pk}").json()
    assert (body["capacity"], body["places_left"], body["waiting_list"]) == (1, 0, 2)


def _csv(response) -> list[dict]:
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte order mark: Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_csv_has_a_header_and_one_row_per_activity(client, agenda):
    response = client.get("/api/v1/activities.csv?region=oost")
    rows = _csv(response)
    assert [int(row["id"]) for row in rows] == [agenda["oost"].pk]
    assert response["Content-Type"].startswith("text/csv")


def test_csv_opens_in_dutch_excel_in_columns_with_the_json_fields_and_booleans(client, agenda):
    """Dutch Excel splits on ';' (its list separator); the columns hold what the JSON holds."""
    ActivityFactory(
        status=Activity.Status.CANCELLED,
        cancellation_reason="Spreker ziek",
        signup_mode=Activity.SignupMode.EXTERNAL,
        signup_url="https://tickets.example.nl/zorg",
        capacity=None,
    )
    rows = _csv(client.get("/api/v1/activities.csv"))
    by_id = {int(row["id"]): row for row in rows}
    listed = client.get("/api/v1/activities").json()["results"]
    for item in listed:
        row = by_id[item["id"]]
        for name in ("summary", "title", "status", "format", "town"):
            assert row[name] == item[name]
        for name in ("national", "online", "interactive"):
            assert row[name] == ("true" if item[name] else "false")
        assert row["signup_mode"] == item["signup"]["mode"]
        assert row["signup_url"] == (item["signup"]["url"] or "")
        assert row["cancellation_reason"] == (item["cancellation_reason"] or "")
    cancelled = next(row for row in rows if row["status"] == "cancelled")
    assert cancelled["cancellation_reason"] == "Spreker ziek"
    assert cancelled["signup_url"] == "https://tickets.example.nl/zorg"


@pytest.mark.parametrize(
    "title", ['=HYPERLINK("https://evil.example","klik")', "+31 zorg", "@SUM(A1)", "-2+3"]
)
def test_csv_never_carries_a_live_formula(client, title):
    ActivityFactory(title=title, summary="=1+1", town="@stad")
    [row] = _csv(client.get("/api/v1/activities.csv"))
    assert row["title"] == "'" + title
    assert row["summary"] == "'=1+1" and row["town"] == "'@stad"


def test_etag_gives_304_and_cors_is_open(client, agenda):
    first = client.get("/api/v1/activities")
    assert first["Access-Control-Allow-Origin"] == "*"
    again = client.get("/api/v1/activities", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert first["Last-Modified"]


def test_approving_an_activity_shows_it_at_once_despite_the_cache(
    client, agenda, django_capture_on_commit_callbacks
):
    assert client.get("/api/v1/activities").json()["count"] == 2
    from estafette.activities.services import approve_activity
    from tests.factories import UserFactory

    draft = Activity.objects.get(title="Nog niet openbaar")
    Activity.objects.filter(pk=draft.pk).update(status=Activity.Status.SUBMITTED)
    draft.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        approve_activity(activity=draft, by=UserFactory())
    assert client.get("/api/v1/activities").json()["count"] == 3


def test_the_list_does_not_query_more_for_more_activities(client, django_assert_max_num_queries):
    ActivityFactory.create_batch(3)
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/activities?region=oost")
    ActivityFactory.create_batch(30)
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/api/v1/activities?region=oost")


def test_the_openapi_document_names_every_filter(client):
    spec = client.get("/api/v1/openapi.json").json()
    names = {p["name"] for p in spec["paths"]["/api/v1/activities"]["get"]["parameters"]}
    assert names >= {
        "edition",
        "region",
        "province",
        "from",
        "to",
        "theme",
        "type",
        "audience",
        "format",
        "interactive",
        "signup",
        "has_places",
        "organisation",
        "q",
        "near",
        "radius_km",
        "page",
    }
