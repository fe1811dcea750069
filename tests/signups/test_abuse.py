"""Abuse: honeypot, minimum time, rate limits per IP and per e-mail; a switch for the bench only."""

import re

import pytest

from estafette.signups.models import Signup
from tests.signups.conftest import form_data, future_activity

pytestmark = pytest.mark.django_db


def _post(client, activity, **overrides):
    return client.post(
        f"/activiteit/{activity.pk}/aanmelden/", form_data(client, activity, **overrides)
    )


def test_honeypot_filled_in_is_refused(client):
    activity = future_activity()
    response = _post(client, activity, website="http://spam.example")
    assert response.status_code == 400
    assert not Signup.objects.exists()


def test_form_sent_faster_than_a_person_can_is_refused(client, settings):
    settings.SIGNUP_MIN_SECONDS = 30
    activity = future_activity()
    response = _post(client, activity)
    assert response.status_code == 400
    assert "Dat ging erg snel" in response.content.decode()
    assert not Signup.objects.exists()


def test_tampered_form_token_is_refused_in_dutch(client):
    activity = future_activity()
    response = _post(client, activity, started="vals")
    assert "Het formulier is verlopen" in response.content.decode()


def test_rate_limit_per_ip(client, settings):
    settings.SIGNUP_LIMIT_PER_IP = 3
    activity = future_activity(capacity=100)
    statuses = [_post(client, activity, email=f"p{n}@example.nl").status_code for n in range(5)]
    assert statuses[:3] == [302, 302, 302]
    assert statuses[3:] == [429, 429]
    assert Signup.objects.count() == 3
    assert "te vaak geprobeerd" in _post(client, activity, email="x@example.nl").content.decode()


def test_rate_limit_per_email_across_addresses(client, settings):
    settings.SIGNUP_LIMIT_PER_EMAIL = 2
    activity = future_activity(capacity=100)
    for n in range(2):
        assert _post(client, activity, REMOTE_ADDR=f"10.0.0.{n}").status_code == 302
    response = client.post(
        f"/activiteit/{activity.pk}/aanmelden/",
        form_data(client, activity),
        REMOTE_ADDR="10.0.0.9",
    )
    assert response.status_code == 429


def test_bench_switch_turns_the_limits_and_minimum_time_off(client, settings):
    settings.SIGNUP_LIMITS = False
    settings.SIGNUP_LIMIT_PER_IP = 1
    settings.SIGNUP_MIN_SECONDS = 30
    activity = future_activity(capacity=100)
    statuses = [_post(client, activity, email=f"p{n}@example.nl").status_code for n in range(3)]
    assert statuses == [302, 302, 302]


def test_expired_form_gets_a_fresh_token_so_sending_again_works(client):
    activity = future_activity()
    first = _post(client, activity, started="vals")
    fresh = re.search(r'name="started" value="([^"]+)"', first.content.decode()).group(1)
    assert fresh != "vals"
    assert _post(client, activity, started=fresh).status_code == 302
