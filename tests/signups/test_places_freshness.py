"""A sign-up refreshes the places wherever they show, at once, and leaves the rest of its
edition's cached pages warm (issue 12.2): only the pages that show the activity's places depend
on its places version; its edition's version moves only when it fills up or gets a place free
again (the agenda's places filter and its count)."""

import json
import re

import pytest
from django.utils import timezone

from estafette.activities.models import Activity
from estafette.agenda import queries
from estafette.core.caching import (
    ANY_EDITION_KEY,
    SIGNUPS_KEY,
    VERSION_KEY,
    edition_key,
    places_key,
    versions,
)
from estafette.signups import services
from estafette.signups.models import Signup
from estafette.wsgi import application
from tests.core.test_frontcache import call
from tests.signups.conftest import future_activity, sign_up

pytestmark = pytest.mark.django_db

INSTANT = Activity.Confirmation.INSTANT
EDITION = "edition=2023"


@pytest.fixture(autouse=True, params=["memory cache", "Redis"])
def _cache(request):
    """Each case on the tests' memory cache and on Redis, where production reads the versions
    its own way (estafette/core/redis_cache.py)."""
    if request.param == "Redis":
        request.getfixturevalue("live_redis")


@pytest.fixture(autouse=True)
def _fresh_front_cache(_cache):
    application.local.clear()  # copies of an earlier test's pages carry the same versions


def front(path, query=""):
    """Through the front cache, as a visitor gets it: (X-Cache, body)."""
    _status, headers, body = call(path, query)
    return headers.get("X-Cache"), body.decode()


def warm(path, query=""):
    front(path, query)
    assert front(path, query)[0] == "front"


def card(page: str, activity) -> str:
    after = page.split(f'data-activity-id="{activity.pk}"', 1)[1]
    return after.split('class="activity-card', 1)[0].split("</ol>", 1)[0]


def edition_versions(activity):
    return versions([VERSION_KEY, ANY_EDITION_KEY, edition_key(activity.edition_id)])


@pytest.fixture
def activity():
    return future_activity(capacity=5, signup_confirmation=INSTANT, title="Zorg op afstand")


def test_the_activity_page_shows_the_new_number_at_once(committed, activity):
    url = activity.get_absolute_url()
    warm(url)
    assert "Nog 5 plaatsen" in front(url)[1]
    committed(services.sign_up, activity=activity, name="Els", email="els@example.nl")
    assert "Nog 4 plaatsen" in front(url)[1]


def test_an_agenda_card_shows_the_new_number_at_once(committed, activity):
    warm("/agenda/", EDITION)
    assert "Nog 5 plaatsen" in card(front("/agenda/", EDITION)[1], activity)
    committed(services.sign_up, activity=activity, name="Els", email="els@example.nl")
    assert "Nog 4 plaatsen" in card(front("/agenda/", EDITION)[1], activity)


def test_the_api_shows_the_new_places_and_waiting_list_at_once(client, committed):
    activity = future_activity(capacity=1, signup_confirmation=INSTANT)
    url = f"/api/v1/activities/{activity.pk}"
    warm(url)
    committed(services.sign_up, activity=activity, name="Els", email="els@example.nl")
    assert json.loads(front(url)[1])["places_left"] == 0
    committed(services.sign_up, activity=activity, name="Bob", email="bob@example.nl")
    assert json.loads(front(url)[1])["waiting_list"] == 1


def test_the_public_figures_count_a_sign_up_at_once(committed, activity):
    warm("/api/v1/figures", EDITION)
    before = json.loads(front("/api/v1/figures", EDITION)[1])["total"]["places_taken"]
    warm("/cijfers/2023/")
    committed(services.sign_up, activity=activity, name="Els", email="els@example.nl")
    assert json.loads(front("/api/v1/figures", EDITION)[1])["total"]["places_taken"] == before + 1
    assert front("/cijfers/2023/")[0] != "front"


def test_the_region_and_edition_pages_count_a_sign_up_at_once(committed, activity):
    """Both show Aanmeldingen (the region's, the edition's): a sign-up moves them."""
    for path in ("/regio/oost/", "/editie/2023/"):
        warm(path)
    assert front("/regio/oost/")[0] == front("/editie/2023/")[0] == "front"
    committed(services.sign_up, activity=activity, name="Els", email="els@example.nl")
    for path in ("/regio/oost/", "/editie/2023/"):
        cache_state, page = front(path)
        assert cache_state != "front"
        assert re.search(r"Aanmeldingen</dt>\s*<dd>(\d+)</dd>", page).group(1) == "1"


@pytest.mark.parametrize(
    "path", ["activity", "/api/v1/activities/{pk}", "/api/v1/figures?edition=2023"]
)
def test_a_browser_revalidating_after_a_sign_up_gets_the_new_page(
    client, committed, activity, path
):
    """The ETag moves with the places (and the sign-up totals): no 304 with the old number."""
    url = activity.get_absolute_url() if path == "activity" else path.format(pk=activity.pk)
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    committed(services.sign_up, activity=activity, name="Els", email="els@example.nl")
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 200


def test_a_sign_up_leaves_the_editions_pages_without_its_places_warm(committed, activity):
    other = future_activity(capacity=5, title="Beeldbellen", region="noord")
    pages = [
        ("/", ""),
        ("/regio/noord/", ""),  # its sign-ups are another stage's
        ("/agenda/", f"{EDITION}&region=noord"),  # a list without the activity
        ("/agenda/", f"{EDITION}&view=calendar"),  # no places on it
        ("/agenda/", f"{EDITION}&view=map"),
        ("/agenda/", f"{EDITION}&has_places=true&view=calendar"),  # still has places
        ("/agenda/widget/", EDITION),
        ("/api/v1/activities", EDITION),
        ("/agenda.rss", EDITION),
        (other.get_absolute_url(), ""),
        (f"/api/v1/activities/{other.pk}", ""),
    ]
    for path, query in pages:
        warm(path, query)
    before = edition_versions(activity)
    committed(services.sign_up, activity=activity, name="Els", email="els@example.nl")
    assert edition_versions(activity) == before
    assert [front(path, query)[0] for path, query in pages] == ["front"] * len(pages)
    assert front("/agenda/", EDITION)[0] != "front"  # its card is on this one


def test_a_waiting_list_sign_up_leaves_the_agenda_warm_but_refreshes_the_api(committed):
    activity = future_activity(capacity=1, signup_confirmation=INSTANT)
    sign_up(activity, "een@example.nl")
    warm("/agenda/", f"{EDITION}&view=calendar")
    warm(f"/api/v1/activities/{activity.pk}")
    before = edition_versions(activity)
    committed(services.sign_up, activity=activity, name="Bob", email="bob@example.nl")
    assert edition_versions(activity) == before
    assert front("/agenda/", f"{EDITION}&view=calendar")[0] == "front"
    assert json.loads(front(f"/api/v1/activities/{activity.pk}")[1])["waiting_list"] == 1


def test_the_sign_up_that_fills_it_refreshes_the_places_filter_and_its_count(committed):
    activity = future_activity(capacity=1, signup_confirmation=INSTANT)
    with_places = f"{EDITION}&has_places=true"
    warm("/agenda/", with_places)
    warm("/agenda/", f"{EDITION}&view=calendar")
    assert f'data-activity-id="{activity.pk}"' in front("/agenda/", with_places)[1]
    committed(services.sign_up, activity=activity, name="Els", email="els@example.nl")
    assert f'data-activity-id="{activity.pk}"' not in front("/agenda/", with_places)[1]
    assert front("/agenda/", f"{EDITION}&view=calendar")[0] != "front"  # the count moved
    assert "Vol" in card(front("/agenda/", EDITION)[1], activity)
    # A place free again: back in the filter at once.
    committed(services.cancel_signup, signup=Signup.objects.get(email="els@example.nl"))
    assert f'data-activity-id="{activity.pk}"' in front("/agenda/", with_places)[1]


def test_capacity_and_an_expired_hold_refresh_the_places_shown(committed, activity):
    url = activity.get_absolute_url()
    warm(url)
    committed(services.set_capacity, activity=activity, capacity=8)
    assert "Nog 8 plaatsen" in front(url)[1]
    pending = Activity.objects.get(pk=activity.pk)
    pending.signup_confirmation = Activity.Confirmation.EMAIL
    pending.save()
    signup, _token = committed(
        services.sign_up, activity=pending, name="Els", email="els@example.nl"
    )
    assert signup.status == Signup.Status.PENDING
    assert "Nog 7 plaatsen" in front(url)[1]
    Signup.objects.filter(pk=signup.pk).update(hold_expires_at=timezone.now())
    with_places_before = versions([places_key(activity.pk), SIGNUPS_KEY])
    committed(services.expire_holds)
    assert versions([places_key(activity.pk), SIGNUPS_KEY]) != with_places_before
    assert "Nog 8 plaatsen" in front(url)[1]


def test_an_unchanged_capacity_or_a_link_sent_again_refreshes_nothing(committed, activity):
    sign_up(activity, "els@example.nl")
    keys = [places_key(activity.pk), SIGNUPS_KEY, edition_key(activity.edition_id)]
    before = versions(keys)
    committed(services.set_capacity, activity=activity, capacity=5)
    committed(services.sign_up, activity=activity, name="Els", email="els@example.nl")
    assert versions(keys) == before


def test_a_sign_up_costs_no_more_queries_than_before(django_assert_num_queries, activity):
    """The places versions come from the row the service locks anyway: no query is added
    (10 before: savepoint, the locked row, holds, this e-mail's sign-up, the counter, the
    sign-up, the figures queue, the organiser for the mail, the mail, release)."""
    sign_up(activity, "een@example.nl")
    with django_assert_num_queries(10):
        sign_up(activity, "twee@example.nl")


def test_the_agenda_reads_the_places_versions_before_the_places(committed, activity, monkeypatch):
    """A sign-up committed while the list is rendered, just before the list notes its places
    versions: the page it stores shows the new number, never the old one under the new
    version (the versions are read between the page's ids and its rows)."""
    noted = queries.page_shows_places

    def sign_up_meanwhile(ids):
        monkeypatch.setattr(queries, "page_shows_places", noted)  # once
        committed(services.sign_up, activity=activity, name="Els", email="els@example.nl")
        noted(ids)

    monkeypatch.setattr(queries, "page_shows_places", sign_up_meanwhile)
    front("/agenda/", EDITION)
    assert "Nog 4 plaatsen" in card(front("/agenda/", EDITION)[1], activity)


def test_a_promotion_outside_the_seat_lock_refreshes_places_and_edition(committed):
    """promote_waiting_list inside a caller's own transaction (not `_locked_activity`): it
    cannot tell whether the activity filled up, so it refreshes its edition too."""
    activity = future_activity(capacity=1, signup_confirmation=INSTANT)
    sign_up(activity, "een@example.nl")
    sign_up(activity, "twee@example.nl")  # waiting
    Activity.objects.filter(pk=activity.pk).update(capacity=2)
    keys = [places_key(activity.pk), edition_key(activity.edition_id)]
    before = versions(keys)
    promoted = committed(
        services.promote_waiting_list, activity=Activity.objects.get(pk=activity.pk)
    )
    assert [signup.email for signup in promoted] == ["twee@example.nl"]
    after = versions(keys)
    assert all(after[key] != before[key] for key in keys)
