"""Fewer bytes on the wire: gzip for public answers (never for pages with a secret: BREACH),
static files under hashed names, precompressed, cached for a year."""

import gzip
import re

import pytest
from django.core.management import call_command
from django.test import Client

from tests.factories import ActivityFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(
    "address",
    [
        "/",
        "/agenda/?edition=2023",
        "/agenda.ics?edition=2023",
        "/agenda.rss?edition=2023",
        "/api/v1/activities?edition=2023",
        "/api/v1/activities.csv?edition=2023",
    ],
)
def test_public_text_answers_go_out_gzipped(client, address):
    ActivityFactory.create_batch(3)
    plain = _body(client.get(address))
    zipped = client.get(address, HTTP_ACCEPT_ENCODING="gzip, br")
    assert zipped["Content-Encoding"] == "gzip", address
    assert "Accept-Encoding" in zipped["Vary"]
    sent = _body(zipped)
    assert gzip.decompress(sent) == plain and len(sent) < len(plain)


def test_pages_with_a_csrf_token_or_personal_data_are_never_compressed(client):
    from tests.signups.conftest import future_activity

    activity = future_activity()
    form = client.get(f"/activiteit/{activity.pk}/aanmelden/", HTTP_ACCEPT_ENCODING="gzip")
    assert b"csrfmiddlewaretoken" in form.content or form.status_code != 200
    assert "Content-Encoding" not in form
    login = client.get("/account/login/", HTTP_ACCEPT_ENCODING="gzip")
    assert b"csrfmiddlewaretoken" in login.content and "Content-Encoding" not in login
    client.force_login(VerifiedUserFactory())
    mine = client.get("/agenda/?edition=2023", HTTP_ACCEPT_ENCODING="gzip")
    assert mine.status_code == 200 and "Content-Encoding" not in mine


def test_static_files_have_hashed_names_a_years_immutable_caching_and_precompressed_copies(
    settings, tmp_path
):
    settings.STATIC_ROOT = tmp_path / "static"
    # Our own files (the admin's, Wagtail's and Leaflet's take a minute to compress and prove
    # nothing more: Wagtail's admin alone is 2.8 MB).
    call_command(
        "collectstatic",
        interactive=False,
        verbosity=0,
        ignore_patterns=["admin", "leaflet", "ninja", "wagtail*"],
    )
    assert (settings.STATIC_ROOT / "staticfiles.json").exists()
    client = Client()  # a new handler: WhiteNoise reads the collected files when it starts
    page = client.get("/toegankelijkheid/").content.decode()
    css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page)
    assert css, "the page links the hashed name"
    plain = client.get(css.group(1))
    assert plain.status_code == 200
    cache_control = plain["Cache-Control"]
    assert "immutable" in cache_control and "max-age=31536000" in cache_control
    zipped = client.get(css.group(1), HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["Content-Encoding"] == "gzip"
    brotli = client.get(css.group(1), HTTP_ACCEPT_ENCODING="br")
    assert brotli["Content-Encoding"] == "br"
    name = css.group(1).removeprefix("/static/")
    assert (settings.STATIC_ROOT / f"{name}.gz").exists()
    assert (settings.STATIC_ROOT / f"{name}.br").exists()
