"""The OpenAPI document describes what the API really answers, as strict clients read it.

Three independent readers: openapi-spec-validator checks the document itself; openapi-core
(a strict client and server library) checks real requests and their answers, the README's
examples among them; schemathesis throws generated requests, valid and invalid, at every
operation through the WSGI application and checks every answer against the document.
"""

import copy
import json
import re
from pathlib import Path

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.http import HttpResponse
from hypothesis import HealthCheck, settings
from openapi_core import Config, OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_spec_validator import validate
from schemathesis.specs.openapi.checks import positive_data_acceptance

from estafette.activities.models import Activity
from estafette.agenda.filters import AgendaFilterForm
from estafette.api.urls import api
from estafette.wsgi import application
from tests.conftest import shared_by_the_module
from tests.factories import ActivityFactory
from tests.figures.conftest import small_relay

pytestmark = pytest.mark.django_db

README = Path(django_settings.BASE_DIR) / "README.md"
OPERATIONS = [
    "/api/v1/relay",
    "/api/v1/regions/lookup",
    "/api/v1/activities",
    "/api/v1/activities.csv",
    "/api/v1/activities/{activity_id}",
    "/api/v1/figures",
    "/api/v1/figures.csv",
]


def every_kind() -> dict:
    data = small_relay()
    data["external"] = ActivityFactory(
        region="west",
        signup_mode=Activity.SignupMode.EXTERNAL,
        signup_url="https://tickets.example.nl/zorg",
        capacity=None,
    )
    return data


@pytest.fixture(scope="module")
def _agenda_of_the_module(django_db_setup, django_db_blocker):
    yield from shared_by_the_module(django_db_blocker, every_kind)


@pytest.fixture
def agenda(_agenda_of_the_module, db):
    """Every kind of activity the API shows: seats and a waiting list, reported results, a
    cancelled one, online, sign-up elsewhere, another edition (made once for the module)."""
    return copy.deepcopy(_agenda_of_the_module)


@pytest.fixture
def spec(client) -> dict:
    return client.get("/api/v1/openapi.json").json()


def read_csv_text(raw, **parameters) -> str:
    return raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw


READERS: dict[str, OpenAPI] = {}


@pytest.fixture
def strict(spec) -> OpenAPI:
    """A strict reader of the document the API serves: built once for each document (a build
    and its validators cost about 0.15 s), so the same document is read the same way."""
    document = json.dumps(spec, sort_keys=True)
    if document not in READERS:
        # A client reads a CSV answer as text (UTF-8, after its byte order mark).
        config = Config(extra_media_type_deserializers={"text/csv": read_csv_text})
        READERS[document] = OpenAPI.from_dict(spec, config=config)
    return READERS[document]


def check(strict: OpenAPI, response):
    """The request was a valid one and the answer is the one the document describes."""
    request = DjangoOpenAPIRequest(response.wsgi_request)
    strict.validate_request(request)
    answer = response
    if response.streaming:
        answer = HttpResponse(
            b"".join(response.streaming_content),
            status=response.status_code,
            content_type=response["Content-Type"],
        )
    strict.validate_response(request, DjangoOpenAPIResponse(answer))
    return response


def test_the_document_is_valid_openapi_and_names_every_operation(spec):
    validate(spec)
    assert set(spec["paths"]) == set(OPERATIONS)


def test_no_activity_object_is_left_open(spec):
    schemas = spec["components"]["schemas"]
    for name in ("ActivitySummary", "ActivityDetail", "Organiser", "Venue", "Problem"):
        assert schemas[name].get("additionalProperties") is False, name
    page = schemas["ActivityPage"]["properties"]["results"]
    assert page["items"] == {"$ref": "#/components/schemas/ActivitySummary"}
    assert set(schemas["ActivitySummary"]["properties"]["format"]["enum"]) == {
        "in_person",
        "online",
        "hybrid",
    }


def test_the_filters_are_the_agenda_forms_fields_with_types(spec):
    """One source of names: the filter form. Fixed vocabularies are enums, numbers integers,
    days dates, lists arrays; no parameter is a bare free string."""
    for path in ("/api/v1/activities", "/api/v1/activities.csv"):
        parameters = {p["name"]: p for p in spec["paths"][path]["get"]["parameters"]}
        expected = set(AgendaFilterForm().fields) - ({"page"} if path.endswith(".csv") else set())
        assert set(parameters) == expected
        assert all(p["in"] == "query" and p["description"] for p in parameters.values())
    schemas = {
        p["name"]: p["schema"] for p in spec["paths"]["/api/v1/activities"]["get"]["parameters"]
    }
    assert schemas["edition"]["type"] == schemas["page"]["type"] == "integer"
    assert schemas["page"]["minimum"] == 1 and schemas["radius_km"]["maximum"] == 300
    assert schemas["from"] == schemas["to"] == {"type": "string", "format": "date"}
    assert schemas["format"]["enum"] == ["in_person", "online", "hybrid"]
    assert schemas["signup"]["enum"] == ["platform", "external", "none"]
    assert schemas["interactive"]["enum"] == ["true", "false"]
    assert schemas["theme"]["type"] == "array" and "pattern" in schemas["theme"]["items"]
    for name, schema in schemas.items():
        assert "anyOf" not in schema, name
        if name != "q":  # free text
            assert schema["type"] != "string" or {"enum", "format", "pattern"} & set(schema), name


def test_csv_answers_are_documented_as_csv(spec):
    for path in ("/api/v1/activities.csv", "/api/v1/figures.csv"):
        responses = spec["paths"][path]["get"]["responses"]
        assert "text/csv" in responses["200"]["content"], path
        assert "application/json" in responses["400"]["content"], path


def test_every_error_answer_has_the_one_problem_shape(spec):
    for path, item in spec["paths"].items():
        for status, response in item["get"]["responses"].items():
            if status.startswith("4"):
                schema = response["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Problem"}, (path, status)
        assert "400" in item["get"]["responses"], path


@pytest.mark.parametrize(
    ("address", "status", "parameter", "words"),
    [
        ("/api/v1/activities/abc", 400, "activity_id", "geen geheel getal"),
        ("/api/v1/activities/0", 400, "activity_id", "te klein"),
        ("/api/v1/activities/999999", 404, None, "bestaat niet"),
        ("/api/v1/activities?region=midden", 400, "region", "bestaat niet"),
        ("/api/v1/activities?organisation=niemand", 400, "organisation", "kennen we niet"),
        ("/api/v1/activities?page=9", 404, None, "bestaat niet"),
        ("/api/v1/activities.csv?format=teleport", 400, "format", "geen beschikbare keuze"),
        ("/api/v1/figures?edition=twintig", 400, "edition", "jaartal"),
        ("/api/v1/figures.csv?edition=1999", 404, "edition", "bestaat niet"),
        ("/api/v1/relay?at=gisteren", 400, "at", "geen geldig moment"),
        ("/api/v1/regions/lookup?postcode=12", 400, "postcode", "geen geldige postcode"),
    ],
)
def test_errors_are_dutch_in_the_one_shape_the_document_gives(
    client, agenda, strict, address, status, parameter, words
):
    response = client.get(address)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"detail", "errors"} and words in body["detail"]
    assert [e["parameter"] for e in body["errors"]] == ([parameter] if parameter else [])
    strict.validate_response(
        DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
    )


def readme_examples() -> list[str]:
    text = README.read_text()
    return sorted(set(re.findall(r"`GET (/api/v1/[^`\s]+)`", text)))


def test_the_readme_has_examples_of_every_operation():
    examples = {
        re.sub(r"\?.*", "", address).replace("{id}", "{activity_id}")
        for address in readme_examples()
    }
    assert examples == set(OPERATIONS)


@pytest.mark.parametrize("address", readme_examples())
def test_the_readmes_examples_are_valid_requests_with_documented_answers(
    client, agenda, strict, address
):
    address = address.replace("{id}", str(agenda["oost"][0].pk))
    response = check(strict, client.get(address))
    assert response.status_code in (200, 404), address  # page=2 of a small agenda is past the end


def test_real_answers_of_every_kind_match_the_document(client, agenda, strict):
    seats = agenda["oost"][0]  # sign-up on the platform, a waiting list, reported results
    for address in (
        "/api/v1/activities",
        "/api/v1/activities?theme=zorg-op-afstand&theme=digitale-zorg&format=online",
        "/api/v1/activities?edition=2023&has_places=true&sort=relevance&q=zorg",
        "/api/v1/activities.csv?region=oost",
        f"/api/v1/activities/{seats.pk}",
        f"/api/v1/activities/{agenda['cancelled'].pk}",
        f"/api/v1/activities/{agenda['external'].pk}",
        "/api/v1/figures",
        "/api/v1/figures?edition=2023",
        "/api/v1/figures.csv?edition=2023",
        "/api/v1/relay",
        "/api/v1/regions/lookup?postcode=7511AB",
    ):
        assert check(strict, client.get(address)).status_code == 200, address
    detail = client.get(f"/api/v1/activities/{seats.pk}").json()
    assert detail["waiting_list"] == 2 and detail["results"]["participants"] == 20
    assert "capacity" not in client.get(f"/api/v1/activities/{agenda['external'].pk}").json()


# The document as /api/v1/openapi.json serves it (a test below checks they are the same),
# built at import: schemathesis makes one test per operation out of it.
SPEC = json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/")))
schema = schemathesis.openapi.from_dict(SPEC)


def test_schemathesis_reads_the_document_the_api_serves(spec):
    assert spec == SPEC


@pytest.fixture
def keep_the_test_connection():
    """The WSGI application closes database connections when a request ends, as it should in
    production; here that would close the test's transaction (PostgreSQL). Django's own test
    client leaves the connection open the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=25,
    derandomize=True,  # the same examples every run: the suite stays reproducible
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_as_documented(case, agenda, keep_the_test_connection):
    """Generated requests, valid and invalid, against every operation through the WSGI
    application: no server error, only documented statuses and content types, every answer
    valid against its schema."""
    case.call_and_validate(
        app=application,
        # Compression has its own tests; schemathesis reads the body as it comes.
        headers={"Accept-Encoding": "identity"},
        # A request can fit the document and still get a documented Dutch 400: the document
        # cannot list what lives in the database (themes, regions ...) or know every calendar
        # rule (30 February, `to` before `from`). Every other check runs.
        excluded_checks=[positive_data_acceptance],
    )
