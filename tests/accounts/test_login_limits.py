"""Brute-force protection: allauth refuses log-ins after too many failures, per account and IP."""

import pytest

from tests.factories import VerifiedUserFactory

pytestmark = pytest.mark.django_db

TOO_MANY = "Te veel inlogpogingen"


def attempt(client, email, password="fout-wachtwoord", ip="192.0.2.10"):
    return client.post("/account/login/", {"login": email, "password": password}, REMOTE_ADDR=ip)


def test_log_in_with_the_right_password_works(client):
    user = VerifiedUserFactory()
    response = attempt(client, user.email, "Geheim-wachtwoord-123")
    assert response.status_code == 302
    assert response["Location"] == "/account/"


def test_wrong_password_shows_an_error_in_dutch(client):
    user = VerifiedUserFactory()
    response = attempt(client, user.email)
    assert response.status_code == 200
    assert "niet correct" in response.content.decode()


def test_after_five_failures_that_address_is_stopped_for_that_account(client):
    user = VerifiedUserFactory()
    for _ in range(5):
        assert TOO_MANY not in attempt(client, user.email).content.decode()
    response = attempt(client, user.email, "Geheim-wachtwoord-123")
    assert response.status_code == 200
    assert TOO_MANY in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_stranger_cannot_lock_the_owner_out(client):
    """Five wrong passwords from elsewhere leave the owner's correct log-in working."""
    user = VerifiedUserFactory()
    for _ in range(6):
        attempt(client, user.email, ip="203.0.113.66")
    response = attempt(client, user.email, "Geheim-wachtwoord-123", ip="192.0.2.10")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_behind_the_proxy_each_visitor_counts_as_their_own_address(client, settings):
    settings.BEHIND_PROXY = True
    user = VerifiedUserFactory()
    for _ in range(6):
        client.post(
            "/account/login/",
            {"login": user.email, "password": "fout"},
            REMOTE_ADDR="10.0.0.2",  # the proxy
            HTTP_X_FORWARDED_FOR="203.0.113.66",
        )
    response = client.post(
        "/account/login/",
        {"login": user.email, "password": "Geheim-wachtwoord-123"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="192.0.2.10",
    )
    assert response.status_code == 302


def test_other_accounts_from_another_address_are_not_locked(client):
    victim = VerifiedUserFactory()
    other = VerifiedUserFactory()
    for _ in range(6):
        attempt(client, victim.email)
    response = attempt(client, other.email, "Geheim-wachtwoord-123", ip="198.51.100.7")
    assert response.status_code == 302


def test_one_address_trying_many_accounts_is_stopped(client):
    users = [VerifiedUserFactory() for _ in range(11)]
    for user in users[:10]:
        attempt(client, user.email)
    response = attempt(client, users[10].email)
    assert response.status_code == 429 or TOO_MANY in response.content.decode()
