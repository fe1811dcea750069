"""The editor at /redactie/: the site's login, two factors, and a CSP of its own."""

import pytest

from tests.factories import VerifiedUserFactory, force_login_with_two_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return VerifiedUserFactory(is_staff=True, is_superuser=True)


def test_anonymous_visitors_are_sent_to_the_sites_login(client):
    response = client.get("/redactie/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=/redactie/")


def test_editor_without_second_factor_is_sent_to_set_it_up(client, editor):
    client.force_login(editor)
    response = client.get("/redactie/")
    assert response.status_code == 302
    assert response["Location"] == "/account/2fa/"


def test_editor_with_two_factors_gets_in_with_the_editors_csp(client, editor, hub):
    force_login_with_two_factor(client, editor)
    response = client.get("/redactie/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert client.get(f"/redactie/pages/{hub.pk}/").status_code == 200


def test_public_pages_keep_the_strict_csp(client, hub):
    response = client.get("/kennisbank/")
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_wagtails_own_login_form_is_never_used(client):
    response = client.get("/redactie/login/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
