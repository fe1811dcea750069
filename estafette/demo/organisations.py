"""Demo organisations: plausible names per kind and town, every region with some."""

import datetime as dt
import random

from django.utils.text import slugify

from estafette.demo import data
from estafette.demo.places import Town
from estafette.organisations.models import Organisation

ORGANISATION_BATCH = 2000


def create_organisations(
    rng: random.Random, *, count: int, regions, towns, towns_by_region, midnight: dt.datetime
) -> list[Organisation]:
    existing = list(Organisation.objects.values_list("name", "town", "slug"))
    used_names = {name for name, _town, _slug in existing}
    used_names |= {(name, town) for name, town, _slug in existing}
    used_slugs = {slug for _name, _town, slug in existing}
    kinds = [kind for kind, _weight in data.KIND_WEIGHTS]
    kind_weights = [weight for _kind, weight in data.KIND_WEIGHTS]
    town_weights = [town.weight for town in towns]
    organisations = []
    for index in range(count):
        if index < 3 * len(regions):  # every region gets organisations
            choices = towns_by_region[regions[index % len(regions)].id]
            town = rng.choices(choices, [t.weight for t in choices])[0]
        else:
            town = rng.choices(towns, town_weights)[0]
        kind = rng.choices(kinds, kind_weights)[0]
        name, kind = organisation_name(rng, kind, town, used_names)
        used_names |= {name, (name, town.name)}
        slug = unique_slug(name, used_slugs)
        organisations.append(
            Organisation(
                name=name,
                slug=slug,
                kind=kind,
                province=town.province,
                town=town.name,
                website=f"https://{slug}.example",
                description=data.KIND_DESCRIPTIONS[kind],
                created_at=midnight - dt.timedelta(days=rng.randint(200, 2000)),
            )
        )
    return Organisation.objects.bulk_create(organisations, batch_size=ORGANISATION_BATCH)


def unique_slug(name: str, used: set) -> str:
    slug = base = slugify(name)[:200]
    number = 2
    while slug in used:
        slug, number = f"{base}-{number}", number + 1
    used.add(slug)
    return slug


def organisation_name(rng: random.Random, kind: str, town: Town, used: set) -> tuple[str, str]:
    """A name not used yet; when the town has one of this kind already (one municipality per
    town), another kind; in the end a name used in another town ('Apotheek De Linde' may
    exist in two towns, the slug tells them apart)."""
    for attempt in range(40):
        if attempt == 8:
            kind = rng.choice(["care_provider", "company", "other", "patient_organisation"])
        candidate = rng.choice(data.KIND_PATTERNS[kind]).format(
            town=town.name,
            house=rng.choice(data.HOUSE_NAMES),
            district=rng.choice(data.DISTRICTS),
            region=data.REGION_WORDS[town.province.region.slug],
            province=town.province.name,
            word=rng.choice(data.INSURER_WORDS),
            condition=rng.choice(data.CONDITIONS),
            tech=rng.choice(data.COMPANY_TECH),
            suffix=rng.choice(data.COMPANY_SUFFIXES),
        )
        if candidate not in used or (attempt >= 16 and (candidate, town.name) not in used):
            return candidate, kind
    for district in data.DISTRICTS:  # a branch of an organisation that exists
        if (f"{candidate}, locatie {town.name}-{district}", town.name) not in used:
            return f"{candidate}, locatie {town.name}-{district}", kind
    number = 2
    while (f"{candidate} {number}", town.name) in used:
        number += 1
    return f"{candidate} {number}", kind
