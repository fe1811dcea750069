"""An organiser's own image: checked on upload, shown on the page and on the card."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from estafette.posters.models import ActivityImage
from tests.factories import ActivityFactory, MembershipFactory, VerifiedUserFactory
from tests.posters.conftest import picture_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity():
    return ActivityFactory()


@pytest.fixture
def organiser_client(client, activity):
    user = VerifiedUserFactory()
    MembershipFactory(user=user, organisation=activity.lead_organisation)
    client.force_login(user)
    return client


def upload(client, activity, content, name="foto.jpg", alt="Deelnemers proberen een zorgrobot uit"):
    return client.post(
        f"/mijn/activiteit/{activity.pk}/afbeelding/",
        {"image": SimpleUploadedFile(name, content), "alt_text": alt},
    )


def test_organiser_uploads_an_image_shown_on_the_page_and_card(organiser_client, activity, client):
    card_before = client.get(f"/activiteit/{activity.pk}/kaart.png")["ETag"]
    response = upload(organiser_client, activity, picture_bytes(colour=(10, 200, 10)))
    assert response.status_code == 302
    image = ActivityImage.objects.get(activity=activity)
    assert image.alt_text == "Deelnemers proberen een zorgrobot uit"
    page = client.get(activity.get_absolute_url()).content.decode()
    assert f'src="{image.image.url}" alt="Deelnemers proberen een zorgrobot uit"' in page
    card = client.get(f"/activiteit/{activity.pk}/kaart.png")
    assert card["ETag"] != card_before
    png = Image.open(io.BytesIO(b"".join(card.streaming_content))).convert("RGB")
    assert png.getpixel((1000, 100)) == pytest.approx((10, 200, 10), abs=6)


def test_image_without_alt_text_is_refused(organiser_client, activity):
    response = upload(organiser_client, activity, picture_bytes(), alt="  ")
    assert response.status_code == 200
    assert "Beschrijf wat er op de afbeelding staat." in response.content.decode()
    assert not ActivityImage.objects.exists()


def test_file_that_is_no_image_is_refused(organiser_client, activity):
    response = upload(organiser_client, activity, b"%PDF-1.4 not an image", name="foto.jpg")
    assert response.status_code == 200
    assert not ActivityImage.objects.exists()


def test_truncated_image_is_refused(organiser_client, activity):
    response = upload(organiser_client, activity, picture_bytes(fmt="PNG")[:400], name="foto.png")
    assert response.status_code == 200
    assert not ActivityImage.objects.exists()


def test_wrong_image_type_is_refused(organiser_client, activity):
    response = upload(organiser_client, activity, picture_bytes(fmt="GIF"), name="foto.gif")
    assert "Kies een JPEG-, PNG- of WebP-afbeelding." in response.content.decode()
    assert not ActivityImage.objects.exists()


def test_too_large_file_is_refused(organiser_client, activity, settings):
    settings.ACTIVITY_IMAGE_MAX_BYTES = 10_000
    response = upload(organiser_client, activity, picture_bytes(fmt="PNG", size=(1600, 1600)))
    assert "De afbeelding is te groot" in response.content.decode()
    assert not ActivityImage.objects.exists()


def test_metadata_is_stripped_on_upload(organiser_client, activity):
    exif = Image.Exif()
    exif[0x010F] = "Camera van de fotograaf"
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (1, 2, 3)).save(buffer, format="JPEG", exif=exif)
    upload(organiser_client, activity, buffer.getvalue())
    with ActivityImage.objects.get().image.open("rb") as stored:
        assert not Image.open(stored).getexif()


def test_only_the_activitys_organisers_may_upload(client, activity):
    client.force_login(VerifiedUserFactory())
    assert upload(client, activity, picture_bytes()).status_code == 404
    assert not ActivityImage.objects.exists()


def test_organiser_removes_the_image(
    organiser_client, activity, django_capture_on_commit_callbacks
):
    upload(organiser_client, activity, picture_bytes())
    name = ActivityImage.objects.get().image.name
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(
            f"/mijn/activiteit/{activity.pk}/afbeelding/", {"remove": "1"}
        )
    assert response.status_code == 302
    assert not ActivityImage.objects.exists()
    assert not default_storage.exists(name)
