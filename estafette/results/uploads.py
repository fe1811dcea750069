"""What an organiser may upload as material: the type is read from the file's first bytes,
never trusted from the browser, and the size is capped."""

import os

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PHOTO_BYTES = 8 * 1024 * 1024

ZIP = b"PK\x03\x04"
# extension: (content type, magic bytes at the start)
DOCUMENTS = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ZIP,
    ),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZIP),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP),
    ".odp": ("application/vnd.oasis.opendocument.presentation", ZIP),
    ".odt": ("application/vnd.oasis.opendocument.text", ZIP),
}
PHOTOS = {
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
}

TYPE_LABELS = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
}


def type_label(content_type: str, filename: str = "") -> str:
    """'PDF', 'PPTX': what a visitor sees next to a download."""
    return TYPE_LABELS.get(content_type) or os.path.splitext(filename)[1].lstrip(".").upper()


def check_upload(upload, *, photo: bool) -> str:
    """The file's content type, or a ValidationError saying in plain Dutch what is allowed."""
    allowed = PHOTOS if photo else DOCUMENTS
    limit = MAX_PHOTO_BYTES if photo else MAX_FILE_BYTES
    extension = os.path.splitext(upload.name or "")[1].lower()
    kinds = ", ".join(sorted({ext.lstrip(".").upper() for ext in allowed if ext != ".jpeg"}))
    if extension not in allowed:
        raise ValidationError(
            _("Dit soort bestand kan niet. Kies een bestand van het type %(kinds)s.")
            % {"kinds": kinds}
        )
    if upload.size > limit:
        raise ValidationError(
            _("Het bestand is %(size)s; het mag hoogstens %(limit)s zijn.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    if upload.size == 0:
        raise ValidationError(_("Het bestand is leeg."))
    content_type, magic = allowed[extension]
    upload.seek(0)
    start = upload.read(len(magic))
    upload.seek(0)
    if start != magic:
        raise ValidationError(
            _("De inhoud van het bestand past niet bij %(ext)s. Kies een echt %(kind)s-bestand.")
            % {"ext": extension, "kind": extension.lstrip(".").upper()}
        )
    return content_type
