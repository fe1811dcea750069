"""Full-text search in the agenda: Dutch stemming, ranking, organisers, towns, typos, freshness."""

import pytest
from django.core.management import call_command

from estafette.activities.models import Activity
from estafette.agenda import search as index
from estafette.agenda.filters import AgendaFilterForm
from estafette.agenda.models import SearchWord
from estafette.agenda.queries import facet_counts, filtered_activities
from estafette.partners.models import Partner
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    edit_published,
)

pytestmark = pytest.mark.django_db

SCATTERED = "Over zorg en wonen. Wat kan er op afstand? Een middag met koffie."


def search(q, **filters):
    return list(filtered_activities({"q": q, **filters}))


def nearby(near, **filters):
    """Through the filter form, which turns `near` into a place."""
    form = AgendaFilterForm({"near": near, **filters})
    assert form.is_valid(), form.errors
    return list(filtered_activities(form.cleaned_data))


def test_a_plural_finds_the_singular():
    activity = ActivityFactory(title="Innovatie in de thuiszorg", summary="Kom kijken.")
    ActivityFactory(title="Wandeling door het park", summary="Buiten.", description="Frisse lucht.")
    assert search("innovaties") == [activity]


def test_the_phrase_in_the_title_ranks_first():
    scattered = ActivityFactory(
        title="Open dag wijkcentrum", summary="Kom langs.", description=SCATTERED
    )
    phrased = ActivityFactory(
        title="Zorg op afstand in de praktijk", summary="Kom langs.", description="Koffie."
    )
    assert scattered.starts_at <= phrased.starts_at
    assert search("zorg op afstand") == [phrased, scattered]
    assert search("zorg op afstand", sort="relevance") == [phrased, scattered]
    assert search("zorg op afstand", sort="date") == [scattered, phrased]


def test_organisers_lead_and_accepted_partner_are_searchable():
    lead = ActivityFactory(lead_organisation=OrganisationFactory(name="Thuiszorg Twentevaart"))
    partnered = ActivityFactory()
    for status, name in (
        (Partner.Status.ACCEPTED, "Bibliotheek Kloosterveen"),
        (Partner.Status.INVITED, "Huisartsenpost Zuidbroek"),
    ):
        Partner.objects.create(
            activity=partnered, organisation=OrganisationFactory(name=name), status=status
        )
    index.index_activities([partnered.pk])  # partners made outside the services, as a load does
    assert search("twentevaart") == [lead]
    assert search("kloosterveen") == [partnered]
    assert search("zuidbroek") == []


def test_town_and_mistyped_towns():
    enschede = ActivityFactory(town="Enschede")
    groningen = ActivityFactory(region="noord", town="Groningen", postcode="9711 AB")
    assert search("Enschede") == [enschede]
    assert search("Enschde") == [enschede]
    assert search("Groningn") == [groningen]
    assert search("workshop Groningn") == [groningen]


def test_the_index_follows_edits_and_a_rebuild(django_capture_on_commit_callbacks):
    from estafette.organisations.services import OrganisationProfile, update_organisation

    activity = ActivityFactory(title="Kennismaken met de slimme pillendoos")
    organisation = activity.lead_organisation
    admin = MembershipFactory(organisation=organisation).user
    activity.title = "Kennismaken met de medicijnrobot"
    with django_capture_on_commit_callbacks(execute=True):
        edit_published(activity, by=admin)
    assert search("medicijnrobot") == [activity]
    assert search("pillendoos") == []
    with django_capture_on_commit_callbacks(execute=True):
        update_organisation(
            organisation=organisation,
            by=admin,
            profile=OrganisationProfile(
                name="Zorgcoöperatie Hofstede",
                kind=organisation.kind,
                province=organisation.province,
            ),
        )
    assert search("zorgcooperatie hofstede") == [activity]

    Activity.objects.filter(pk=activity.pk).update(title="Spreekuur valpreventie")
    assert search("valpreventie") == []
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert search("valpreventie") == [activity]
    activity.delete()
    assert search("valpreventie") == []


def test_search_combines_with_other_filters_and_facets():
    oost = ActivityFactory(title="Beeldbellen oefenen")
    west = ActivityFactory(region="west", town="Amsterdam", title="Beeldbellen voor ouderen")
    assert set(search("beeldbellen")) == {oost, west}
    assert search("beeldbellen", region="oost") == [oost]
    ranked = filtered_activities({"q": "beeldbellen", "region": "west"})
    assert ranked.count() == 1 and list(ranked[:20]) == [west]
    assert facet_counts(ranked)["region"] == {"west": 1}


def test_the_last_word_matches_as_a_prefix_and_stop_words_are_left_out():
    workshop = ActivityFactory(title="Workshop slimme sensoren")
    assert search("Works") == [workshop]
    assert search("slimme sens") == [workshop]
    assert "voor" not in f"{workshop.title} {workshop.summary} {workshop.description}"
    assert search("sensoren voor") == [workshop]


def test_a_word_of_one_or_two_letters_is_not_read_as_the_start_of_longer_ones():
    """'z' or 'zo' began nearly every word of every activity: the whole agenda, slowly."""
    zorgapp = ActivityFactory(title="Zorgapp uitproberen", summary="Kom.", description="Koffie.")
    ai = ActivityFactory(title="AI in de huisartsenpraktijk", summary="Kom.", description="Thee.")
    assert search("zo") == [] and search("z") == []
    assert zorgapp in search("zor")
    assert search("ai") == [ai]  # as a word of its own it still counts


def test_the_api_gives_the_same_results(client):
    phrased = ActivityFactory(title="Zorg op afstand voor iedereen", summary="Kom.")
    scattered = ActivityFactory(title="Open dag", summary="Kom.", description=SCATTERED)
    ActivityFactory(title="Wandeling", summary="Buiten.", description="Frisse lucht.")
    body = client.get("/api/v1/activities", {"q": "zorg op afstand"}).json()
    assert [row["id"] for row in body["results"]] == [phrased.pk, scattered.pk]
    assert body["count"] == 2


@pytest.mark.postgres
def test_the_vector_text_equals_the_vector_postgresql_computes():
    from django.db import connection

    document = index.document(
        "Zorg op afstand: zorg thuis in 2027",
        "",
        ["Zorgcoöperatie Hofstede", "GGZ 24/7"],
        "Den Haag",
        "Eerst zorg.\n\nDan nog meer zorg, zorg en zorg.",
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT %s::tsvector = (setweight(to_tsvector('simple', %s), 'A')"
            " || setweight(to_tsvector('simple', %s), 'B')"
            " || setweight(to_tsvector('simple', %s), 'C')"
            " || setweight(to_tsvector('simple', %s), 'D'))",
            [index.vector_text(document), *document],
        )
        assert cursor.fetchone() == (True,)


def test_a_text_too_long_for_the_vector_text_is_refused():
    long = " ".join(["zorg"] * index.VECTOR_MAX_WORDS)
    index.vector_text((long, "", "", ""))
    with pytest.raises(ValueError, match="too long"):
        index.vector_text((long, "", "", "thuis"))


def _selected_sort(page: str) -> str:
    import re

    select = re.search(r'<select name="sort" id="id_sort">(.*?)</select>', page, re.S).group(1)
    return re.search(r"<option [^>]*selected[^>]*>([^<]*)<", select).group(1)


@pytest.mark.parametrize(
    ("prefix", "relevance", "date"),
    [("", "op relevantie", "op datum"), ("/en", "by relevance", "by date")],
)
def test_the_sort_control_says_relevance_while_a_search_term_ranks(client, prefix, relevance, date):
    ActivityFactory(title="Beeldbellen oefenen")

    def selected(query):
        return _selected_sort(client.get(f"{prefix}/agenda/?edition=2023&{query}").content.decode())

    assert selected("q=beeldbellen") == relevance
    assert selected("q=beeldbellen&sort=relevance") == relevance
    assert selected("q=beeldbellen&sort=date") == date
    assert selected("format=in_person") == date
    page = client.get(f"{prefix}/agenda/?edition=2023&sort=relevance").content.decode()
    assert _selected_sort(page) == date and relevance not in page  # nothing to rank without a term


def _in_friesland():
    sneek = ActivityFactory(
        region="noord", town="Sneek", postcode="8601 AB", latitude=53.04, longitude=5.67
    )
    leeuwarden = ActivityFactory(
        region="noord", town="Leeuwarden", postcode="8911 AB", latitude=53.201, longitude=5.799
    )
    groningen = ActivityFactory(
        region="noord", town="Groningen", postcode="9711 AB", latitude=53.219, longitude=6.567
    )
    return sneek, leeuwarden, groningen


@pytest.mark.parametrize("near", ["Sneek", " sneek ", "SNEEK", "Snits"])
def test_a_town_works_where_a_postcode_does(near):
    sneek, leeuwarden, _groningen = _in_friesland()
    assert nearby(near, radius_km=10) == [sneek]
    assert set(nearby(near)) == {sneek, leeuwarden}  # 25 km by default


def test_a_town_known_only_from_activities_works_too():
    kloosterveen = ActivityFactory(
        region="noord", town="Kloosterveen", postcode="9408 AB", latitude=53.0, longitude=6.54
    )
    _in_friesland()
    assert nearby("kloosterveen", radius_km=5) == [kloosterveen]


def test_each_card_shows_its_distance_in_the_visitors_number_format(client):
    _in_friesland()
    page = client.get("/agenda/?edition=2023&near=Sneek").content.decode()
    assert page.count('class="card-distance"') == 2
    assert "1,1 km van Sneek" in page and "20,9 km van Sneek" in page
    english = client.get("/en/agenda/?edition=2023&near=Sneek").content.decode()
    assert "1.1 km from Sneek" in english
    by_postcode = client.get("/agenda/?edition=2023&near=8601AB&radius_km=10").content.decode()
    assert "0,0 km van 8601 AB" in by_postcode  # placed at the activities of its PC4 area
    assert "card-distance" not in client.get("/agenda/?edition=2023").content.decode()


def test_an_unknown_town_gets_a_dutch_message_and_keeps_the_other_filters(client):
    _in_friesland()
    response = client.get("/agenda/?edition=2023&q=zorg&near=Snek")
    page = response.content.decode()
    assert response.status_code == 400
    assert "De plaats ‘Snek’ kennen we niet. Bedoelt u Sneek?" in page
    assert 'name="near" id="id_near" value="Snek"' in page
    assert 'value="zorg"' in page
    nowhere = client.get("/agenda/?near=Atlantis").content.decode()
    assert "De plaats ‘Atlantis’ kennen we niet. Vul een postcode in" in nowhere


def test_the_api_takes_a_town_and_gives_each_distance(client):
    sneek, leeuwarden, _groningen = _in_friesland()
    body = client.get("/api/v1/activities", {"near": "Sneek"}).json()
    distances = {row["id"]: row["distance_km"] for row in body["results"]}
    assert distances == {sneek.pk: 1.1, leeuwarden.pk: 20.9}
    plain = client.get("/api/v1/activities").json()
    assert {row["distance_km"] for row in plain["results"]} == {None}
    refused = client.get("/api/v1/activities", {"near": "Snek"})
    assert refused.status_code == 400
    assert "Bedoelt u Sneek?" in refused.json()["detail"]


def test_a_word_finds_the_compounds_it_is_part_of():
    market = ActivityFactory(
        title="Zorginnovatiemarkt Twente", summary="Kom langs.", description="Koffie."
    )
    plural = ActivityFactory(
        title="Open dag", summary="Zorginnovaties uit de regio.", description="Koffie."
    )
    plain = ActivityFactory(
        title="Innovatie in de thuiszorg", summary="Kom langs.", description="Koffie."
    )
    ActivityFactory(title="Wandeling", summary="Buiten.", description="Frisse lucht.")
    assert set(search("innovatie")) == {market, plural, plain}
    assert set(search("innovaties")) == {market, plural, plain}
    assert set(search("innovatie twente")) == {market}
    assert set(search("markt")) == {market}


def test_a_plural_finds_what_its_singular_finds():
    robot = ActivityFactory(title="Een robot in huis", summary="Kom kijken.", description="Koffie.")
    zorgrobot = ActivityFactory(
        title="Kennismaken met de zorgrobot", summary="Kom kijken.", description="Koffie."
    )
    sensor = ActivityFactory(
        title="Werken met een slimme sensor", summary="Kom kijken.", description="Koffie."
    )
    ActivityFactory(title="Wandeling", summary="Buiten.", description="Frisse lucht.")
    assert set(search("robot")) == {robot, zorgrobot}
    assert set(search("robots")) == {robot, zorgrobot}
    assert set(search("robots in huis")) == {robot}
    assert search("sensoren") == [sensor]


def test_a_part_is_only_a_part_after_a_word_of_its_own():
    ActivityFactory(title="Spreekuur voor iedere houder van een pas", description="Koffie.")
    ActivityFactory(title="Uitleg over de procedure", description="Koffie.")
    parents = ActivityFactory(title="Ouderavond op school", description="Koffie.")
    assert search("ouder") == [parents]
    assert search("proces uitleg") == []  # "proce" is no word of its own


def test_the_vocabulary_follows_edits_and_a_rebuild(django_capture_on_commit_callbacks):
    activity = ActivityFactory(title="Kennismaken met de slimme pillendoos")
    admin = MembershipFactory(organisation=activity.lead_organisation).user
    activity.title = "Kennismaken met de medicijnrobot"
    with django_capture_on_commit_callbacks(execute=True):
        edit_published(activity, by=admin)
    assert search("robots") == [activity]
    SearchWord.objects.all().delete()
    assert search("robots") == []
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert search("robots") == [activity]


@pytest.mark.postgres
def test_the_vocabulary_lookup_is_an_index_search_on_postgresql():
    from django.db import connection

    ActivityFactory(title="Zorginnovatiemarkt")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table: force the choice
        query = SearchWord.objects.filter(word__contains="innovatie").values_list("stem")
        sql, params = query.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert "agenda_searchword_trgm_idx" in plan


def test_the_vocabulary_lookup_is_an_index_search_on_sqlite():
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's trigram table")
    ActivityFactory(title="Zorginnovatiemarkt")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word FROM agenda_searchword WHERE rowid IN (SELECT rowid FROM"
            " agenda_searchword_trgm WHERE agenda_searchword_trgm MATCH '\"innovatie\"')"
        )
        assert cursor.fetchall() == [("zorginnovatiemarkt",)]


def test_the_widget_shows_the_distance_too(client):
    _in_friesland()
    page = client.get("/agenda/widget/?edition=2023&near=Sneek&radius_km=10").content.decode()
    assert "1,1 km van Sneek" in page and "Leeuwarden" not in page


def test_a_place_with_no_activity_near_it_shows_an_empty_agenda_not_an_error(client):
    """No activity within the radius left an empty `pk IN ()` that the facet counts could not
    turn into SQL: a server error instead of "nothing found"."""
    _in_friesland()
    response = client.get("/agenda/?edition=2023&near=Sneek&region=oost")
    assert response.status_code == 200
    assert 'class="card-distance"' not in response.content.decode()
