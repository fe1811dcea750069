"""The agenda's map view: counts per region on the stylised map, and pins for the tile map.

The stylised map (our own drawing) always renders on the server, so the view works without
JavaScript and without a tile server; the script swaps in Leaflet with PDOK tiles only when a
tile loads.
"""

from django.conf import settings
from django.db.models import Avg, Count

from estafette.agenda.facets import without_ranking
from estafette.relay.map import VIEWBOX, map_regions, project, province_paths
from estafette.relay.models import Region
from estafette.relay.queries import RegionFigures

PIN_LIMIT = 1000  # towns


def _tiles() -> dict:
    return {
        "tiles_url": settings.MAP_TILES_URL,
        "tiles_attribution": settings.MAP_TILES_ATTRIBUTION,
    }


def map_context(queryset, region_counts: dict[str, int], highlight: str | None, query="") -> dict:
    """The map of the filtered activities: counts per region, and one pin per town (with how
    many activities it has there), drawn on the stylised map and handed to Leaflet as data.
    A pin per activity made the page 240 KB at one edition; a town is what a visitor looks
    for on a national map, and its pin links to the list of that town's activities."""
    rows = without_ranking(queryset)
    organisations = dict(
        rows.values_list("stage__region__slug")
        .annotate(n=Count("lead_organisation", distinct=True))
        .values_list("stage__region__slug", "n")
    )
    figures = [
        RegionFigures(
            region=region,
            activities=region_counts.get(region.slug, 0),
            organisations=organisations.get(region.slug, 0),
        )
        for region in Region.objects.prefetch_related("provinces")
    ]
    towns = (
        rows.filter(latitude__isnull=False, longitude__isnull=False)
        .exclude(town="")
        .values("town")
        .annotate(n=Count("pk"), lat=Avg("latitude"), lon=Avg("longitude"))
        .order_by("-n", "town")[:PIN_LIMIT]
    )
    pins = []
    for town in towns:
        x, y = project(town["lon"], town["lat"])
        pins.append(
            {
                "x": x,
                "y": y,
                "r": round(min(2.0 + (town["n"] ** 0.5) / 2, 9.0), 1),
                "lat": round(town["lat"], 4),
                "lon": round(town["lon"], 4),
                "town": town["town"],
                "count": town["n"],
            }
        )
    return {
        **_tiles(),
        "map_regions": map_regions(figures, highlight=highlight),
        "map_viewbox": VIEWBOX,
        "pins": pins,
        "pin_limit": PIN_LIMIT,
        # A pin links to its town's activities: the list's address is on the map once
        # (data-town-list), the script adds the town (a link per pin was a fifth of the page).
        "pins_json": [{k: pin[k] for k in ("lat", "lon", "town", "count")} for pin in pins],
        "town_list": f"?{query}&q=" if query else "?q=",
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
