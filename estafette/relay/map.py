"""The stylised map of the Netherlands: twelve generalised provinces, grouped in the four regions.

Drawn for this project: each province is a hand-authored polygon of a few dozen (longitude,
latitude) points, rounded to a tenth or so of a degree, with neighbouring provinces sharing their
border points. It is meant to be recognisable, not exact.
"""

from dataclasses import dataclass
from functools import cache

from django.urls import reverse

# Equirectangular projection around 52°N: x shrinks by cos(52°) ≈ 0.616.
WEST, NORTH, SCALE, X_SHRINK = 3.2, 53.62, 160.0, 0.616
VIEWBOX = "0 0 410 470"

# The longest border two provinces share, written once so that moving a point moves it for both.
OVERIJSSEL_DRENTHE: list[tuple[float, float]] = [
    (7.05, 52.64),
    (6.72, 52.65),
    (6.55, 52.62),
    (6.3, 52.64),
    (6.15, 52.72),
    (6.12, 52.82),
]

PROVINCES: dict[str, list[tuple[float, float]]] = {
    "NL-ZE": [
        (3.36, 51.37),
        (3.55, 51.22),
        (3.9, 51.2),
        (4.24, 51.29),
        (4.29, 51.45),
        (4.2, 51.55),
        (4.25, 51.66),
        (4.0, 51.7),
        (3.83, 51.75),
        (3.68, 51.72),
        (3.5, 51.6),
        (3.44, 51.53),
        (3.6, 51.45),
    ],
    "NL-ZH": [
        (3.83, 51.75),
        (4.0, 51.7),
        (4.25, 51.66),
        (4.65, 51.72),
        (5.0, 51.82),
        (4.95, 51.93),
        (4.82, 52.03),
        (4.8, 52.2),
        (4.62, 52.3),
        (4.5, 52.32),
        (4.4, 52.2),
        (4.2, 52.05),
        (4.05, 51.97),
        (3.95, 51.85),
    ],
    "NL-NB": [
        (4.25, 51.66),
        (4.65, 51.72),
        (5.0, 51.82),
        (5.3, 51.8),
        (5.6, 51.82),
        (5.9, 51.76),
        (5.87, 51.5),
        (5.75, 51.35),
        (5.55, 51.2),
        (5.2, 51.32),
        (4.9, 51.42),
        (4.75, 51.48),
        (4.55, 51.42),
        (4.29, 51.45),
        (4.2, 51.55),
    ],
    "NL-LI": [
        (5.9, 51.76),
        (6.0, 51.82),
        (6.1, 51.67),
        (6.2, 51.5),
        (6.22, 51.36),
        (6.08, 51.17),
        (5.88, 51.05),
        (6.07, 50.92),
        (6.02, 50.76),
        (5.7, 50.76),
        (5.64, 50.85),
        (5.77, 51.05),
        (5.78, 51.15),
        (5.55, 51.2),
        (5.75, 51.35),
        (5.87, 51.5),
    ],
    "NL-UT": [
        (4.95, 51.93),
        (4.82, 52.03),
        (4.8, 52.2),
        (4.95, 52.28),
        (5.05, 52.25),
        (5.15, 52.18),
        (5.25, 52.28),
        (5.4, 52.27),
        (5.49, 52.25),
        (5.45, 52.1),
        (5.57, 52.0),
        (5.3, 51.96),
        (5.1, 51.93),
    ],
    "NL-GE": [
        (5.0, 51.82),
        (5.3, 51.8),
        (5.6, 51.82),
        (5.9, 51.76),
        (6.0, 51.82),
        (6.15, 51.9),
        (6.4, 51.85),
        (6.8, 51.97),
        (6.85, 52.07),
        (6.7, 52.12),
        (6.4, 52.18),
        (6.15, 52.22),
        (6.1, 52.35),
        (6.05, 52.47),
        (5.9, 52.5),
        (5.85, 52.45),
        (5.62, 52.35),
        (5.49, 52.25),
        (5.45, 52.1),
        (5.57, 52.0),
        (5.3, 51.96),
        (5.1, 51.93),
        (4.95, 51.93),
    ],
    "NL-OV": [
        (6.85, 52.07),
        (7.0, 52.2),
        (7.05, 52.4),
        *OVERIJSSEL_DRENTHE,
        (5.85, 52.8),
        (5.95, 52.68),
        (5.8, 52.58),
        (5.9, 52.5),
        (6.05, 52.47),
        (6.1, 52.35),
        (6.15, 52.22),
        (6.4, 52.18),
        (6.7, 52.12),
    ],
    "NL-FL": [
        (5.05, 52.35),
        (5.15, 52.3),
        (5.25, 52.28),
        (5.4, 52.27),
        (5.49, 52.25),
        (5.62, 52.35),
        (5.85, 52.45),
        (5.9, 52.5),
        (5.8, 52.58),
        (5.95, 52.68),
        (5.85, 52.8),
        (5.75, 52.84),
        (5.58, 52.67),
        (5.7, 52.6),
        (5.6, 52.55),
        (5.42, 52.57),
        (5.2, 52.45),
    ],
    "NL-NH": [
        (4.5, 52.32),
        (4.53, 52.4),
        (4.6, 52.5),
        (4.63, 52.65),
        (4.68, 52.8),
        (4.75, 52.96),
        (4.9, 52.94),
        (5.03, 52.93),
        (5.1, 52.78),
        (5.3, 52.7),
        (5.08, 52.63),
        (5.08, 52.5),
        (5.0, 52.4),
        (5.1, 52.33),
        (5.15, 52.3),
        (5.25, 52.28),
        (5.15, 52.18),
        (5.05, 52.25),
        (4.95, 52.28),
        (4.8, 52.2),
        (4.62, 52.3),
    ],
    "NL-FR": [
        (5.38, 53.08),
        (5.42, 53.2),
        (5.55, 53.3),
        (5.9, 53.38),
        (6.2, 53.4),
        (6.3, 53.25),
        (6.35, 53.12),
        (6.35, 52.95),
        (6.2, 52.85),
        (6.12, 52.82),
        (5.85, 52.8),
        (5.75, 52.84),
        (5.6, 52.84),
        (5.37, 52.88),
        (5.42, 52.98),
    ],
    "NL-GR": [
        (6.2, 53.4),
        (6.5, 53.43),
        (6.8, 53.46),
        (6.95, 53.33),
        (7.2, 53.24),
        (7.2, 53.05),
        (7.08, 52.85),
        (6.9, 52.95),
        (6.75, 53.07),
        (6.6, 53.12),
        (6.4, 53.15),
        (6.35, 53.12),
        (6.3, 53.25),
    ],
    "NL-DR": [
        (6.35, 53.12),
        (6.4, 53.15),
        (6.6, 53.12),
        (6.75, 53.07),
        (6.9, 52.95),
        (7.08, 52.85),
        *OVERIJSSEL_DRENTHE,
        (6.2, 52.85),
        (6.35, 52.95),
    ],
}

# The Wadden islands, hinted as slim shapes: Texel belongs to Noord-Holland, the rest to Fryslân.
ISLANDS: dict[str, list[list[tuple[float, float]]]] = {
    "NL-NH": [[(4.72, 53.0), (4.8, 52.99), (4.92, 53.1), (4.9, 53.19), (4.8, 53.14)]],
    "NL-FR": [
        [(4.92, 53.24), (5.1, 53.3), (5.12, 53.32), (4.95, 53.27)],
        [(5.2, 53.36), (5.55, 53.42), (5.56, 53.45), (5.22, 53.39)],
        [(5.62, 53.43), (5.93, 53.44), (5.92, 53.47), (5.64, 53.46)],
        [(6.1, 53.47), (6.3, 53.48), (6.28, 53.5), (6.12, 53.5)],
    ],
}

# Where each region's figures stand on the map (longitude, latitude).
REGION_LABELS: dict[str, tuple[float, float]] = {
    "noord": (6.55, 53.0),
    "oost": (6.35, 52.33),
    "west": (4.05, 52.45),
    "zuid": (5.05, 51.55),
}


def project(lon: float, lat: float) -> tuple[float, float]:
    return round((lon - WEST) * X_SHRINK * SCALE, 1), round((NORTH - lat) * SCALE, 1)


def _path(points) -> str:
    coords = [project(lon, lat) for lon, lat in points]
    return "M" + " L".join(f"{x} {y}" for x, y in coords) + " Z"


@cache
def province_paths() -> dict[str, str]:
    """SVG path data per ISO code, islands included."""
    return {
        code: " ".join([_path(points)] + [_path(island) for island in ISLANDS.get(code, [])])
        for code, points in PROVINCES.items()
    }


@dataclass(frozen=True)
class MapRegion:
    slug: str
    name: str
    colour: str
    url: str
    provinces: list[dict]
    label_x: float
    label_y: float
    activities: int
    organisations: int
    is_on_turn: bool
    is_muted: bool


def map_regions(
    figures,
    *,
    on_turn_slug: str | None = None,
    highlight: str | None = None,
    year: int | None = None,
) -> list[MapRegion]:
    """What the map template draws, from `relay.queries.public_figures` rows; with `year` each
    region links to its page of that edition."""
    paths = province_paths()
    regions = []
    for row in figures:
        region = row.region
        x, y = project(*REGION_LABELS[region.slug])
        regions.append(
            MapRegion(
                slug=region.slug,
                name=region.name,
                colour=region.colour,
                url=(
                    reverse("relay:region-edition", kwargs={"slug": region.slug, "year": year})
                    if year
                    else region.get_absolute_url()
                ),
                provinces=[
                    {"code": province.code, "name": province.name, "path": paths[province.code]}
                    for province in region.provinces.all()
                ],
                label_x=x,
                label_y=y,
                activities=row.activities,
                organisations=row.organisations,
                is_on_turn=region.slug == on_turn_slug,
                is_muted=highlight is not None and region.slug != highlight,
            )
        )
    return regions
