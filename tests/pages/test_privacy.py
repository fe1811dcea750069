"""The privacy statement: who, what, why, how long, rights, contact; cacheable for visitors."""

import pytest

pytestmark = pytest.mark.django_db


def test_privacy_page_answers_the_questions_in_plain_dutch(client, settings):
    settings.SIGNUP_RETENTION_DAYS = 90
    response = client.get("/privacy/")
    html = response.content.decode()
    assert response.status_code == 200
    for heading in (
        "Wie zijn wij?",
        "Welke gegevens",
        "Waarom?",
        "Hoe lang",
        "Uw rechten",
        "Contact",
    ):
        assert heading in html
    assert "90 dagen na het einde van de estafette" in html
    assert "Wij vragen nooit naar uw gezondheid" in html


def test_privacy_page_is_served_from_the_cache_without_cookies(client):
    client.get("/privacy/")
    response = client.get("/privacy/")
    assert response["X-Cache"] == "hit"
    assert not response.cookies


def test_footer_links_to_the_privacy_page(client):
    assert 'href="/privacy/"' in client.get("/privacy/").content.decode()


def test_html_version_of_the_confirmation_mail_has_the_personal_link():
    from django.core import mail

    from estafette.activities.models import Activity
    from tests.signups.conftest import delivered, future_activity, sign_up

    sign_up(future_activity(signup_confirmation=Activity.Confirmation.INSTANT))
    delivered()
    html, mimetype = mail.outbox[-1].alternatives[0]
    assert mimetype == "text/html" and "/aanmelding/" in html and "<a " in html
