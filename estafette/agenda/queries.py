"""Queries for the agenda: one filter function shared by pages, API and feeds."""

import datetime as dt
import math

from django.core.paginator import EmptyPage, Page, Paginator
from django.db import connection
from django.db.models import Count, F, Min, Q, Window
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan, LessThanOrEqual
from django.utils import timezone
from django.utils.translation import ngettext

from estafette.activities.models import Activity, has_places_left, may_have_places
from estafette.activities.vocabulary_bits import has_any_of, kind_bit
from estafette.agenda import places
from estafette.agenda.facets import (  # facet_counts: the agenda's one facet counter
    facet_counts,  # noqa: F401
)
from estafette.agenda.search import apply_search, title_first
from estafette.core.caching import page_shows_edition, page_shows_places
from estafette.core.dates import start_of_day
from estafette.organisations.models import Organisation
from estafette.relay.models import Edition, Stage


class PageOutOfRange(Exception):
    """A page past the last one; its message is for the visitor (translated)."""


def filtered_activities(cleaned_data):
    data = cleaned_data
    qs = (
        Activity.objects.published()
        .select_related("edition", "stage__region", "province__region", "lead_organisation")
        .prefetch_related("themes", "types", "audiences")
        .with_accepted_partners()
    )
    edition_id = None
    if data.get("edition"):
        edition_id = (
            Edition.objects.filter(year=data["edition"]).values_list("pk", flat=True).first()
        )
        page_shows_edition(edition_id)  # a cached page of it stays warm when others change
        qs = qs.filter(edition_id=edition_id)
    if data.get("region"):
        # The region's stages as ids: the listing index holds the stage, so no join is needed.
        qs = qs.filter(stage__in=Stage.objects.filter(region__slug=data["region"]))
    if data.get("week"):
        qs = qs.filter(stage__in=Stage.objects.filter(order=data["week"]))
    if data.get("province"):
        qs = qs.filter(province__code=data["province"])
    # Days are Dutch ones: from the start of "from" to the end of "to" in Amsterdam, compared
    # as moments. Asking each row for its local date (ends_at__date) made SQLite call a Python
    # function per row, every edition's: 980 ms for the home page's "near me this week".
    if data.get("from"):
        qs = qs.filter(ends_at__gte=start_of_day(data["from"]))
    if data.get("to"):
        qs = qs.filter(starts_at__lt=start_of_day(data["to"] + dt.timedelta(days=1)))
    # Vocabularies filter on the row's bits (vocabulary_bits.py): a link subquery made the
    # audience filter a hash of every edition's links (174 ms of facet counting at 100,000).
    for field, relation in (("theme", "themes"), ("type", "types"), ("audience", "audiences")):
        if data.get(field):
            qs = qs.filter(has_any_of(relation, data[field]))
    # Accessibility: every facility asked for (who needs a wheelchair and a hearing loop
    # needs both), so each is a condition of its own.
    for slug in data.get("accessibility") or []:
        qs = qs.filter(has_any_of("accessibility", [slug]))
    if data.get("format"):
        qs = qs.filter(format=data["format"])
    if data.get("interactive") in ("true", "false"):
        qs = qs.filter(is_interactive=data["interactive"] == "true")
    if data.get("signup"):
        qs = qs.filter(signup_mode=data["signup"])
    if data.get("has_places") == "true":
        now = timezone.now()
        qs = qs.filter(has_places_left(now))
        # None of them starts before the first that may have places: said, so that the page
        # in date order starts there, not at the oldest edition's first activity, reading
        # every ended one on the way (every edition at 100,000: 102 ms of its 170). The first
        # is the least of an expression, which the index of start times cannot answer: so
        # the index of open places is read (its rows that have not ended), not every start.
        first = Activity.objects.filter(may_have_places(now)).aggregate(
            first=Min(Coalesce("starts_at", "ends_at"))  # starts_at is never NULL
        )
        qs = qs.filter(starts_at__gte=first["first"]) if first["first"] else qs.none()
    if data.get("organisation"):
        qs = qs.organised_by(Organisation.objects.filter(slug=data["organisation"]))
    if data.get("kind"):
        # Any organiser of these kinds, the lead or a partner that accepted (the row's bits).
        mask = sum(kind_bit(kind) for kind in set(data["kind"]))
        qs = qs.filter(GreaterThan(F("organiser_kind_bits").bitand(mask), 0))
    qs = qs.order_by("starts_at", "pk")
    if data.get("q"):
        qs = apply_search(qs, data["q"], data.get("sort") or "", edition_id=edition_id)
    if data.get("near"):
        qs = _near(qs, data["near"], data.get("radius_km") or 25)  # a Place (see places.py)
    return qs


def _near(qs, place, radius_km):
    """The activities within `radius_km` of the place by distance_km, decided in SQL but for the
    few near the edge (places.flat_squared): listing the id of every match instead put
    thousands of ids in each of the page's queries (a town and 100 km: 395 ms cold at
    100,000 activities)."""
    if place.point is None:
        return qs.none()
    lat, lon = place.point
    dlat = radius_km / 111.0
    dlon = radius_km / (111.0 * max(math.cos(math.radians(lat)), 0.01))
    boxed = qs.filter(
        latitude__range=(lat - dlat, lat + dlat), longitude__range=(lon - dlon, lon + dlon)
    )
    if abs(lat) > places.FLAT_UP_TO:
        edge, inside = boxed, None
    else:
        squared = places.flat_squared(place.point)
        inner, outer = places.ring_bounds(radius_km)
        edge = boxed.filter(GreaterThan(squared, inner), LessThanOrEqual(squared, outer))
        inside = Q(LessThanOrEqual(squared, inner))
    ids = [
        pk
        for pk, alat, alon in edge.order_by().values_list("pk", "latitude", "longitude")
        if place.km_to(alat, alon) <= radius_km
    ]
    if inside is not None:
        return boxed.filter(inside | Q(pk__in=ids))
    # None near: .none(), which the facet counts know, not an empty IN () that has no SQL.
    return qs.filter(pk__in=ids) if ids else qs.none()


def with_distances(activities, place):
    """The activities, each with `distance_km` from the place asked for (None: unknown)."""
    for activity in activities:
        activity.distance_km = place.km_to(activity.latitude, activity.longitude) if place else None
    return activities


def counted_page(
    queryset,
    start: int,
    stop: int,
    *,
    one_scan: bool = False,
    total: int | None = None,
    shows_places: bool = False,
    editions: list[int] | None = None,
    ranked=None,
) -> tuple[list[Activity], int | None]:
    """Rows start..stop of the filtered agenda and the number of all matches (None when the
    page is empty). With `one_scan` (full-text searches, whose matching is the costly part)
    the ids and the count come from one query on PostgreSQL, COUNT(*) OVER (); not on SQLite,
    whose planner then looked each row's rank up by scanning all the ranks (116 s for 'zorg'
    over every edition at 100,000 activities), so it counts apart. A `total` known already
    (the facet counts add up to it) saves counting again. With `shows_places` the cached page
    depends on the places of its rows (see `_rows`). `editions`, `ranked`: see `page_ids`."""
    if total is not None:
        ids = page_ids(queryset, start, stop, editions, ranked)
        total = total if ids else None
    elif one_scan and connection.vendor == "postgresql":
        found = list(
            queryset.annotate(matches=Window(Count("*"))).values_list("pk", "matches")[start:stop]
        )
        ids, total = [pk for pk, _ in found], (found[0][1] if found else None)
    else:
        ids = page_ids(queryset, start, stop, editions, ranked)
        if not ids:
            total = None
        elif start == 0 and len(ids) < stop - start:
            total = len(ids)
        else:
            total = queryset.count()
    return _rows(queryset, ids, shows_places=shows_places), total


def page_ids(
    queryset, start: int, stop: int, editions: list[int] | None = None, ranked=None
) -> list[int]:
    """The ids of rows start..stop of the filtered agenda. With `ranked` (a search with no
    other filter, on PostgreSQL) they are read from the ids it ranks from the search entries
    alone (search.ranked_entries), not from the activities joined to their entries; any other
    search by relevance is read title first as well (search.title_first). With `editions`
    (the agenda of all these editions, in date order) each edition's public rows of each
    status are read in date order from the listing index (edition, status, start) up to the
    page's last one, and the runs are merged: the index starts with the edition, so one date
    order over every edition read all their rows and sorted them (a region, a theme and a
    format over every edition at 100,000 activities: 42 ms; merged: a few)."""
    if ranked is None:
        ranked = title_first(queryset)
    if ranked is not None:
        return list(ranked[start:stop])
    if editions is None:
        return list(queryset.values_list("pk", flat=True)[start:stop])
    if queryset.query.is_empty():  # .none() (nothing near a place) has no SQL
        return []
    runs: list[str] = []
    params: list = []
    for edition_id in editions:
        for status in Activity.PUBLIC_STATUSES:
            run = queryset.filter(edition_id=edition_id, status=status).order_by("starts_at", "pk")
            sql, run_params = run.values(s=F("starts_at"), i=F("pk"))[:stop].query.sql_with_params()
            runs.append(f"SELECT * FROM ({sql}) r{len(runs)}")
            params += run_params
    if not runs:
        return []
    merged = " UNION ALL ".join(runs)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT i FROM ({merged}) m ORDER BY s, i LIMIT {stop - start} OFFSET {start}", params
        )
        return [pk for (pk,) in cursor.fetchall()]


def page_rows(queryset, start: int, stop: int) -> list[Activity]:
    """Rows start..stop of the filtered agenda, without counting the rest."""
    return _rows(queryset, list(queryset.values_list("pk", flat=True)[start:stop]))


def _rows(queryset, ids: list[int], *, shows_places: bool = False) -> list[Activity]:
    """These activities with their relations, in the order of `ids`. Fetching the page's ids
    first and then its rows sorts narrow rows only: a sort of every matching row with all its
    joins cost 160 ms at 100,000 activities; this costs a few. With `shows_places` the page
    remembers their places versions between the two (before their places are read), so a
    sign-up refreshes the pages that show its activity and no others. A search's ranking is
    left out here: the ids are in its order already, and ranking them again made SQLite rank
    every activity that holds the word (382 ms for 'zorg' at 100,000). The rows are asked for
    by id, and as public ones, with the related rows the queryset loads, not through its
    filters again: they found the ids a moment ago, and a search asked again read all its
    matches again (SQLite, 'zorg' over every edition: 55 ms)."""
    if not ids:
        return []
    if shows_places:
        page_shows_places(ids)
    # Unordered: they are put in the ids' order here (the model's ordering cost 2 ms a page).
    found = Activity.objects.published().filter(pk__in=ids).order_by()
    found.query.select_related = queryset.query.select_related
    found = found.prefetch_related(*queryset._prefetch_related_lookups)
    rows = {row.pk: row for row in found}
    return [rows[pk] for pk in ids if pk in rows]


class AgendaPaginator(Paginator):
    """Gets the page and the count the cheap way (see counted_page)."""

    def __init__(
        self,
        *args,
        one_scan: bool = False,
        total: int | None = None,
        shows_places: bool = False,
        editions: list[int] | None = None,
        ranked=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.one_scan = one_scan
        self.total = total
        self.shows_places = shows_places
        self.editions = editions
        self.ranked = ranked

    def page(self, number):
        try:
            wanted = max(int(number), 1)
        except (TypeError, ValueError):
            wanted = 1
        bottom = (wanted - 1) * self.per_page
        rows, total = counted_page(
            self.object_list,
            bottom,
            bottom + self.per_page,
            one_scan=self.one_scan,
            total=self.total,
            shows_places=self.shows_places,
            editions=self.editions,
            ranked=self.ranked,
        )
        if total is None:
            total = self.total
        if total is not None:
            self.__dict__["count"] = total  # Paginator.count is a cached_property
        return Page(rows, self.validate_number(number), self)


def paginate(
    queryset,
    page=1,
    per_page=20,
    *,
    one_scan=False,
    total=None,
    shows_places=False,
    editions=None,
    ranked=None,
):
    paginator = AgendaPaginator(
        queryset,
        per_page,
        one_scan=one_scan,
        total=total,
        shows_places=shows_places,
        editions=editions,
        ranked=ranked,
    )
    try:
        return paginator.page(page)
    except EmptyPage as error:
        raise PageOutOfRange(
            ngettext(
                "Pagina %(page)s bestaat niet; er is %(pages)s pagina.",
                "Pagina %(page)s bestaat niet; er zijn %(pages)s pagina's.",
                paginator.num_pages,
            )
            % {"page": page, "pages": paginator.num_pages}
        ) from error
