"""Coordinators and staff need an authenticator app (TOTP), used in this session, to moderate."""

import pytest
from django.contrib.messages import get_messages

from estafette.accounts.permissions import has_two_factor
from estafette.relay.models import Region
from tests.accounts.helpers import log_in
from tests.factories import VerifiedUserFactory, add_totp, totp_code

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.accounts.two_factor_urls")]

PROTECTED = "/test/beschermd/"


@pytest.fixture
def coordinator():
    user = VerifiedUserFactory(email="coordinator@example.nl")
    user.coordinated_regions.add(Region.objects.get(slug="oost"))
    return user


@pytest.fixture
def staff():
    return VerifiedUserFactory(email="staf@example.nl", is_staff=True, is_superuser=True)


def test_has_two_factor_only_with_a_totp_authenticator(coordinator):
    assert not has_two_factor(coordinator)
    add_totp(coordinator)
    assert has_two_factor(coordinator)


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(PROTECTED)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=/test/beschermd/")


def test_organiser_without_a_role_passes_the_guard(client):
    organiser = VerifiedUserFactory()
    log_in(client, organiser)
    assert client.get(PROTECTED).status_code == 200


def test_coordinator_without_totp_is_sent_to_set_it_up(client, coordinator):
    log_in(client, coordinator)
    response = client.get(PROTECTED)
    assert response.status_code == 302
    assert response["Location"] == "/account/2fa/"
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("tweestapsverificatie" in text for text in texts)
    page = client.get("/account/2fa/")
    assert page.status_code == 200
    assert "tweestapsverificatie" in page.content.decode()


def test_staff_without_totp_is_sent_to_set_it_up(client, staff):
    log_in(client, staff)
    response = client.get(PROTECTED)
    assert response["Location"] == "/account/2fa/"


def test_coordinator_who_logged_in_with_totp_reaches_the_protected_view(client, coordinator):
    secret = add_totp(coordinator)
    log_in(client, coordinator, totp_secret=secret)
    response = client.get(PROTECTED)
    assert response.status_code == 200
    assert response.content == b"beschermd"


def test_wrong_totp_code_does_not_log_in(client, coordinator):
    secret = add_totp(coordinator)
    client.post(
        "/account/login/", {"login": coordinator.email, "password": "Geheim-wachtwoord-123"}
    )
    wrong = "000000" if totp_code(secret) != "000000" else "111111"
    response = client.post("/account/2fa/authenticate/", {"code": wrong})
    assert response.status_code == 200
    assert client.get(PROTECTED)["Location"].startswith("/account/login/")


def test_session_without_the_second_factor_must_enter_a_code(client, coordinator):
    secret = add_totp(coordinator)
    client.force_login(coordinator)  # e.g. a session from before TOTP was set up
    response = client.get(PROTECTED)
    assert response.status_code == 302
    assert response["Location"] == "/account/2fa/reauthenticate/?next=%2Ftest%2Fbeschermd%2F"
    response = client.post(response["Location"], {"code": totp_code(secret)})
    assert response["Location"] == PROTECTED
    assert client.get(PROTECTED).status_code == 200


# allauth announces the new authenticator after commit: a real transaction is needed here.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_setting_up_totp_in_this_session_counts_as_using_it(client, coordinator):
    log_in(client, coordinator)
    # allauth asks for the password again before adding a factor.
    client.post("/account/reauthenticate/", {"password": "Geheim-wachtwoord-123"})
    page = client.get("/account/2fa/totp/activate/")
    assert page.status_code == 200, page.get("Location")
    secret = client.session["mfa.totp.secret"]
    response = client.post("/account/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert has_two_factor(coordinator)
    assert client.get(PROTECTED).status_code == 200


def test_admin_sends_anonymous_visitors_to_the_allauth_login(client):
    response = client.get("/beheer/", follow=True)
    assert response.redirect_chain[-1][0] == "/account/login/?next=%2Fbeheer%2F"


def test_admin_requires_totp_of_staff(client, staff):
    log_in(client, staff)
    response = client.get("/beheer/", follow=True)
    assert response.redirect_chain[-1][0] == "/account/2fa/"


def test_admin_opens_for_staff_who_logged_in_with_totp(client, staff):
    secret = add_totp(staff)
    log_in(client, staff, totp_secret=secret)
    response = client.get("/beheer/")
    assert response.status_code == 200
    assert client.get("/beheer/accounts/user/").status_code == 200


def test_admin_refuses_logged_in_users_without_staff_rights(client):
    log_in(client, VerifiedUserFactory())
    response = client.get("/beheer/", follow=True)
    assert response.status_code == 403


def test_staff_read_the_audit_trail_in_the_admin_but_cannot_change_it(client, staff):
    from estafette.core.audit import log_action
    from tests.factories import ActivityFactory

    entry = log_action(
        actor=staff, action="activity.approved", target=ActivityFactory(), message="Prima"
    )
    secret = add_totp(staff)
    log_in(client, staff, totp_secret=secret)
    listing = client.get("/beheer/core/auditentry/")
    assert listing.status_code == 200 and "approved" in listing.content.decode()
    detail = client.get(f"/beheer/core/auditentry/{entry.pk}/change/")
    assert detail.status_code == 200 and "Prima" in detail.content.decode()
    assert client.get("/beheer/core/auditentry/add/").status_code == 403
    assert client.post(f"/beheer/core/auditentry/{entry.pk}/delete/").status_code == 403
