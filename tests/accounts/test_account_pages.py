"""Every account page a visitor can reach speaks our Dutch: B1, "u", "Inloggen" for logging in
("aanmelden" is only for signing up to an activity), and English under /en/."""

import html
import re

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

from tests.accounts.helpers import PASSWORD, log_in
from tests.factories import VerifiedUserFactory, add_totp

pytestmark = pytest.mark.django_db

# Informal "you" (je, jij, jou, jouw, jezelf) and "aanmelden" for logging in have no place here.
INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jezelf|jullie)\b", re.IGNORECASE)
SIGN_IN_AS_AANMELDEN = re.compile(r"\b(aanmelden|aanmelding|meld\w* (u|je|uw)\b)", re.IGNORECASE)


def main_text(response) -> str:
    """The visible words of the page's main region (header and footer are other pages' business)."""
    page = response.content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    main = re.sub(r"<(script|style)\b.*?</\1>", " ", main, flags=re.DOTALL)
    # Attribute text people hear or see (labels, alt, placeholders, values of buttons) counts too.
    attributes = " ".join(re.findall(r'(?:alt|placeholder|aria-label|title)="([^"]*)"', main))
    return html.unescape(re.sub(r"<[^>]+>", " ", main) + " " + attributes)


def assert_our_dutch(response, heading):
    assert response.status_code == 200, response.status_code
    assert '<html lang="nl">' in response.content.decode()
    text = main_text(response)
    assert heading in text, text
    assert not INFORMAL.search(text), INFORMAL.search(text).group(0) + " in: " + text
    assert not SIGN_IN_AS_AANMELDEN.search(text), text


def assert_english(response, heading):
    assert response.status_code == 200, response.status_code
    assert '<html lang="en">' in response.content.decode()
    text = main_text(response)
    assert heading in text, text
    for dutch in (" uw ", " u ", "Inloggen", "wachtwoord", "Account maken"):
        assert dutch not in text, f"{dutch!r} in: {text}"


LOGGED_OUT = [
    ("/account/login/", "Inloggen", "Log in"),
    ("/account/signup/", "Account maken", "Create an account"),
    ("/account/password/reset/", "Wachtwoord vergeten", "Forgot your password"),
    ("/account/password/reset/done/", "Kijk in uw e-mail", "Check your email"),
    ("/account/password/reset/key/done/", "Nieuw wachtwoord opgeslagen", "New password saved"),
    (
        "/account/password/reset/key/1-onzin/",
        "Deze link werkt niet meer",
        "This link no longer works",
    ),
    ("/account/confirm-email/", "Bevestig uw e-mailadres", "Confirm your email address"),
    ("/account/confirm-email/onzin/", "E-mailadres bevestigen", "Confirm email address"),
    ("/account/inactive/", "Account niet actief", "Account not active"),
]


@pytest.mark.parametrize(("path", "dutch", "english"), LOGGED_OUT)
def test_logged_out_pages_speak_our_dutch_and_english(client, path, dutch, english):
    assert_our_dutch(client.get(path), dutch)
    assert_english(client.get("/en" + path), english)


def test_login_page_offers_account_and_forgotten_password(client):
    response = client.get("/account/login/")
    page = response.content.decode()
    assert 'href="/account/signup/"' in page
    assert 'href="/account/password/reset/"' in page
    assert '<label for="id_login">' in page and '<label for="id_password">' in page
    assert "Heeft u nog geen account?" in main_text(response)


def test_wrong_password_error_says_u(client):
    user = VerifiedUserFactory()
    response = client.post("/account/login/", {"login": user.email, "password": "fout"})
    assert_our_dutch(response, "Het e-mailadres of het wachtwoord is niet correct.")


def test_signup_errors_say_u(client):
    VerifiedUserFactory(email="bestaat@example.nl")
    response = client.post(
        "/account/signup/",
        {
            "full_name": "A",
            "email": "nieuw@example.nl",
            "password1": "Aa1-lang-genoeg",
            "password2": "anders",
        },
    )
    assert_our_dutch(response, "Account maken")


def test_email_confirmation_page_with_a_real_key(client):
    user = VerifiedUserFactory()
    address = EmailAddress.objects.create(user=user, email="nieuw@example.nl", verified=False)
    key = EmailConfirmationHMAC(address).key
    response = client.get(f"/account/confirm-email/{key}/")
    assert_our_dutch(response, "Is nieuw@example.nl uw e-mailadres?")
    assert_english(
        client.get(f"/en/account/confirm-email/{key}/"), "Is nieuw@example.nl your email address?"
    )


@pytest.fixture
def logged_in(client):
    user = VerifiedUserFactory(email="organisator@example.nl")
    log_in(client, user)
    return client, user


LOGGED_IN = [
    ("/account/logout/", "Uitloggen", "Sign out"),
    ("/account/email/", "E-mailadres wijzigen", "Change email address"),
    ("/account/password/change/", "Wachtwoord wijzigen", "Change password"),
    ("/account/reauthenticate/", "Bevestig dat u het bent", "Confirm it is you"),
    ("/account/2fa/", "Tweestapsverificatie", "Two-step verification"),
    (
        "/account/2fa/totp/activate/",
        "Tweestapsverificatie aanzetten",
        "Turn on two-step verification",
    ),
]


def confirm_it_is_me(client):
    """allauth asks for the password again before changes to two factors."""
    response = client.post("/account/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302, main_text(response)


@pytest.mark.parametrize(("path", "dutch", "english"), LOGGED_IN)
def test_logged_in_pages_speak_our_dutch_and_english(logged_in, path, dutch, english):
    client, _user = logged_in
    confirm_it_is_me(client)
    assert_our_dutch(client.get(path), dutch)
    assert_english(client.get("/en" + path), english)


@pytest.fixture
def with_two_factor(client):
    user = VerifiedUserFactory(email="coordinator@example.nl")
    secret = add_totp(user)
    RecoveryCodes.activate(user)
    return client, user, secret


def test_second_step_of_logging_in_says_inloggen(with_two_factor):
    client, user, _secret = with_two_factor
    response = client.post(
        "/account/login/", {"login": user.email, "password": "Geheim-wachtwoord-123"}
    )
    assert response["Location"].startswith("/account/2fa/authenticate/")
    assert_our_dutch(client.get("/account/2fa/authenticate/"), "Inloggen: tweede stap")
    assert_english(client.get("/en/account/2fa/authenticate/"), "Log in: second step")


TWO_FACTOR = [
    ("/account/2fa/", "Herstelcodes", "Recovery codes"),
    (
        "/account/2fa/totp/deactivate/",
        "Tweestapsverificatie uitzetten",
        "Turn off two-step verification",
    ),
    ("/account/2fa/recovery-codes/", "Ongebruikte codes", "Unused codes"),
    (
        "/account/2fa/recovery-codes/generate/",
        "Nieuwe herstelcodes maken",
        "Make new recovery codes",
    ),
    ("/account/2fa/reauthenticate/", "Vul de code uit uw app in.", "Enter the code from your app."),
]


@pytest.mark.parametrize(("path", "dutch", "english"), TWO_FACTOR)
def test_two_factor_pages_speak_our_dutch_and_english(with_two_factor, path, dutch, english):
    client, user, secret = with_two_factor
    log_in(client, user, totp_secret=secret)
    confirm_it_is_me(client)
    assert_our_dutch(client.get(path), dutch)
    assert_english(client.get("/en" + path), english)


def test_messages_after_logging_in_and_out_say_u(client):
    user = VerifiedUserFactory()
    response = client.post(
        "/account/login/", {"login": user.email, "password": "Geheim-wachtwoord-123"}, follow=True
    )
    assert "U bent ingelogd." in response.content.decode()
    response = client.post("/account/logout/", follow=True)
    assert "U bent uitgelogd." in response.content.decode()


def test_confirming_it_is_you_offers_other_ways_in_our_words(with_two_factor):
    client, user, secret = with_two_factor
    log_in(client, user, totp_secret=secret)
    response = client.get("/account/reauthenticate/")
    assert_our_dutch(response, "Bevestig dat u het bent")
    text = main_text(response)
    assert "Met een code per e-mail" in text
    assert "Met de code uit uw app of een herstelcode" in text


def test_confirming_it_is_you_with_a_code_by_mail(logged_in, django_capture_on_commit_callbacks):
    client, _user = logged_in
    assert_our_dutch(client.get("/account/reauthenticate/code/"), "Stuur mij een code")
    assert_english(client.get("/en/account/reauthenticate/code/"), "Send me a code")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/account/reauthenticate/code/", {"recipient": "organisator@example.nl"}
        )
    assert response.status_code == 302, main_text(response)
    response = client.get(response["Location"])
    assert_our_dutch(response, "Wij hebben een code gestuurd naar organisator@example.nl.")
