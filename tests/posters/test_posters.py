"""Posters and social cards: drawn per public activity, cached, keyed on what they show."""

import io
import json
import re

import pytest
import zxingcpp
from django.core.files.storage import default_storage
from PIL import Image
from pypdf import PdfReader

from estafette.activities.models import Activity
from estafette.partners.models import Partner
from estafette.posters import files
from tests.factories import ActivityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def decoded_qr(png: bytes) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def pdf_text(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_a4_poster_opens_and_shows_title_dates_place_and_organisers(client):
    activity = ActivityFactory(title="Beeldbellen met de huisarts: probeer het zelf")
    partner = OrganisationFactory(name="Bibliotheek Enschede")
    Partner.objects.create(activity=activity, organisation=partner, status=Partner.Status.ACCEPTED)
    response = client.get(f"/activiteit/{activity.pk}/poster.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader, text = pdf_text(body(response))
    assert reader.metadata.title == activity.title
    assert len(reader.pages) == 1
    page = reader.pages[0].mediabox
    assert (round(float(page.width) / 72 * 25.4), round(float(page.height) / 72 * 25.4)) == (
        210,
        297,
    )
    flat = " ".join(text.split())
    assert "Beeldbellen met de huisarts" in flat
    assert "Wijkcentrum De Bron, Enschede" in flat
    assert activity.lead_organisation.name in flat
    assert "Bibliotheek Enschede" in flat
    assert "Regio oost" in flat


def test_a3_poster_on_request(client):
    activity = ActivityFactory()
    response = client.get(f"/activiteit/{activity.pk}/poster.pdf?formaat=a3")
    reader, text = pdf_text(body(response))
    page = reader.pages[0].mediabox
    assert (round(float(page.width) / 72 * 25.4), round(float(page.height) / 72 * 25.4)) == (
        297,
        420,
    )
    assert activity.title in " ".join(text.split())


def test_online_activity_says_online(client):
    activity = ActivityFactory(
        format=Activity.Format.ONLINE, venue_name="", street_address="", postcode="", town=""
    )
    _reader, text = pdf_text(body(client.get(f"/activiteit/{activity.pk}/poster.pdf")))
    assert "Online" in text


def test_poster_qr_code_decodes_to_the_activity_page(client, settings):
    activity = ActivityFactory()
    reader, _text = pdf_text(body(client.get(f"/activiteit/{activity.pk}/poster.pdf")))
    images = reader.pages[0].images
    found = [url for image in images for url in decoded_qr(image.data)]
    assert found == [f"{settings.SITE_URL}{activity.get_absolute_url()}"]


@pytest.mark.parametrize(
    ("path", "size"), [("kaart.png", (1200, 630)), ("kaart-vierkant.png", (1080, 1080))]
)
def test_social_cards_have_their_size_and_a_qr_code_to_the_page(client, settings, path, size):
    activity = ActivityFactory()
    response = client.get(f"/activiteit/{activity.pk}/{path}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    png = body(response)
    assert Image.open(io.BytesIO(png)).size == size
    assert decoded_qr(png) == [f"{settings.SITE_URL}{activity.get_absolute_url()}"]


def test_card_is_in_the_regions_colour(client):
    activity = ActivityFactory(region="noord")
    png = Image.open(io.BytesIO(body(client.get(f"/activiteit/{activity.pk}/kaart.png"))))
    colour = activity.stage.region.colour.lstrip("#")
    assert png.convert("RGB").getpixel((5, 5)) == tuple(
        int(colour[i : i + 2], 16) for i in (0, 2, 4)
    )


@pytest.mark.parametrize(
    "status",
    [
        Activity.Status.DRAFT,
        Activity.Status.SUBMITTED,
        Activity.Status.CHANGES_REQUESTED,
        Activity.Status.REJECTED,
    ],
)
@pytest.mark.parametrize("path", ["poster.pdf", "kaart.png", "kaart-vierkant.png"])
def test_unpublished_activities_have_no_poster_or_card(client, status, path):
    activity = ActivityFactory(status=status)
    assert client.get(f"/activiteit/{activity.pk}/{path}").status_code == 404


def test_cancelled_activity_keeps_its_card_but_has_no_poster(client):
    activity = ActivityFactory(status=Activity.Status.CANCELLED)
    assert client.get(f"/activiteit/{activity.pk}/kaart.png").status_code == 200
    assert client.get(f"/activiteit/{activity.pk}/poster.pdf").status_code == 404


def test_files_are_cached_and_redrawn_when_the_activity_changes(client):
    activity = ActivityFactory(title="Eerste titel")
    first = client.get(f"/activiteit/{activity.pk}/kaart.png")
    etag = first["ETag"]
    assert "max-age" in first["Cache-Control"]
    stored = files.artwork_for(activity, "card").name
    assert default_storage.exists(stored)
    # Unchanged: the same file, and a conditional request is answered without a body.
    assert client.get(f"/activiteit/{activity.pk}/kaart.png")["ETag"] == etag
    assert (
        client.get(f"/activiteit/{activity.pk}/kaart.png", HTTP_IF_NONE_MATCH=etag).status_code
        == 304
    )

    activity.title = "Nieuwe titel"
    activity.save()
    pdf = body(client.get(f"/activiteit/{activity.pk}/poster.pdf"))
    assert "Nieuwe titel" in pdf_text(pdf)[1]
    changed = client.get(f"/activiteit/{activity.pk}/kaart.png")
    assert changed["ETag"] != etag
    assert not default_storage.exists(stored), "the outdated card is removed"


def test_card_follows_a_partner_that_accepts(client):
    activity = ActivityFactory()
    before = client.get(f"/activiteit/{activity.pk}/kaart.png")["ETag"]
    Partner.objects.create(
        activity=activity,
        organisation=OrganisationFactory(name="GGD Twente"),
        status=Partner.Status.ACCEPTED,
    )
    assert client.get(f"/activiteit/{activity.pk}/kaart.png")["ETag"] != before


def test_api_detail_lists_poster_and_card(client, settings):
    activity = ActivityFactory()
    data = client.get(f"/api/v1/activities/{activity.pk}").json()
    assert data["poster_url"] == f"{settings.SITE_URL}/activiteit/{activity.pk}/poster.pdf"
    assert data["card_url"] == f"{settings.SITE_URL}/activiteit/{activity.pk}/kaart.png"
    assert client.get(data["card_url"].removeprefix(settings.SITE_URL)).status_code == 200


def test_card_is_the_pages_og_image_and_jsonld_image(client, settings):
    activity = ActivityFactory()
    page = client.get(activity.get_absolute_url()).content.decode()
    card = f"{settings.SITE_URL}/activiteit/{activity.pk}/kaart.png"
    assert f'<meta property="og:image" content="{card}">' in page
    jsonld = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    )
    assert jsonld["image"] == [card]
    assert f'href="/activiteit/{activity.pk}/poster.pdf"' in page


def test_english_card_and_poster_speak_english(client):
    activity = ActivityFactory(
        format=Activity.Format.ONLINE, venue_name="", street_address="", postcode="", town=""
    )
    _reader, text = pdf_text(body(client.get(f"/en/activiteit/{activity.pk}/poster.pdf")))
    assert "Organised by" in text
    assert "Region oost" in text


def test_without_system_fonts_posters_and_cards_still_draw(client, settings):
    settings.POSTER_FONT_DIRS = ["/nonexistent"]
    activity = ActivityFactory(title="Zorg – dichtbij én online")
    _reader, text = pdf_text(body(client.get(f"/activiteit/{activity.pk}/poster.pdf")))
    assert "Zorg - dichtbij én online" in text
    png = body(client.get(f"/activiteit/{activity.pk}/kaart.png"))
    assert Image.open(io.BytesIO(png)).size == (1200, 630)
