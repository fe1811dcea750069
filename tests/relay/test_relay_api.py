"""GET /api/v1/relay: who is on turn at a moment, as open data."""

import pytest

pytestmark = pytest.mark.django_db


def test_on_turn_and_next_during_oosts_week_2023(client):
    body = client.get("/api/v1/relay", {"at": "2023-02-07T10:00:00+01:00"}).json()
    assert body["edition"] == 2023
    assert body["on_turn"] == "oost"
    assert body["next"] == "west"
    assert body["handover_at"] == "2023-02-13T00:00:00+01:00"


def test_a_moment_in_utc_is_accepted(client):
    body = client.get("/api/v1/relay", {"at": "2023-02-12T23:30:00Z"}).json()
    assert body["on_turn"] == "west"  # 00:30 on Monday 13 Feb in Amsterdam


def test_a_weekend_has_nobody_on_turn(client):
    body = client.get("/api/v1/relay", {"at": "2022-02-05T12:00:00+01:00"}).json()
    assert body["edition"] == 2022
    assert body["on_turn"] is None
    assert body["next"] == "west"


def test_after_every_edition_everything_is_null(client):
    body = client.get("/api/v1/relay", {"at": "2035-01-01T00:00:00+01:00"}).json()
    assert body == {**body, "edition": None, "on_turn": None, "next": None, "handover_at": None}


def test_without_at_it_answers_for_now(client):
    response = client.get("/api/v1/relay")
    assert response.status_code == 200
    assert set(response.json()) >= {"edition", "on_turn", "next", "handover_at"}


@pytest.mark.parametrize("bad", ["gisteren", "2023-02-30T10:00:00", "2023-13-01"])
def test_an_impossible_moment_gets_400_in_dutch(client, bad):
    response = client.get("/api/v1/relay", {"at": bad})
    assert response.status_code == 400
    assert "geen geldig moment" in response.json()["detail"]


def test_the_openapi_document_lists_the_relay_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/relay" in paths and "/api/v1/regions/lookup" in paths
