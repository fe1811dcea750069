"""What the agenda shows of a whole edition, or of every edition at once, kept per edition
(EditionTally): its facet counts, and the organisers and towns of its map.

The agenda of one edition, or of every edition ("Alle edities"), with no filter but the
edition: its counts are the sums of each edition's, and each edition's are kept between
changes (counting every public activity of every edition cost 71 ms of the list's time at
100,000 activities, grouping them by town for the map as much again). A trigger raises an
edition's version in the transaction of every change to what they are made of (migration
0006). What is counted is kept with the version that was read before counting, and only while
no change came in between, so kept counts are used only while they are the current version's.
What changes without touching those columns of an activity is not kept but read when shown:
the places left (the has_places facet, counted through the index of open places) and what
the kept keys are called (a stage's region and week, a province's code, a vocabulary item's
slug, an organisation kind), so that renaming them needs no recount.
"""

import json
from collections import Counter
from collections.abc import Callable

from django.db import connection, transaction
from django.db.models.expressions import RawSQL

from estafette.activities.models import Activity, has_places_left
from estafette.activities.vocabulary_bits import KINDS, MAX_ID
from estafette.agenda import search
from estafette.agenda.facets import (
    FACETS,
    ChoicesFacet,
    Facet,
    VocabularyFacet,
    facet_counts,
    vocabulary_items,
)
from estafette.agenda.mapview import first_towns, organisers_and_town_sums
from estafette.agenda.models import EditionTally
from estafette.relay.models import Edition, Province, Stage

# The filter form's fields that are not filters: with only these (and the edition) given, the
# agenda shows an edition, or every edition, whole.
NOT_FILTERS = {"edition", "page", "sort", "radius_km"}
# A search is counted as all less what it leaves out only where it finds about this many or
# more, and more than half of what it looks in: counting fewer costs little (the 3,200 that
# 'dementie' finds in every edition at 100,000: 39 ms on PostgreSQL), and no kept counts are
# read for them.
BROAD_AT_LEAST = 10_000
VOCABULARIES = [facet for facet in FACETS if isinstance(facet, VocabularyFacet)]
# The facets as kept: by the keys in the activity row, named when read.
KEPT = [
    Facet("stage", "stage"),
    Facet("province", "province"),
    Facet("format", "format"),
    *VOCABULARIES,
    ChoicesFacet("kind", "organiser_kind_bits", tuple(str(bit) for bit in range(len(KINDS)))),
    *(facet for facet in FACETS if facet.name in ("interactive", "signup")),
]


def applies(cleaned) -> bool:
    """The agenda shows an edition, or every edition, without a filter."""
    return not any(value for name, value in cleaned.items() if name not in NOT_FILTERS)


def applies_to_search(cleaned) -> bool:
    """The agenda shows a search of an edition, or of every edition, and no other filter."""
    return bool(cleaned.get("q")) and not any(
        value for name, value in cleaned.items() if name not in NOT_FILTERS | {"q"}
    )


def edition_ids(cleaned, visible=None) -> list[int]:
    """The editions whose public activities the agenda shows: the one asked for, or all.
    `visible`: the editions shown to the public, when read already (the filter's options)."""
    if visible is None:
        visible = Edition.objects.visible()
    year = cleaned.get("edition")
    return sorted(edition.pk for edition in visible if not year or edition.year == year)


def _public(edition_id):
    return Activity.objects.published().filter(edition_id=edition_id)


class KeptCounts:
    """The kept counts of some editions, read once for a page: its facet counts and its map
    read the same rows (and the names of the same stages)."""

    def __init__(self, edition_ids):
        self.edition_ids = list(edition_ids)
        self._tallies: dict | None = None
        self._stages: dict | None = None
        # How many public activities these editions have, once `facet_counts` read them.
        self.total: int | None = None

    def part(self, part: str, count: Callable[[int], object]) -> list:
        """Each edition's `part` of its kept counts, counted by `count(edition id)` and kept
        where it is old or missing."""
        if self._tallies is None:
            rows = EditionTally.objects.filter(edition_id__in=self.edition_ids)
            self._tallies = {tally.edition_id: tally for tally in rows}
        found = []
        for edition_id in self.edition_ids:
            tally = self._tallies.get(edition_id)
            current = tally is not None and tally.counted == tally.version and tally.counts
            if current and part in tally.counts:
                found.append(tally.counts[part])
                continue
            value = count(edition_id)
            counts = {**tally.counts, part: value} if current else {part: value}
            self._tallies[edition_id] = _keep(edition_id, tally, counts)
            found.append(value)
        return found

    def stages(self) -> dict[str, tuple[str, int]]:
        """{stage id as kept: (its region's slug, its week)}, of every stage (a few per
        edition)."""
        if self._stages is None:
            every = Stage.objects.values_list("pk", "region__slug", "order")
            self._stages = {str(pk): (region, order) for pk, region, order in every}
        return self._stages

    def facet_counts(self, items: dict[str, dict[int, str]], provinces=None) -> dict | None:
        """{facet name: {value: number}} of the public activities of these editions, as
        `facet_counts` gives them, from the kept counts. `items` are the vocabularies' {id:
        slug}; `provinces` the provinces if read already. None where a vocabulary is too
        large to keep as bits (only a count through the links answers then)."""
        if any(max(items.get(facet.name, {}), default=0) > MAX_ID for facet in VOCABULARIES):
            return None
        by_id = {facet.name: {pk: str(pk) for pk in items[facet.name]} for facet in VOCABULARIES}
        raw = {facet.name: Counter() for facet in KEPT}
        for counts in self.part("facets", lambda pk: facet_counts(_public(pk), KEPT, items=by_id)):
            for name, counter in counts.items():
                raw[name].update(counter)
        named: dict[str, Counter] = {facet.name: Counter() for facet in FACETS}
        stages = self.stages()
        for pk, n in raw["stage"].items():
            if pk in stages:
                region, order = stages[pk]
                named["region"][region] += n
                named["week"][str(order)] += n
        codes = {p.pk: p.code for p in (Province.objects.all() if provinces is None else provinces)}
        for pk, n in raw["province"].items():
            if int(pk) in codes:
                named["province"][codes[int(pk)]] += n
        for facet in VOCABULARIES:
            slugs = items[facet.name]
            for pk, n in raw[facet.name].items():
                if int(pk) in slugs:
                    named[facet.name][slugs[int(pk)]] += n
        for bit, n in raw["kind"].items():
            named["kind"][KINDS[int(bit)]] += n
        for name in ("format", "interactive", "signup"):
            named[name].update(raw[name])
        # Places left change with every sign-up and with the clock: counted when shown,
        # through the index of the activities that may have them (activity_open_places_idx).
        total = sum(raw["format"].values())  # every activity has exactly one format
        self.total = total
        open_now = Activity.objects.published().filter(edition_id__in=self.edition_ids)
        open_now = open_now.filter(has_places_left()).count()
        named["has_places"].update({"true": open_now, "false": total - open_now})
        return {name: {v: n for v, n in counter.items() if n} for name, counter in named.items()}

    def regions_and_towns(self, left_out=None) -> tuple[dict[str, int], list[dict]] | None:
        """What `mapview.regions_and_towns` gives of the public activities of these editions,
        from the kept organisers and towns. `left_out`: what `organisers_and_town_sums` gives
        of activities to leave out (those a search does not find); None where one would go
        below 0 (a change between the two reads)."""
        kept = self.part("organisers_and_towns", lambda pk: organisers_and_town_sums(_public(pk)))
        # {stage: {organisation: n}}, every n above 0. A stage is of one edition: its numbers
        # are taken as kept, and copied only where what is left out takes from them (taking
        # every pair apart cost 30 ms of Python for every edition's map).
        organisers: dict[str, dict[str, int]] = {}
        for by_stage, _by_town in kept:
            for stage, numbers in by_stage.items():
                if stage in organisers:  # not of one edition after all: added up
                    numbers = dict(Counter(organisers[stage]) + Counter(numbers))
                organisers[stage] = numbers
        towns: dict[str, list] = {}
        signed = [(1, by_town) for _by_stage, by_town in kept]
        if left_out:
            out_stages, out_towns = left_out
            signed.append((-1, out_towns))
            for stage, numbers in out_stages.items():
                remaining = dict(organisers.get(stage, {}))
                for organisation, n in numbers.items():
                    left = remaining.get(organisation, 0) - n
                    if left < 0:
                        return None
                    if left:
                        remaining[organisation] = left
                    else:
                        del remaining[organisation]
                organisers[stage] = remaining
        for sign, by_town in signed:
            for town, (n, lat, lon) in by_town.items():
                sums = towns.setdefault(town, [0, 0.0, 0.0])
                sums[0] += sign * n
                sums[1] += sign * lat
                sums[2] += sign * lon
        if any(n < 0 for n, _lat, _lon in towns.values()):
            return None
        per_region: dict[str, set] = {}
        stages = self.stages()
        for stage, numbers in organisers.items():
            if stage in stages:
                per_region.setdefault(stages[stage][0], set()).update(numbers)
        located = [
            {"town": town, "n": n, "lat": lat / n, "lon": lon / n}
            for town, (n, lat, lon) in towns.items()
            if n
        ]
        regions = {region: len(ids) for region, ids in per_region.items() if ids}
        return regions, first_towns(located)


class WideSearch:
    """A search that finds most of the activities it looks in ('zorg' finds 95 % of them),
    counted as the kept counts of its editions less the counts of the activities it leaves
    out: the same condition negated (search.not_matching). Grouping the 79,000 matches of
    every edition at 100,000 cost 167 ms on PostgreSQL and 300 ms on SQLite for the facets,
    and as much again for the map; the 3,900 others, found and grouped, a third of that or
    less. It applies to a search with no other filter that finds about BROAD_AT_LEAST or
    more, and more than half of what it looks in; elsewhere its answers are None, and so
    where counts are not kept (a vocabulary too large) or a change came between the two
    reads (a count would go below 0): the matches are then counted as they are."""

    def __init__(self, cleaned, visible=None):
        self.cleaned = cleaned
        self.ids = edition_ids(cleaned, visible) if applies_to_search(cleaned) else []
        # The edition as filtered_activities asks for it, when one is.
        self.one = self.ids[0] if cleaned.get("edition") and self.ids else None
        self.kept: KeptCounts | None = None
        self._left_out: list[int] | None = None

    def left_out(self):
        """The activities the search leaves out."""
        return Activity.objects.filter(pk__in=self._left_out_ids())

    def found(self):
        """What the search finds, where `facet_counts` found it wide: the editions' public
        activities but those it leaves out. A week of the calendar reads them through the
        index of starts, not through the search again (one edition, 'zorg', PostgreSQL:
        45 → 26 ms; SQLite 47 → 16 ms). None where the search is not wide."""
        if self.kept is None:
            return None
        public = Activity.objects.published().filter(edition_id__in=self.ids)
        return public.exclude(pk__in=self._left_out_ids())

    def _left_out_ids(self) -> RawSQL:
        """The ids of what the search leaves out, read once for the facets, the map and the
        calendar (finding them is the costly part: PostgreSQL reads every search entry;
        grouping the rows of 3,900 ids costs a few ms), as one parameter however many they
        are (a list of them as parameters has a limit). PostgreSQL reads them from the
        search entries alone where every public activity has its entry (search.
        left_out_entries)."""
        if self._left_out is None and connection.vendor == "postgresql":
            assert self.kept is not None and self.kept.total is not None
            left_out, entries = search.left_out_entries(self.cleaned["q"], self.ids)
            if entries == self.kept.total:
                self._left_out = left_out
        if self._left_out is None:
            rows = search.not_matching(
                Activity.objects.published().filter(edition_id__in=self.ids),
                self.cleaned["q"],
                edition_id=self.one,
            )
            self._left_out = list(rows.order_by().values_list("pk", flat=True))
        if connection.vendor == "postgresql":
            # As the array's text: the driver's dumping of 3,900 ints took 7 ms a read, this 1.
            array = "{" + ",".join(map(str, self._left_out)) + "}"
            return RawSQL("SELECT unnest(%s::bigint[])", [array])
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(self._left_out)])

    def facet_counts(self, items: dict[str, dict[int, str]], provinces=None) -> dict | None:
        if not self.ids:
            return None
        about = search.matches_about(self.cleaned["q"], self.ids, edition_id=self.one)
        if about < BROAD_AT_LEAST:
            return None
        kept = KeptCounts(self.ids)
        every = kept.facet_counts(items, provinces)
        # Every activity has exactly one format: their sum is how many it looks in.
        if every is None or about * 2 <= sum(every["format"].values()):
            return None
        self.kept = kept
        return less(every, facet_counts(self.left_out(), items=items))

    def regions_and_towns(self) -> tuple[dict[str, int], list[dict]] | None:
        """The map's organisers and towns, where `facet_counts` found the search wide."""
        if self.kept is None:
            return None
        return self.kept.regions_and_towns(organisers_and_town_sums(self.left_out()))


def less(every: dict, left_out: dict) -> dict | None:
    """{facet: {value: n}} of `every` less `left_out`; None where one would go below 0."""
    found = {}
    for name, counts in every.items():
        out = left_out.get(name, {})
        if any(counts.get(value, 0) < n for value, n in out.items()):
            return None
        found[name] = {
            value: n - out.get(value, 0) for value, n in counts.items() if n > out.get(value, 0)
        }
    return found


def _keep(edition_id, tally: EditionTally | None, counts: dict) -> EditionTally | None:
    """Keep `counts` as those of the version read before counting them (`tally`'s), unless a
    change came in between: a version read after counting could be that of a change the count
    did not see. A change still open (its row locked) is not waited for: its commit makes
    these counts old anyway. Only an edition's very first counts, while the first change to
    it is open (the trigger's new row not yet committed), wait for that change: the insert
    waits to see whether the row is there. Returns the row as this page now knows it: kept
    where it was kept, else as it was read (a later part then keeps nothing either)."""
    with transaction.atomic():
        if tally is None:
            kept = EditionTally(edition_id=edition_id, counted=0, counts=counts)
            EditionTally.objects.bulk_create([kept], ignore_conflicts=True)
            # Lost to the trigger's row (a change came first): version 0 is no longer its
            # version, so a later part's keeping finds nothing to update.
            return kept
        same = EditionTally.objects.filter(edition_id=edition_id, version=tally.version)
        if connection.vendor == "postgresql":
            unlocked = same.select_for_update(skip_locked=True).values_list("pk", flat=True)
            same = EditionTally.objects.filter(pk__in=list(unlocked))
        if not same.update(counted=tally.version, counts=counts):
            return tally
        tally.counted, tally.counts = tally.version, counts
        return tally


def kept_facet_counts(edition_ids, items: dict[str, dict[int, str]], provinces=None) -> dict | None:
    """`KeptCounts.facet_counts` of these editions."""
    return KeptCounts(edition_ids).facet_counts(items, provinces)


def kept_regions_and_towns(edition_ids) -> tuple[dict[str, int], list[dict]] | None:
    """`KeptCounts.regions_and_towns` of these editions."""
    return KeptCounts(edition_ids).regions_and_towns()


def ensure_kept(ids=None) -> None:
    """Count and keep what is old of these shown editions, or of every one (after a bulk
    load, say), so that the next visitor of a whole edition does not wait for it."""
    kept = KeptCounts(edition_ids({}) if ids is None else ids)
    kept.facet_counts({facet.name: vocabulary_items(facet) for facet in VOCABULARIES})
    kept.regions_and_towns()


def count_again_after_change(sender, edition_id=None, **kwargs) -> None:
    """After a public change is committed (core.caching.public_changed): count again the
    kept counts it made old, of its edition or (None) of every shown edition, so that the
    one who made the change waits for the count (a coordinator approving: about 100 ms at
    100,000 activities, the facets and the map) and not the next visitor of the agenda. An edition whose counts are
    current costs two reads; many changes in one transaction count once."""
    shown = edition_ids({})
    ids = shown if edition_id is None else [pk for pk in shown if pk == edition_id]
    kept = {tally.edition_id: tally for tally in EditionTally.objects.filter(edition_id__in=ids)}
    old = [pk for pk in ids if pk not in kept or kept[pk].counted != kept[pk].version]
    if old:
        ensure_kept(old)
