"""The figures of an edition equal what the open-data API lists, and count each status right."""

from collections import Counter

import pytest

from estafette.figures.queries import edition_figures, editions_compared
from tests.factories import edition

pytestmark = pytest.mark.django_db


def listed_through_the_api(client, **filters) -> list[dict]:
    """Every activity the API lists for the filters, page by page."""
    results, url, params = [], "/api/v1/activities", {**filters, "page": 1}
    while True:
        answer = client.get(url, params).json()
        results += answer["results"]
        if not answer["next"]:
            return results
        params["page"] += 1


def tally(listed: list[dict]) -> dict:
    going_ahead = [a for a in listed if a["status"] == "published"]
    return {
        "activities": len(going_ahead),
        "cancelled": sum(a["status"] == "cancelled" for a in listed),
        "with_partners": sum(len(a["organisers"]) > 1 for a in going_ahead),
        "interactive": sum(a["interactive"] for a in going_ahead),
        "formats": Counter(a["format"] for a in going_ahead),
        "organisations": len({o["slug"] for a in going_ahead for o in a["organisers"]}),
    }


def figures_as_tally(t) -> dict:
    return {
        "activities": t.activities,
        "cancelled": t.cancelled,
        "with_partners": t.with_partners,
        "interactive": t.interactive,
        "formats": +t.formats,
        "organisations": t.organisations,
    }


@pytest.mark.parametrize("region", ["oost", "west", "noord", "zuid"])
def test_figures_per_region_equal_what_the_api_lists_for_the_same_edition_and_region(
    client, relay, region
):
    figures = edition_figures(edition(2023))
    row = next(group for group in figures.regions if group.key == region)
    listed = listed_through_the_api(client, edition=2023, region=region)
    assert figures_as_tally(row.tally) == tally(listed)


def test_edition_totals_equal_what_the_api_lists_for_the_edition(client, relay):
    figures = edition_figures(edition(2023))
    assert figures_as_tally(figures.total) == tally(listed_through_the_api(client, edition=2023))
    assert figures.total.activities == 6 and figures.total.cancelled == 1


def test_theme_and_type_counts_equal_the_api_filtered_on_them(client, relay):
    figures = edition_figures(edition(2023))
    for share in figures.themes:
        listed = listed_through_the_api(client, edition=2023, theme=share.key)
        assert share.count == tally(listed)["activities"], share.key
    for share in figures.types:
        listed = listed_through_the_api(client, edition=2023, type=share.key)
        assert share.count == tally(listed)["activities"], share.key
    assert sum(share.count for share in figures.themes) == 6


def test_cancelled_activities_count_only_as_cancelled(relay):
    figures = edition_figures(edition(2023))
    oost = next(group for group in figures.regions if group.key == "oost")
    assert oost.tally.cancelled == 1
    assert oost.tally.activities == 4
    # The cancelled one's partner, organiser and sign-up count nowhere.
    assert oost.tally.organisations == 3  # care, care2, library: not the municipality
    assert oost.tally.signups == 3
    kinds = {share.key: share.count for share in figures.organisation_kinds}
    assert kinds["municipality"] == 0
    day = next(group for group in figures.days if group.tally.cancelled)
    assert day.tally.cancelled == 1


def test_drafts_submitted_rejected_and_changes_asked_count_nowhere(relay):
    figures = edition_figures(edition(2023))
    assert figures.total.activities + figures.total.cancelled == 7
    assert sum(group.tally.activities for group in figures.days) == 6
    assert sum(group.tally.activities for group in figures.weeks) == 6
    assert sum(group.tally.activities for group in figures.regions) == 6


def test_cross_sector_means_a_partner_of_another_kind_than_the_lead(relay):
    figures = edition_figures(edition(2023))
    oost = next(group for group in figures.regions if group.key == "oost")
    assert oost.tally.with_partners == 2  # the invited, not accepted, partner does not count
    assert oost.tally.cross_sector == 1  # care provider with library, not with care provider
    assert oost.tally.share_with_partners == 50.0
    assert oost.tally.share_cross_sector == 25.0
    assert oost.tally.share_interactive == 25.0


def test_sign_ups_places_and_waiting_list(relay):
    total = edition_figures(edition(2023)).total
    assert (total.signups, total.waiting_list, total.places_taken) == (3, 2, 3)


def test_organisations_count_once_per_group_leads_and_partners_together(relay):
    figures = edition_figures(edition(2023))
    assert figures.total.organisations == 3  # care, care2 (partner), library (lead in west)
    kinds = {share.key: share.count for share in figures.organisation_kinds}
    assert kinds["care_provider"] == 2 and kinds["library"] == 1
    west_kinds = {share.key: share.count for share in figures.region_kinds["west"]}
    assert west_kinds["library"] == 1 and west_kinds["care_provider"] == 0


def test_days_and_weeks_cover_the_whole_edition(relay):
    figures = edition_figures(edition(2023))
    ed = edition(2023)
    assert figures.days[0].first_day == ed.starts_on
    assert figures.days[-1].first_day == ed.ends_on
    assert figures.weeks[0].first_day == ed.starts_on
    assert figures.weeks[-1].last_day == ed.ends_on
    west_days = [
        group for group in figures.days if group.tally.activities and group.key > "2023-02-12"
    ]
    assert [group.tally.activities for group in west_days] == [1, 1]
    assert "west" in figures.weeks[1].label.lower()


def test_editions_compared_each_metric_per_edition(relay):
    compared = {row.edition.year: row.tally for row in editions_compared(edition(2023))}
    assert 2023 in compared and 2022 in compared and 2024 not in compared
    assert compared[2022].activities == 1 and compared[2022].organisations == 1
    this_year = edition_figures(edition(2023)).total
    assert figures_as_tally(compared[2023]) == figures_as_tally(this_year)
    assert compared[2023].signups == this_year.signups


def test_reported_participants_professionals_and_citizens_apart_hidden_results_left_out(relay):
    figures = edition_figures(edition(2023))
    oost = next(group for group in figures.regions if group.key == "oost")
    assert (oost.tally.reported, oost.tally.participants) == (1, 20)
    assert (oost.tally.professionals, oost.tally.citizens) == (8, 10)
    total = figures.total
    assert (total.reported, total.participants, total.professionals, total.citizens) == (
        2,
        32,
        10,
        19,
    )
    compared = {row.edition.year: row.tally for row in editions_compared(edition(2023))}
    assert compared[2023].participants == 32


def partnerships_by_hand(listed: list[dict]) -> Counter:
    """Per pair of kinds, the published activities whose lead has a partner of the other kind,
    counted from the API's list with each organisation's kind looked up by hand."""
    from estafette.figures.queries import kind_pair
    from estafette.organisations.models import Organisation

    kinds = dict(Organisation.objects.values_list("slug", "kind"))
    counted = Counter()
    for activity in listed:
        if activity["status"] != "published":
            continue
        lead = next(o for o in activity["organisers"] if o["role"] == "lead")
        partners = [o for o in activity["organisers"] if o["role"] == "partner"]
        pairs = {
            kind_pair(kinds[lead["slug"]], kinds[p["slug"]])
            for p in partners
            if kinds[p["slug"]] != kinds[lead["slug"]]
        }
        counted.update(pairs)
    return counted


def test_cross_sector_partnerships_per_pair_of_kinds_equal_counting_by_hand(client, relay):
    from estafette.organisations.models import Organisation
    from tests.factories import ActivityFactory, OrganisationFactory
    from tests.figures.conftest import add_partner

    library = relay["library"]
    care = Organisation.objects.get(name="Zorggroep Twente")
    town = Organisation.objects.get(name="Gemeente Almelo")
    care_too = OrganisationFactory(kind=Organisation.Kind.CARE_PROVIDER)
    # A library with two care providers (one pair, once) and a municipality (a second pair).
    busy = ActivityFactory(region="west", lead_organisation=library)
    for partner in (care, care_too, town):
        add_partner(busy, partner)
    add_partner(ActivityFactory(region="west", lead_organisation=town), library)
    add_partner(ActivityFactory(lead_organisation=care_too, status="draft"), library)  # no
    figures = edition_figures(edition(2023))
    shown = {share.key: share.count for share in figures.partnerships}
    assert shown == {
        "care_provider+library": 2,  # oost's care provider with the library, and busy
        "municipality+library": 2,  # busy, and the municipality's own activity
    }
    assert +partnerships_by_hand(listed_through_the_api(client, edition=2023)) == Counter(shown)
    assert [share.label for share in figures.partnerships] == [
        "Zorgaanbieder en bibliotheek",
        "Gemeente en bibliotheek",
    ]


def test_a_pair_of_kinds_is_one_pair_either_way_round_and_labelled_in_english_too():
    from django.utils import translation

    from estafette.figures.queries import kind_pair, partnership_shares

    assert kind_pair("library", "care_provider") == kind_pair("care_provider", "library")
    with translation.override("en"):
        shares = partnership_shares(Counter({"care_provider+library": 2, "municipality+other": 0}))
    assert [(s.key, s.label, s.count) for s in shares] == [
        ("care_provider+library", "Care provider and library", 2)
    ]
