"""The agenda's map view: counts per region on the stylised map, and pins for the tile map.

The stylised map (our own drawing) always renders on the server, so the view works without
JavaScript and without a tile server; the script swaps in Leaflet with PDOK tiles only when a
tile loads.
"""

from collections import Counter

from django.conf import settings
from django.db import connection
from django.db.models import F

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


def map_context(
    queryset, region_counts: dict[str, int], highlight: str | None, query="", found=None
) -> dict:
    """The map of the filtered activities: counts per region, and one pin per town (with how
    many activities it has there), drawn on the stylised map and handed to Leaflet as data.
    A pin per activity made the page 240 KB at one edition; a town is what a visitor looks
    for on a national map, and its pin links to the list of that town's activities. `found`:
    what `regions_and_towns` gives, when known already (kept, see agenda/tallies.py)."""
    organisations, towns = found or regions_and_towns(without_ranking(queryset))
    figures = [
        RegionFigures(
            region=region,
            activities=region_counts.get(region.slug, 0),
            organisations=organisations.get(region.slug, 0),
        )
        for region in Region.objects.prefetch_related("provinces")
    ]
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


def regions_and_towns(rows) -> tuple[dict[str | None, int], list[dict]]:
    """Of the matching activities, in one pass: how many lead organisations each region has
    ({region slug: n}), and the towns with coordinates, the most activities first (at most
    PIN_LIMIT: {town, n, lat, lon}, the average of their coordinates)."""
    organisations: Counter = Counter()
    towns = []
    for by_town, region, organisation, town, _rows, n, lat, lon in _grouped(rows, "AVG"):
        if not by_town:
            if organisation is not None:
                organisations[region] += 1
        elif n:
            towns.append({"town": town, "n": n, "lat": lat, "lon": lon})
    return dict(organisations), first_towns(towns)


def first_towns(towns: list[dict]) -> list[dict]:
    """The towns with the most activities (at most PIN_LIMIT), then by name."""
    towns.sort(key=lambda found: (-found["n"], found["town"]))
    return towns[:PIN_LIMIT]


def organisers_and_town_sums(rows) -> tuple[dict[str, dict[str, int]], dict[str, list]]:
    """What `regions_and_towns` is made of, in parts that add up over editions and can be
    taken away again: the lead organisations of each stage with their numbers of activities
    ({stage id: {organisation id: n}}) and of each town with coordinates its number of
    activities and the sums of their coordinates ({town: [n, sum of latitudes, sum of
    longitudes]})."""
    organisations: dict[str, dict[str, int]] = {}
    towns = {}
    for by_town, stage, organisation, town, rows_n, n, lat, lon in _grouped(rows, "SUM", "stage"):
        if not by_town:
            if organisation is not None and stage is not None:  # no stage: no region
                organisations.setdefault(str(stage), {})[str(organisation)] = rows_n
        elif n:
            towns[town] = [n, lat, lon]
    return organisations, towns


def _grouped(rows, aggregate: str, region="stage__region__slug") -> list[tuple]:
    """(by town, region, organisation, town, rows, n, lat, lon) of the matching activities:
    grouped twice in one statement, by region and lead organisation (a pair per organisation
    that works in a region, with its number of rows), and by town (n, and `aggregate` of the
    coordinates, of those located). For a search they are read once instead of twice."""
    if rows.query.is_empty():  # a search without words: .none() has no SQL
        return []
    inner, params = (
        rows.order_by()
        .values(
            r=F(region),
            o=F("lead_organisation_id"),
            t=F("town"),
            la=F("latitude"),
            lo=F("longitude"),
        )
        .query.sql_with_params()
    )
    located = "la IS NOT NULL AND lo IS NOT NULL AND t <> ''"
    town_columns = (
        f"COUNT(*) FILTER (WHERE {located}), {aggregate}(la) FILTER (WHERE {located}),"
        f" {aggregate}(lo) FILTER (WHERE {located})"
    )
    if connection.vendor == "postgresql":
        sql = (
            f"SELECT 1 - GROUPING(t), r, o, t, COUNT(*), {town_columns} FROM ({inner}) m"
            " GROUP BY GROUPING SETS ((r, o), (t))"
        )
    else:  # no GROUPING SETS: the rows read once into a materialised table, grouped twice
        sql = (
            f"WITH m AS MATERIALIZED ({inner})"
            " SELECT 0, r, o, NULL, COUNT(*), NULL, NULL, NULL FROM m GROUP BY r, o UNION ALL"
            f" SELECT 1, NULL, NULL, t, COUNT(*), {town_columns} FROM m GROUP BY t"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


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
