"""seed_demo brings a few results for the weeks that are over and partner calls for the coming
edition, so `make run` shows the hand-over pages and the board."""

import io

import pytest
from django.core.management import call_command

from estafette.board.models import Call
from estafette.results.models import Result

pytestmark = pytest.mark.django_db


def test_the_demo_has_results_of_past_weeks_and_open_calls_for_coming_ones(client):
    call_command("seed_demo", activities=300, seed=1, force=True, stdout=io.StringIO())

    results = Result.objects.select_related("activity__stage")
    assert results.count() >= 4
    assert all(r.activity.status == "published" for r in results)
    assert all(r.professionals + r.citizens <= r.participants for r in results)
    result = results.first()
    stage = result.activity.stage
    page = client.get(f"/editie/{stage.edition.year}/regio/{stage.region.slug}/")
    assert result.summary in page.content.decode()

    calls = Call.objects.all()
    assert calls.count() >= 4
    board = client.get("/partners-gezocht/").content.decode()
    assert calls.first().title in board
