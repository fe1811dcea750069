"""Set or remove an activity's own image; the page, poster and cards follow."""

import io
import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageOps

from estafette.core.audit import log_action
from estafette.core.caching import bump_public_version
from estafette.posters.models import ActivityImage

# Large enough for a sharp A3 poster band and a 1200 px card; larger uploads are scaled down.
MAX_SIDE = 2400


def clean_copy(upload) -> ContentFile:
    """A fresh re-encoding: upright, no metadata (camera, GPS), at most MAX_SIDE pixels."""
    upload.seek(0)
    with Image.open(upload) as opened:
        upright = ImageOps.exif_transpose(opened)
        has_alpha = upright.mode in {"RGBA", "LA", "P"}
        picture = upright.convert("RGBA" if has_alpha else "RGB")
        picture.thumbnail((MAX_SIDE, MAX_SIDE))
        buffer = io.BytesIO()
        if has_alpha:
            picture.save(buffer, format="PNG", optimize=True)
            extension = "png"
        else:
            picture.save(buffer, format="JPEG", quality=85, optimize=True)
            extension = "jpg"
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")


@transaction.atomic
def set_activity_image(*, activity, upload, alt_text: str, by) -> ActivityImage:
    previous = ActivityImage.objects.filter(activity=activity).first()
    old_file = previous.image.name if previous else ""
    image = previous or ActivityImage(activity=activity)
    image.image = clean_copy(upload)
    image.alt_text = alt_text
    image.uploaded_by = by
    image.full_clean(exclude=["image", "activity"])
    image.save()
    log_action(actor=by, action="activity.image.set", target=activity, message=alt_text)
    if old_file:
        storage = image.image.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    # The page shows the image: cached public pages must not keep the old one.
    bump_public_version()
    return image


@transaction.atomic
def remove_activity_image(*, activity, by) -> None:
    image = ActivityImage.objects.filter(activity=activity).first()
    if image is None:
        return
    name, storage = image.image.name, image.image.storage
    image.delete()
    log_action(actor=by, action="activity.image.removed", target=activity)
    if name:
        transaction.on_commit(lambda: storage.delete(name))
    bump_public_version()
