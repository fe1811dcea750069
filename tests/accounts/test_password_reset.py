"""Password reset: a link by e-mail through the outbox; the page never says whether an address is known."""

import re

import pytest

from estafette.mail.models import OutboxMessage
from tests.factories import VerifiedUserFactory

pytestmark = pytest.mark.django_db


def request_reset(client, email, capture):
    with capture(execute=True):
        return client.post("/account/password/reset/", {"email": email}, follow=True)


def test_known_and_unknown_addresses_get_the_same_answer(
    client, django_capture_on_commit_callbacks
):
    VerifiedUserFactory(email="bekend@example.nl")
    known = request_reset(client, "bekend@example.nl", django_capture_on_commit_callbacks)
    unknown = request_reset(client, "onbekend@example.nl", django_capture_on_commit_callbacks)
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain
    # Same page, apart from the CSRF token.
    strip = lambda html: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)  # noqa: E731
    assert strip(known.content.decode()) == strip(unknown.content.decode())


def test_known_address_gets_a_working_reset_link(client, django_capture_on_commit_callbacks):
    user = VerifiedUserFactory(email="bekend@example.nl")
    request_reset(client, "bekend@example.nl", django_capture_on_commit_callbacks)
    message = OutboxMessage.objects.get(to=["bekend@example.nl"])
    link = re.search(r"https?://[^/\s]+(/account/password/reset/key/[^\s]+/)", message.body_text)
    assert link, message.body_text
    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link.group(1)
    new_password = "Nieuw-wachtwoord-456!"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_unknown_address_gets_a_notice_but_no_link(client, django_capture_on_commit_callbacks):
    request_reset(client, "onbekend@example.nl", django_capture_on_commit_callbacks)
    message = OutboxMessage.objects.get(to=["onbekend@example.nl"])
    assert "/account/password/reset/key/" not in message.body_text


def test_reset_requests_are_rate_limited_per_address(client, django_capture_on_commit_callbacks):
    VerifiedUserFactory(email="bekend@example.nl")
    for _ in range(5):
        request_reset(client, "bekend@example.nl", django_capture_on_commit_callbacks)
    response = client.post("/account/password/reset/", {"email": "bekend@example.nl"})
    assert response.status_code == 429 or "Te veel" in response.content.decode()
    assert OutboxMessage.objects.filter(to=["bekend@example.nl"]).count() <= 5
