"""Issue 10, finding 13: no public request, however odd its parameters, gives a server error.

First the requests that gave HTTP 500 before, each with the answer it gets now; then a
property-based test that throws arbitrary strings at every public parameter of every public
endpoint and accepts no 5xx.
"""

import string
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from estafette.agenda.filters import AgendaFilterForm
from tests.factories import ActivityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def fetch(client, url):
    """The status of a GET as a visitor gets it: the whole body read (streams included), a
    server error as a status instead of an exception in the test."""
    client.raise_request_exception = False
    response = client.get(url)
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)
    return response


@pytest.mark.parametrize("q", ["?", "-", "&", "!!!", "😀", "\"'", "()", ":*", "|"])
def test_search_of_only_syntax_characters_or_emoji_is_an_empty_result(client, q):
    ActivityFactory(title="Beweegroute")
    response = fetch(client, f"/agenda/?edition=2023&q={quote(q)}")
    assert response.status_code == 200
    assert "Geen activiteiten gevonden" in response.content.decode()
    api = fetch(client, f"/api/v1/activities?q={quote(q)}")
    assert api.status_code == 200 and api.json()["count"] == 0


def test_edition_beyond_any_year_is_a_dutch_400(client):
    response = fetch(client, "/agenda/?edition=99999999999")
    assert response.status_code == 400
    assert "2999" in response.content.decode()
    api = fetch(client, "/api/v1/activities?edition=99999999999")
    assert api.status_code == 400
    [error] = api.json()["errors"]
    assert error["parameter"] == "edition" and "2999" in error["message"]


@pytest.mark.parametrize("name", ["theme", "type", "audience"])
def test_nul_byte_in_a_vocabulary_is_an_unknown_value(client, name):
    response = fetch(client, f"/agenda/?{name}=zorg%00")
    assert response.status_code == 400
    assert "kennen we niet" in response.content.decode()
    assert fetch(client, f"/api/v1/activities?{name}=%00").status_code == 400


@pytest.mark.parametrize("path", ["/agenda/", "/agenda/widget/", "/api/v1/activities"])
def test_page_beyond_two_to_the_63rd_is_a_dutch_400(client, path):
    response = fetch(client, f"{path}?page={2**63 + 1}")
    assert response.status_code == 400
    assert "Het paginanummer mag hoogstens 100" in response.content.decode()


@pytest.mark.parametrize("at", ["0001-01-01", "9999-12-31T23:59:59-12:00", "9999-12-31"])
def test_relay_moment_at_the_ends_of_the_calendar_is_a_dutch_400(client, at):
    response = fetch(client, f"/api/v1/relay?at={quote(at)}")
    assert response.status_code == 400
    message = "Kies een datum tussen 1900 en 2999."
    assert response.json() == {
        "detail": message,
        "errors": [{"parameter": "at", "message": message}],
    }
    assert fetch(client, "/api/v1/relay?at=2999-12-31T23:59:59-12:00").status_code == 200


@pytest.mark.parametrize(
    "query", ["view=calendar&day=9999-12-31", "view=calendar&day=0001-01-01&grid=day"]
)
def test_calendar_day_at_the_ends_of_the_calendar_is_a_dutch_400(client, query):
    response = fetch(client, f"/agenda/?edition=2023&{query}")
    assert response.status_code == 400
    assert "Kies een datum tussen 1900 en 2999." in response.content.decode()


def test_calendar_opening_on_a_far_from_date_is_a_dutch_400(client):
    response = fetch(client, "/agenda/?view=calendar&from=9999-12-31")
    assert response.status_code == 400
    assert "Kies een datum tussen 1900 en 2999." in response.content.decode()


# Every public endpoint and the parameters it reads (path parts as {placeholders}).
FILTERS = list(AgendaFilterForm().fields)  # the one filter layer: pages, feeds, API, widget
ENDPOINTS = {
    "/agenda/": [*FILTERS, "view", "day", "grid"],
    "/en/agenda/": [*FILTERS, "view", "day", "grid"],
    "/agenda/widget/": FILTERS,
    "/agenda/widget/maken/": FILTERS,
    "/agenda.ics": FILTERS,
    "/agenda.rss": FILTERS,
    "/agenda.atom": FILTERS,
    "/api/v1/activities": FILTERS,
    "/api/v1/activities.csv": FILTERS,
    "/api/v1/activities/{id}": [],
    "/api/v1/relay": ["at"],
    "/api/v1/regions/lookup": ["postcode"],
    "/": [],
    "/edities/": [],
    "/editie/{id}/": [],
    "/regio/{slug}/": [],
    "/organisaties/": ["q", "pagina"],
    "/organisatie/{slug}/": [],
    "/activiteit/{id}/{slug}/": [],
    "/activiteit/{id}.ics": [],
    "/activiteit/{id}/aanmelden/": [],
    "/aanmelding/{slug}/": [],
    "/cijfers/": ["kaart"],
    "/cijfers/{id}/": ["kaart"],
    "/api/v1/figures": ["edition"],
    "/api/v1/figures.csv": ["edition"],
    "/robots.txt": [],
    "/.well-known/security.txt": [],
}

# Values that broke something once, mixed with arbitrary text.
EDGES = [
    "",
    "\x00",
    "?",
    "-",
    "&",
    "!!!",
    "😀",
    "99999999999",
    str(2**63 + 1),
    "-1",
    "0",
    "0001-01-01",
    "9999-12-31",
    "9999-12-31T23:59:59-12:00",
    "2023-02-30",
    "1e309",
    "NaN",
    "calendar",
    "map",
    "day",
    "oost",
    "1012 AB",
]
values = st.one_of(
    st.sampled_from(EDGES),  # half of the values: the known edges
    st.one_of(
        st.text(max_size=40),
        st.text(alphabet=string.printable, max_size=12),
        st.integers().map(str),
    ),
)
path_parts = st.one_of(st.sampled_from(["1", "0", str(2**64), "oost"]), st.text(min_size=1))


# A good value per parameter: odd values only reach the deeper code when the rest is valid.
GOOD = {
    "edition": "2023",
    "region": "oost",
    "province": "NL-OV",
    "from": "2023-02-01",
    "to": "2023-02-28",
    "theme": "zorg-op-afstand",
    "format": "in_person",
    "interactive": "true",
    "signup": "platform",
    "has_places": "true",
    "organisation": "oost",
    "q": "zorg",
    "near": "7511 AB",
    "radius_km": "25",
    "sort": "relevance",
    "page": "1",
    "view": "calendar",
    "day": "2023-02-07",
    "grid": "day",
    "at": "2023-02-07",
    "postcode": "7511 AB",
    "kaart": "activities",
}


def request_to(endpoint):
    """Addresses of this endpoint: arbitrary path parts, and one parameter with an arbitrary
    value among up to three with good ones."""
    names = ENDPOINTS[endpoint]
    parts = endpoint.count("{")
    if not names:
        params = st.just([])
    else:
        good = st.lists(st.sampled_from(names), max_size=3).map(
            lambda chosen: [(name, GOOD.get(name, "")) for name in chosen]
        )
        odd = st.tuples(st.sampled_from(names), values)
        params = st.tuples(good, odd).map(lambda pair: [*pair[0], pair[1]])
    return st.tuples(st.lists(path_parts, min_size=parts, max_size=parts), params)


def address(endpoint, parts, params) -> str:
    path = endpoint
    for part in parts:
        head, rest = path.split("{", 1)
        path = head + quote(part, safe="") + rest.split("}", 1)[1]
    return f"{path}?{urlencode(params)}" if params else path


@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
def test_no_public_request_gives_a_server_error(client, endpoint):
    # Bounded: the suite runs this on SQLite and PostgreSQL. Endpoints that read filters get
    # more tries than those with a path only.
    tries = 20 if len(ENDPOINTS[endpoint]) > 2 else 12 if ENDPOINTS[endpoint] else 4

    @settings(
        max_examples=tries,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(request=request_to(endpoint))
    def check(request):
        url = address(endpoint, *request)
        assert fetch(client, url).status_code < 500, url

    check()


@pytest.fixture(autouse=True)
def _something_to_find():
    organisation = OrganisationFactory(slug="oost")
    ActivityFactory(lead_organisation=organisation, title="Zorg op afstand in Enschede")


@pytest.mark.parametrize("feed", ["/agenda.rss", "/agenda.atom", "/agenda.ics"])
def test_control_character_in_a_feed_filter_leaves_it_out_of_the_title(client, feed):
    response = fetch(client, f"{feed}?q=zorg%08")
    assert response.status_code == 200
    assert b"\x08" not in response.content
