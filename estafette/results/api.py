"""Results in the open-data API: the `results` of an activity's detail, and its schema."""

from django.conf import settings
from ninja import Field, Schema

from estafette.results import queries
from estafette.results.uploads import type_label


class MaterialOut(Schema):
    kind: str = Field(description="file (slides or handout), photo or link (a recording)")
    title: str
    url: str = Field(description="Absolute address of the file, or the link")
    type: str | None = Field(None, description="File type, e.g. PDF; null for links")
    size: int | None = Field(None, description="Size in bytes; null for links")
    alt: str | None = Field(None, description="What a photo shows; null for other kinds")


class ActivityResults(Schema):
    """What the organisers reported after the activity; null until they did (or when a
    coordinator hid it)."""

    participants: int = Field(description="Everyone who took part")
    professionals: int = Field(description="Of whom care professionals")
    citizens: int = Field(description="Of whom citizens")
    summary: str = Field(description="What came out of it")
    lessons: str = Field(description="What the organisers pass on to the next region")
    materials: list[MaterialOut]


def _absolute(href: str) -> str:
    return href if href.startswith(("http://", "https://")) else f"{settings.SITE_URL}{href}"


def material_data(material) -> dict:
    is_file = material.kind != "link"
    return {
        "kind": material.kind,
        "title": material.title,
        "url": _absolute(material.href),
        "type": type_label(material.content_type, material.file.name) if is_file else None,
        "size": material.size if is_file else None,
        "alt": material.alt_text if material.kind == "photo" else None,
    }


def results_data(activity) -> dict | None:
    result = queries.public_result(activity)
    if result is None:
        return None
    return {
        "participants": result.participants,
        "professionals": result.professionals,
        "citizens": result.citizens,
        "summary": result.summary,
        "lessons": result.lessons,
        "materials": [material_data(material) for material in result.materials.all()],
    }
