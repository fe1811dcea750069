"""allauth's mails in our words: "u", "Slimme Zorg Estafette" instead of a site name or host, and
full https links on SITE_URL (never example.com, the request's host or a bare domain)."""

import re

import pytest

from estafette.mail.models import OutboxMessage
from tests.accounts.helpers import PASSWORD, log_in
from tests.factories import VerifiedUserFactory

pytestmark = pytest.mark.django_db

SITE = "https://www.slimmezorgestafette.nl"
INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jezelf|jullie)\b", re.IGNORECASE)


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def mail_to(email) -> OutboxMessage:
    return OutboxMessage.objects.filter(to=[email]).latest("pk")


def assert_our_mail(message, *, subject, says, link):
    assert message.subject == f"[Slimme Zorg Estafette] {subject}"
    for body in (message.body_text, message.body_html):
        assert "Slimme Zorg Estafette" in body
        assert says in body.replace("\n", " "), body
        assert not INFORMAL.search(body), body
        for host in ("example.com", "testserver", "localhost", "127.0.0.1"):
            assert host not in body, body
        # The site's host only ever as part of a full https link.
        for before in re.findall(r"(\S*)slimmezorgestafette\.nl", body):
            assert before.endswith("https://www."), body
    assert re.search(rf"^{re.escape(SITE)}{re.escape(link)}\S*$", message.body_text, re.M), (
        message.body_text
    )
    return message


def sign_up(client, email, *, prefix="", capture):
    with capture(execute=True):
        return client.post(
            f"{prefix}/account/signup/",
            {
                "full_name": "Anna de Vries",
                "email": email,
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )


def test_signing_up_sends_a_confirmation_link(client, django_capture_on_commit_callbacks):
    sign_up(client, "anna@example.nl", capture=django_capture_on_commit_callbacks)
    assert_our_mail(
        mail_to("anna@example.nl"),
        subject="Bevestig uw e-mailadres",
        says="U heeft een account gemaakt op het platform van de Slimme Zorg Estafette",
        link="/account/confirm-email/",
    )


def test_signing_up_in_english_sends_an_english_mail(client, django_capture_on_commit_callbacks):
    sign_up(client, "anna@example.nl", prefix="/en", capture=django_capture_on_commit_callbacks)
    message = assert_our_mail(
        mail_to("anna@example.nl"),
        subject="Confirm your email address",
        says="You created an account on the Slimme Zorg Estafette platform",
        link="/en/account/confirm-email/",
    )
    assert "Hallo" not in message.body_text


def test_signing_up_with_a_known_address_says_you_already_have_an_account(
    client, django_capture_on_commit_callbacks
):
    VerifiedUserFactory(email="bekend@example.nl")
    sign_up(client, "bekend@example.nl", capture=django_capture_on_commit_callbacks)
    assert_our_mail(
        mail_to("bekend@example.nl"),
        subject="U heeft al een account",
        says="Maar u heeft al een account met dit e-mailadres.",
        link="/account/password/reset/",
    )


def request_reset(client, email, capture):
    with capture(execute=True):
        client.post("/account/password/reset/", {"email": email})


def test_password_reset_sends_a_link_on_the_site(client, django_capture_on_commit_callbacks):
    VerifiedUserFactory(email="bekend@example.nl")
    request_reset(client, "bekend@example.nl", django_capture_on_commit_callbacks)
    assert_our_mail(
        mail_to("bekend@example.nl"),
        subject="Kies een nieuw wachtwoord",
        says="Kies dan met deze link een nieuw wachtwoord:",
        link="/account/password/reset/key/",
    )


def test_password_reset_for_an_unknown_address_offers_an_account(
    client, django_capture_on_commit_callbacks
):
    request_reset(client, "onbekend@example.nl", django_capture_on_commit_callbacks)
    assert_our_mail(
        mail_to("onbekend@example.nl"),
        subject="Wij kennen geen account met dit e-mailadres",
        says="Maar wij kennen geen account met dit e-mailadres.",
        link="/account/signup/",
    )


def test_adding_an_email_address_sends_a_confirmation_link(
    client, django_capture_on_commit_callbacks
):
    log_in(client, VerifiedUserFactory(email="oud@example.nl"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/account/email/", {"action_add": "", "email": "nieuw@example.nl"})
    assert response.status_code == 302
    assert_our_mail(
        mail_to("nieuw@example.nl"),
        subject="Bevestig uw e-mailadres",
        says="Iemand heeft dit e-mailadres",
        link="/account/confirm-email/",
    )


def test_confirming_it_is_you_by_code_sends_the_code(client, django_capture_on_commit_callbacks):
    log_in(client, VerifiedUserFactory(email="org@example.nl"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/reauthenticate/code/", {"recipient": "org@example.nl"})
    message = mail_to("org@example.nl")
    assert message.subject == "[Slimme Zorg Estafette] Uw code"
    assert "Uw code is:" in message.body_text
    assert not INFORMAL.search(message.body_text)
    assert f"\n{SITE}" in message.body_text  # the greeting ends with the site's full address
