"""Smaller hardening findings: headers, private pages, links from SITE_URL, security.txt,
plain-text mail subjects."""

import datetime as dt
import re

import pytest

from estafette.core.views import security_txt_expires
from estafette.mail.services import render_mail
from tests.factories import ActivityFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


def test_every_answer_has_a_permissions_policy(client):
    for path in ("/", "/privacy/", "/account/login/"):
        policy = client.get(path)["Permissions-Policy"]
        assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy


def test_pages_of_a_logged_in_person_are_private_and_not_stored(client):
    client.force_login(VerifiedUserFactory())
    cache_control = client.get("/account/")["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


def test_public_pages_stay_cacheable(client):
    cache_control = client.get("/privacy/").get("Cache-Control", "")
    assert "no-store" not in cache_control


def test_password_reset_links_use_site_url_not_the_host_header(
    client, settings, django_capture_on_commit_callbacks
):
    from estafette.mail.models import OutboxMessage

    settings.SITE_URL = "https://www.slimmezorgestafette.nl"
    settings.ALLOWED_HOSTS = ["*"]
    VerifiedUserFactory(email="bekend@example.nl")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/account/password/reset/", {"email": "bekend@example.nl"}, HTTP_HOST="evil.example"
        )
    body = OutboxMessage.objects.get(to=["bekend@example.nl"]).body_text
    assert "evil.example" not in body
    assert re.search(r"https://www\.slimmezorgestafette\.nl/account/password/reset/key/", body)


def test_security_txt_expires_within_a_year_and_points_to_a_real_policy(client):
    body = client.get("/.well-known/security.txt").content.decode()
    fields = dict(line.split(": ", 1) for line in body.strip().splitlines())
    expires = dt.datetime.fromisoformat(fields["Expires"].replace("Z", "+00:00"))
    now = dt.datetime.now(dt.UTC)
    assert now + dt.timedelta(days=330) < expires <= now + dt.timedelta(days=366)
    assert fields["Policy"].endswith("/beveiliging/")
    policy = client.get("/beveiliging/")
    assert policy.status_code == 200
    assert "kwetsbaarheid" in policy.content.decode()


def test_security_txt_expiry_is_computed_not_fixed():
    assert security_txt_expires(dt.datetime(2026, 12, 2, 5, tzinfo=dt.UTC)) == dt.datetime(
        2027, 12, 1, tzinfo=dt.UTC
    )
    assert security_txt_expires(dt.datetime(2030, 3, 31, tzinfo=dt.UTC)).year == 2031


def test_mail_subjects_are_plain_text():
    activity = ActivityFactory(title='Workshop "Zorg & Techniek"')
    subject, text, _html = render_mail(
        "activity_approved", {"activity": activity, "link": "", "public_link": ""}
    )
    assert '"Zorg & Techniek"' in subject
    assert "&quot;" not in subject and "&amp;" not in subject
    assert "&quot;" not in text
