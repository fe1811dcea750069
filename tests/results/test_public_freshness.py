"""A reported result shows at once on every cached public page that shows it, read through the
real front cache (the WSGI layer in front of Django, as in production); the cached pages of
other editions stay warm."""

import pytest

from estafette.wsgi import application
from tests.core.test_frontcache import call

pytestmark = pytest.mark.django_db

REPORT = {
    "participants": "4321",
    "professionals": "21",
    "citizens": "300",
    "summary": "Zeven huisartsen gaan samen beeldbellen met hun patiënten.",
    "lessons": "Laat bezoekers eerst zelf een gesprek op afstand proberen.",
}


@pytest.fixture(autouse=True)
def _empty_front_cache():
    application.local.clear()
    yield
    application.local.clear()


def front(path, query=""):
    status, headers, body = call(path, query)
    assert status.startswith("200"), (path, status)
    return headers.get("X-Cache"), body.decode()


def warm(path, query=""):
    """Visit twice: the second visit is answered by the front cache."""
    front(path, query)
    cached, body = front(path, query)
    assert cached == "front", path
    return body


def test_a_reported_result_shows_at_once_on_every_page_that_shows_it(
    organiser_client, held_activity, django_capture_on_commit_callbacks
):
    shows_it = {
        held_activity.get_absolute_url(): REPORT["summary"],
        "/editie/2023/regio/oost/": REPORT["summary"],  # the week's hand-over
        "/editie/2023/": REPORT["lessons"],  # the national summary after the last week
        "/cijfers/2023/": None,  # reported participants in the figures
    }
    other_edition = ["/editie/2022/"]
    before = {path: warm(path) for path in [*shows_it, *other_edition]}
    for path, text in shows_it.items():
        assert text is None or text not in before[path]
    before_agenda = warm("/agenda/", "edition=2022")

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(f"/mijn/activiteit/{held_activity.pk}/terugblik/", REPORT)
    assert response.status_code == 302

    for path, text in shows_it.items():
        cached, body = front(path)
        assert cached == "miss", f"{path} was answered from a stale copy"
        assert text is None or text in body, path
        assert body != before[path], path
        assert front(path)[0] == "front", f"{path} is cached again"
    # Another edition's pages did not change: they stay in the front cache.
    assert front("/editie/2022/") == ("front", before["/editie/2022/"])
    assert front("/agenda/", "edition=2022") == ("front", before_agenda)


def test_hiding_a_result_takes_it_off_the_cached_week_page_at_once(
    organiser,
    held_activity,
    coordinator_oost,
    coordinator_client,
    django_capture_on_commit_callbacks,
):
    from estafette.results import services

    with django_capture_on_commit_callbacks(execute=True):
        result = services.report_result(
            activity=held_activity, by=organiser, participants=12, summary=REPORT["summary"]
        )
    assert REPORT["summary"] in warm("/editie/2023/regio/oost/")
    with django_capture_on_commit_callbacks(execute=True):
        services.hide_result(result=result, by=coordinator_oost, reason="Bevat een telefoonnummer.")
    cached, body = front("/editie/2023/regio/oost/")
    assert cached == "miss" and REPORT["summary"] not in body
