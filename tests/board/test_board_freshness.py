"""The board refreshes precisely, read through the real front cache: a new, closed or hidden
call shows at once on the board and its own page, and the cached pages of other editions stay
warm."""

import pytest

from estafette.board import services
from estafette.organisations.models import Organisation
from estafette.wsgi import application
from tests.core.test_frontcache import call as visit

pytestmark = pytest.mark.django_db

BOARD = "/partners-gezocht/"
OTHER_EDITION = "/editie/2023/"


@pytest.fixture(autouse=True)
def _empty_front_cache():
    application.local.clear()
    yield
    application.local.clear()


def front(path):
    status, headers, body = visit(path)
    return status[:3], headers.get("X-Cache"), body.decode()


def warm(path):
    front(path)
    status, cached, body = front(path)
    assert (status, cached) == ("200", "front"), path
    return body


def post(committed, caller, stage, title):
    return committed(
        services.post_call,
        organisation=caller.memberships.get().organisation,
        by=caller,
        stage=stage,
        title=title,
        plan="Een middag waarop inwoners oefenen met zorg-apps.",
        kinds=[Organisation.Kind.LIBRARY],
    )


def test_a_new_call_shows_at_once_and_other_editions_stay_cached(committed, caller, oost_week):
    first = post(committed, caller, oost_week, "Bibliotheek gezocht voor een digicafé")
    warm(BOARD)
    call_page = warm(first.get_absolute_url())
    other = warm(OTHER_EDITION)

    second = post(committed, caller, oost_week, "Gemeente gezocht voor een wijkavond")

    status, cached, board = front(BOARD)
    assert (status, cached) == ("200", "miss")
    assert "Gemeente gezocht voor een wijkavond" in board
    assert "Bibliotheek gezocht voor een digicafé" in board
    assert front(second.get_absolute_url())[0] == "200"
    assert front(OTHER_EDITION) == ("200", "front", other)
    # The first call's page is of the same edition: built afresh, and it has not changed.
    assert front(first.get_absolute_url())[2] == call_page


def test_a_closed_call_leaves_the_board_at_once(committed, caller, oost_week):
    call = post(committed, caller, oost_week, "Bibliotheek gezocht voor een digicafé")
    assert call.title in warm(BOARD)
    assert "Deze oproep is gesloten." not in warm(call.get_absolute_url())
    other = warm(OTHER_EDITION)

    committed(services.close_call, call=call, by=caller)

    assert call.title not in front(BOARD)[2]
    assert "Deze oproep is gesloten." in front(call.get_absolute_url())[2]
    assert front(OTHER_EDITION) == ("200", "front", other)


def test_a_hidden_call_is_gone_at_once(
    committed, caller, oost_week, coordinator_oost, coordinator_client
):
    call = post(committed, caller, oost_week, "Koop onze pillen")
    assert call.title in warm(BOARD)
    warm(call.get_absolute_url())

    committed(services.hide_call, call=call, by=coordinator_oost, reason="Reclame.")

    assert call.title not in front(BOARD)[2]
    assert front(call.get_absolute_url())[0] == "404"
