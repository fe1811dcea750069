"""Every public page answers cold (cache empty) with a fixed number of queries, however many
activities match: the counts are pinned here, so a change that adds one is seen."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from estafette.agenda import tallies
from estafette.figures import summary
from estafette.relay.models import Edition
from tests.factories import ActivityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

# The agenda: one statement counts all twelve facets (stages and provinces by their keys, their
# values joined to the groups); the vocabularies (four), regions, provinces, editions and the
# relay's weeks that label the options are read once each. The calendar counts and picks a
# week's activities in one statement. A whole edition without filters reads its kept counts
# instead (agenda/tallies.py): its kept counts, the stages' names and the places left; the map
# its organisers and towns from the same kept rows.
PAGES = {
    "/agenda/?edition=2023": 18,
    "/agenda/?edition=2023&region=oost&theme=zorg-op-afstand": 18,
    # The search vocabulary, how many it finds, and its page: those whose title holds the word
    # (none: the factory's summaries hold it), then the others (search.TitleFirst).
    "/agenda/?edition=2023&q=beeldbellen": 20,
    "/agenda/?edition=2023&view=calendar": 16,
    "/agenda/?edition=2023&view=map": 14,
    "/agenda/?edition=2023&week=1&province=NL-OV&kind=care_provider&interactive=false"
    "&signup=platform": 17,
    "/": 11,
    "/regio/oost/": 13,
    "/regio/oost/2022/": 10,
    "/editie/2023/": 14,
    # The open data: the vocabularies of a page's activities in one read (activities.queries).
    "/api/v1/activities?edition=2023&region=oost": 6,
    "/agenda.rss?edition=2023": 5,
    "/agenda.atom?edition=2023": 5,
    "/agenda.ics?edition=2023": 5,  # new events rendered and kept (agenda.CalendarEntry)
}


def queries(client, url) -> int:
    # The figures' queue is worked off after each commit, before any visitor comes (the
    # factories' changes are queued only): the home, region and edition pages read kept numbers.
    summary.ensure_counted(Edition.objects.visible())
    # So are the whole editions' kept counts (agenda/tallies.py; their recount is pinned in
    # tests/agenda/test_edition_tallies.py).
    tallies.ensure_kept()
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def add_activities(n: int) -> None:
    organisation = OrganisationFactory()
    for i in range(n):
        ActivityFactory(lead_organisation=organisation, town=["Enschede", "Hengelo"][i % 2])


@pytest.mark.parametrize("url", PAGES)
def test_a_cold_page_takes_a_fixed_number_of_queries(client, url):
    add_activities(3)
    first = queries(client, url)
    add_activities(22)  # more than a page, more towns' activities, more organisers
    assert (first, queries(client, url)) == (PAGES[url], PAGES[url])


def test_an_activity_page_takes_a_fixed_number_of_queries(client):
    # Its edition, the activity, its five vocabularies in one read, its partners, its results.
    activity = ActivityFactory()
    assert queries(client, activity.get_absolute_url()) == 5
