"""Signing up: name, e-mail and password; a verification link arrives through the outbox."""

import re

import pytest

from estafette.accounts.models import User
from estafette.mail.models import OutboxMessage

pytestmark = pytest.mark.django_db

PASSWORD = "Zorg-estafette-2024!"


def sign_up(client, email="nieuw@example.nl", name="Anna de Vries"):
    return client.post(
        "/account/signup/",
        {"full_name": name, "email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def confirmation_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/account/confirm-email/[^\s]+/)", message.body_text)
    assert match, message.body_text
    return match.group(1)


def test_sign_up_page_asks_for_name_in_our_layout(client):
    response = client.get("/account/signup/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'for="id_full_name"' in html
    assert 'class="skip-link"' in html  # our base.html, not allauth's bare layout
    assert '<html lang="nl">' in html


def test_sign_up_verify_and_be_logged_in(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client)
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.nl")
    assert user.full_name == "Anna de Vries"
    # Not logged in yet: verification is mandatory.
    assert client.get("/account/")["Location"].startswith("/account/login/")

    message = OutboxMessage.objects.get(to=["nieuw@example.nl"])
    assert message.subject.startswith("[Slimme Zorg Estafette]")
    assert "Hallo," in message.body_text
    assert message.body_html
    assert message.sent_at is not None  # delivered after commit by the outbox

    link = confirmation_link(message)
    assert client.get(link).status_code == 200  # the confirm page asks to click a button
    response = client.post(link)
    assert response.status_code == 302
    overview = client.get("/account/")
    assert overview.status_code == 200
    assert "Anna de Vries" in overview.content.decode()


def test_sign_up_without_a_name_is_refused_with_a_message(client):
    response = client.post(
        "/account/signup/",
        {"full_name": "", "email": "x@example.nl", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 200
    assert 'id="id_full_name_error"' in response.content.decode()
    assert not User.objects.filter(email="x@example.nl").exists()


def test_signing_up_with_a_known_address_does_not_reveal_it(
    client, django_capture_on_commit_callbacks
):
    from tests.factories import VerifiedUserFactory

    VerifiedUserFactory(email="bekend@example.nl")
    with django_capture_on_commit_callbacks(execute=True):
        known = sign_up(client, email="bekend@example.nl")
    with django_capture_on_commit_callbacks(execute=True):
        unknown = sign_up(client.__class__(), email="onbekend@example.nl")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    # The owner of the known address is told by e-mail instead.
    assert OutboxMessage.objects.filter(to=["bekend@example.nl"]).exists()


def test_changing_the_email_address_sends_a_verification(
    client, django_capture_on_commit_callbacks
):
    from tests.accounts.helpers import log_in
    from tests.factories import VerifiedUserFactory

    user = VerifiedUserFactory(email="oud@example.nl")
    log_in(client, user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/account/email/", {"action_add": "", "email": "nieuw-adres@example.nl"}
        )
    assert response.status_code == 302
    assert OutboxMessage.objects.filter(to=["nieuw-adres@example.nl"]).exists()
