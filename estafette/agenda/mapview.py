"""The agenda's map view: counts per region on the stylised map, and pins for the tile map.

The stylised map (our own drawing) always renders on the server, so the view works without
JavaScript and without a tile server; the script swaps in Leaflet with PDOK tiles only when a
tile loads.
"""

from django.conf import settings
from django.db.models import Count

from estafette.activities.models import Activity
from estafette.relay.map import VIEWBOX, map_regions, project, province_paths
from estafette.relay.models import Region
from estafette.relay.queries import RegionFigures

PIN_LIMIT = 1000


def _tiles() -> dict:
    return {
        "tiles_url": settings.MAP_TILES_URL,
        "tiles_attribution": settings.MAP_TILES_ATTRIBUTION,
    }


def map_context(queryset, region_counts: dict[str, int], highlight: str | None) -> dict:
    ids = queryset.order_by().values("pk")
    organisations = dict(
        Activity.objects.filter(pk__in=ids)
        .values_list("stage__region__slug")
        .annotate(n=Count("lead_organisation", distinct=True))
        .values_list("stage__region__slug", "n")
        .order_by()
    )
    figures = [
        RegionFigures(
            region=region,
            activities=region_counts.get(region.slug, 0),
            organisations=organisations.get(region.slug, 0),
        )
        for region in Region.objects.prefetch_related("provinces")
    ]
    located = (
        queryset.filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("starts_at", "pk")
        .values("pk", "title", "slug", "town", "latitude", "longitude")[:PIN_LIMIT]
    )
    pins = []
    for row in located:
        x, y = project(row["longitude"], row["latitude"])
        pins.append({**row, "x": x, "y": y})
    return {
        **_tiles(),
        "map_regions": map_regions(figures, highlight=highlight),
        "map_viewbox": VIEWBOX,
        "pins": pins,
        "pin_limit": PIN_LIMIT,
        "pins_json": [
            {
                "lat": round(pin["latitude"], 5),
                "lon": round(pin["longitude"], 5),
                "title": pin["title"],
                "town": pin["town"],
                "url": Activity(pk=pin["pk"], slug=pin["slug"]).get_absolute_url(),
            }
            for pin in pins
        ],
    }


def venue_map(activity) -> dict:
    """The venue as a pin on the (grey) outline of the Netherlands."""
    if not activity.has_venue or activity.latitude is None or activity.longitude is None:
        return {}
    x, y = project(activity.longitude, activity.latitude)
    return {
        **_tiles(),
        "map_viewbox": VIEWBOX,
        "province_paths": sorted(province_paths().items()),
        "venue_x": x,
        "venue_y": y,
    }
