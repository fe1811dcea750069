"""Posters and cards as cached files in media storage, keyed on what they show.

The file name holds a digest of the facts drawn (title, dates, place, organisers, colour, own
image, the activity's updated timestamp, language): any change gives a new name, so a changed
activity is redrawn on the next request and no stale file is ever served. Older files of the
same kind are removed when a new one is written.
"""

import dataclasses
import hashlib
import json

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from estafette.posters import artwork
from estafette.posters.models import ActivityImage

# Raise when the drawing changes: every cached file is then redrawn.
LAYOUT_VERSION = 1

KINDS = {
    "poster-a4": ("pdf", "application/pdf"),
    "poster-a3": ("pdf", "application/pdf"),
    "card": ("png", "image/png"),
    "square": ("png", "image/png"),
}


@dataclasses.dataclass(frozen=True)
class Artwork:
    name: str
    digest: str
    content_type: str


def own_image(activity):
    try:
        return activity.own_image
    except ActivityImage.DoesNotExist:
        return None


def digest_of(facts: artwork.PosterFacts, kind: str) -> str:
    payload = json.dumps([LAYOUT_VERSION, kind, dataclasses.asdict(facts)], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def folder_of(activity) -> str:
    return f"activiteiten/{activity.pk}/posters"


def draw(kind: str, facts, picture) -> bytes:
    if kind.startswith("poster-"):
        return artwork.poster_pdf(facts, kind.removeprefix("poster-"), picture)
    return artwork.card_png(facts, kind, picture)


def artwork_for(activity, kind: str) -> Artwork:
    """The stored file for this activity and kind, drawn now if its facts changed."""
    extension, content_type = KINDS[kind]
    image = own_image(activity)
    facts = artwork.facts_for(activity, image=image)
    digest = digest_of(facts, kind)
    name = f"{folder_of(activity)}/{kind}-{facts.language}-{digest}.{extension}"
    if not default_storage.exists(name):
        content = draw(kind, facts, artwork.open_image(image))
        saved = default_storage.save(name, ContentFile(content))
        if saved != name:
            # Another request drew the same file at the same moment: keep one copy.
            default_storage.delete(saved)
        remove_older(activity, kind, facts.language, keep=name)
    return Artwork(name=name, digest=digest, content_type=content_type)


def remove_older(activity, kind: str, language: str, *, keep: str) -> None:
    folder = folder_of(activity)
    try:
        _folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    prefix = f"{kind}-{language}-"
    for file_name in files:
        path = f"{folder}/{file_name}"
        if file_name.startswith(prefix) and path != keep:
            default_storage.delete(path)
