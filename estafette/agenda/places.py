"""Where a visitor is, for "near": a postcode or a town name → a point and a name to show.

One function for every box that asks (the agenda's filter, the API's `near`, the home page).
A postcode is placed at the activities known in its PC4 (else PC2) area; a town name at the
centre written down in estafette.relay.towns, else at the average of the published activities
in that town. Nothing is asked of an outside service.
"""

import difflib
import functools
import math
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Avg, F, FloatField, Value
from django.db.models.expressions import CombinedExpression
from django.utils.translation import gettext as _

from estafette.activities.models import Activity
from estafette.core.caching import public_version
from estafette.relay.postcodes import InvalidPostcode, parse_postcode
from estafette.relay.towns import ALIASES, TOWNS


class UnknownPlace(ValueError):
    """Neither a postcode nor a town we know; the message is for the visitor (translated)."""


@dataclass(frozen=True)
class Place:
    name: str  # as shown: "Sneek", "7511 AB"
    point: tuple[float, float] | None  # None: a valid postcode with nothing known nearby

    def __str__(self):
        return self.name

    def km_to(self, latitude, longitude) -> float | None:
        """Distance along the earth's surface (haversine), or None without coordinates."""
        if self.point is None or latitude is None or longitude is None:
            return None
        return distance_km(self.point, (latitude, longitude))


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


# "Within r km" in SQL is arithmetic only: no trigonometry per row (SQLite would call a Python
# function for each of thousands). A row's distance is taken on a plane laid at the midpoint
# latitude, whose cosine is a Taylor polynomial around the place's; against distance_km (the
# haversine every card shows) that is off by at most 0.03 % in the Netherlands and 0.07 % up
# to 300 km anywhere below 70° latitude. Rows within RING of the radius are measured again with
# distance_km, so what is kept is exactly "distance_km <= radius". Beyond FLAT_UP_TO the places
# are all measured in Python.
RING = 0.002
FLAT_UP_TO = 70.0
KM_PER_DEGREE = math.pi / 180 * 6371


def flat_squared(point: tuple[float, float]) -> CombinedExpression:
    """A row's distance from `point` on the plane, squared, in degrees of latitude squared."""
    lat, lon = point
    cos0, sin0 = math.cos(math.radians(lat)), math.sin(math.radians(lat))
    north = F("latitude") - Value(lat)
    east = F("longitude") - Value(lon)
    half = north * Value(math.pi / 360)  # half the difference in latitude, in radians
    cos_mid = Value(cos0) - Value(sin0) * half - Value(cos0 / 2) * half * half
    return CombinedExpression(
        north * north, "+", cos_mid * cos_mid * east * east, output_field=FloatField()
    )


def ring_bounds(radius_km: float) -> tuple[float, float]:
    """Squared plane distances below the first are within the radius for sure, above the second
    outside it; in between distance_km decides."""
    degrees = radius_km / KM_PER_DEGREE
    return (degrees * (1 - RING)) ** 2, (degrees * (1 + RING)) ** 2


def locate(raw: str) -> Place:
    """'8601 AB', '8601' or 'Sneek' (any case, accents, the Frisian name) → Place; anything
    else raises UnknownPlace with a Dutch message that suggests a town when one is close."""
    text = " ".join((raw or "").split())
    if any(char.isdigit() for char in text):
        try:
            postcode = parse_postcode(text)
        except InvalidPostcode as error:
            raise UnknownPlace(str(error)) from error
        return Place(str(postcode), approximate_point(postcode))
    key = _key(text)
    # The written-down towns win over the activities' own (see _towns) and need no query.
    towns = _written_down()
    if key not in towns:
        towns = _known_towns()
    if key in towns:
        name, point = towns[key]
        return Place(name, point)
    close = difflib.get_close_matches(key, list(towns), n=1, cutoff=0.75)
    if close:
        message = _(
            "De plaats ‘%(place)s’ kennen we niet. Bedoelt u %(suggestion)s? Of vul een postcode in, bijvoorbeeld 1012 AB."
        ) % {"place": text, "suggestion": towns[close[0]][0]}
    else:
        message = _(
            "De plaats ‘%(place)s’ kennen we niet. Vul een postcode in, bijvoorbeeld 1012 AB, of de naam van een stad of dorp."
        ) % {"place": text}
    raise UnknownPlace(message)


def approximate_point(postcode):
    """Approximate coordinates of a postcode: the centroid of known activities in the same
    PC4 area, else the same PC2 area; None when the database knows nothing nearby.
    (No postcode geodata offline: this is an approximation, good to a few km.)"""

    located = Activity.objects.filter(latitude__isnull=False, longitude__isnull=False)
    for prefix in (f"{postcode.digits:04d}", f"{postcode.digits:04d}"[:2]):
        # A range the postcode index answers ("3511" <= p < "3512"), whatever the collation
        # makes of LIKE; a scan of every activity cost 33 ms at 100,000.
        area = located.filter(postcode__gte=prefix, postcode__startswith=prefix)
        if prefix.strip("9"):
            area = area.filter(postcode__lt=f"{int(prefix) + 1:0{len(prefix)}d}")
        point = area.aggregate(lat=Avg("latitude"), lon=Avg("longitude"))
        if point["lat"] is not None:
            return point["lat"], point["lon"]
    return None


def _key(name: str) -> str:
    from estafette.agenda.search import words

    return " ".join(words(name))


def _known_towns() -> dict[str, tuple[str, tuple[float, float]]]:
    """Normalised name → (name as written, point): the written-down towns and their other
    names first, then the towns of published activities with coordinates (one aggregate,
    cached until the published agenda changes)."""
    return cache.get_or_set(f"near-towns:{public_version()}", _towns, timeout=3600)


def _towns():
    known = {}
    for name, lat, lon in (
        Activity.objects.published()
        .exclude(town="")
        .filter(latitude__isnull=False, longitude__isnull=False)
        .order_by()
        .values_list("town")
        .annotate(lat=Avg("latitude"), lon=Avg("longitude"))
    ):
        known[_key(name)] = (name, (lat, lon))
    return known | _written_down()


@functools.cache
def _written_down() -> dict[str, tuple[str, tuple[float, float]]]:
    """The towns of estafette.relay.towns and their other names."""
    known = {_key(name): (name, point) for name, point in TOWNS.items()}
    known.update({_key(alias): (name, TOWNS[name]) for alias, name in ALIASES.items()})
    return known
