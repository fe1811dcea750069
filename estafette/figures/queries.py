"""The numbers of an edition: per region, relay week and day, and the editions side by side.

Counting rules, the same on the page, in the API and in the exports:
- an activity counts once it is published; a cancelled one (it was published) counts only as
  "cancelled", never in the other figures; drafts, submitted, rejected ones never count;
- organisations taking part: lead organisations and partners that accepted, of published
  activities, each counted once per group;
- with partners: at least one partner accepted; cross-sector: at least one of those partners is
  of another kind than the lead organisation (a library with a care provider);
- cross-sector partnerships per pair of kinds: for each pair of organisation kinds (either way
  round), the activities whose lead is of one kind with an accepted partner of the other; an
  activity counts once per pair, however many partners of that kind it has;
- interactive: at least one interactive element;
- sign-ups: sign-ups holding places (confirmed or awaiting the e-mail confirmation), apart from the
  waiting list; places taken: the activities' taken places;
- reported participants: what organisers reported afterwards (results.Result), care
  professionals and citizens apart; hidden results do not count.

Every breakdown comes from a handful of grouped queries over the edition, so the page stays fast
with 100,000 activities.
"""

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import TruncDate
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from estafette.activities.models import Activity, ActivityType, Theme
from estafette.activities.queries import moderation_age
from estafette.core.dates import AMSTERDAM, local_date, local_today
from estafette.figures import summary
from estafette.organisations.models import Organisation
from estafette.partners.models import Partner
from estafette.relay.models import Edition, Region
from estafette.results.models import Result
from estafette.signups.models import Signup

PUBLISHED = Activity.Status.PUBLISHED
CANCELLED = Activity.Status.CANCELLED
NATIONAL = "landelijk"  # the key of national activities (no region) in every breakdown


@dataclass
class Tally:
    """The additive figures of one group (a region, a week, a day, the whole edition)."""

    activities: int = 0
    cancelled: int = 0
    with_partners: int = 0
    cross_sector: int = 0
    interactive: int = 0
    places_taken: int = 0
    signups: int = 0
    waiting_list: int = 0
    organisations: int = 0
    reported: int = 0
    participants: int = 0
    professionals: int = 0
    citizens: int = 0
    formats: Counter = field(default_factory=Counter)

    def add(self, other: "Tally") -> None:
        for name in (*summary.MEASURES, "cancelled"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.formats.update(other.formats)

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def share_with_partners(self) -> float | None:
        """Percentage of the published activities organised with partners."""
        return self._share(self.with_partners, self.activities)

    @property
    def share_cross_sector(self) -> float | None:
        return self._share(self.cross_sector, self.activities)

    @property
    def share_interactive(self) -> float | None:
        return self._share(self.interactive, self.activities)


@dataclass
class Group:
    """One row of a breakdown: a key (region slug, ISO date, week number), its label and tally."""

    key: str
    label: str
    tally: Tally
    region: Region | None = None
    first_day: dt.date | None = None
    last_day: dt.date | None = None


@dataclass
class Share:
    """One bar of a distribution: a label and a count (themes, types, kinds, formats)."""

    key: str
    label: str
    count: int


@dataclass
class EditionFigures:
    edition: Edition
    total: Tally
    regions: list[Group]
    weeks: list[Group]
    days: list[Group]
    themes: list[Share]
    types: list[Share]
    organisation_kinds: list[Share]
    formats: list[Share]
    # Per region slug: the distributions of that region alone.
    region_themes: dict[str, list[Share]]
    region_types: dict[str, list[Share]]
    region_kinds: dict[str, list[Share]]
    # Cross-sector partnerships: activities per pair of organisation kinds (lead and partner).
    partnerships: list[Share] = field(default_factory=list)


def _region_key(region_id, regions_by_id) -> str:
    return regions_by_id[region_id].slug if region_id else NATIONAL


def _flag(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


def _accepted_partners():
    return Partner.objects.accepted()


def _day(path: str = "starts_at") -> TruncDate:
    """The Amsterdam calendar day an activity starts on."""
    return TruncDate(path, tzinfo=AMSTERDAM)


def activity_rows(activities, *, detail: bool = True):
    """Published and cancelled activities grouped by everything the breakdowns need, counted;
    without `detail` only per edition (not per region and day).

    The three questions about relations are `id IN (subquery)`: PostgreSQL answers them with one
    hashed subplan each instead of a lookup per activity.
    """
    counted = activities.filter(status__in=Activity.PUBLIC_STATUSES)
    # Only the counted activities' relations go into each hash (not every edition's).
    partners = _accepted_partners().filter(activity__in=counted.values("pk"))
    cross = partners.exclude(organisation__kind=F("activity__lead_organisation__kind"))
    interactive = Activity.interactive_elements.through.objects.filter(
        activity__in=counted.values("pk")
    )
    return (
        counted.annotate(
            **({"day": _day()} if detail else {}),
            has_partners=_flag(Q(pk__in=partners.values("activity_id"))),
            is_cross_sector=_flag(Q(pk__in=cross.values("activity_id"))),
            has_interactive=_flag(Q(pk__in=interactive.values("activity_id"))),
        )
        .values(
            "edition_id",
            *(["stage__region_id", "day"] if detail else []),
            "status",
            "format",
            "has_partners",
            "is_cross_sector",
            "has_interactive",
        )
        .annotate(n=Count("id"), places=Sum("places_taken"))
        .order_by()
    )


def _tally_of(row) -> Tally:
    tally = Tally()
    if row["status"] == CANCELLED:
        tally.cancelled = row["n"]
        return tally
    tally.activities = row["n"]
    tally.with_partners = row["n"] if row["has_partners"] else 0
    tally.cross_sector = row["n"] if row["is_cross_sector"] else 0
    tally.interactive = row["n"] if row["has_interactive"] else 0
    tally.places_taken = row["places"] or 0
    tally.formats[row["format"]] = row["n"]
    return tally


def signup_rows(activities, *, detail: bool = True):
    """Sign-ups of published activities, grouped like the activities, each row with its tally."""
    rows = (
        Signup.objects.filter(activity__in=activities.filter(status=PUBLISHED))
        .filter(status__in=[Signup.Status.PENDING, Signup.Status.CONFIRMED, Signup.Status.WAITING])
        .annotate(**({"day": _day("activity__starts_at")} if detail else {}))
        .values(
            "activity__edition_id",
            *(["activity__stage__region_id", "day"] if detail else []),
            "status",
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        tally = Tally()
        if row["status"] == Signup.Status.WAITING:
            tally.waiting_list = row["n"]
        else:
            tally.signups = row["n"]
        yield row, tally


def result_rows(activities, *, detail: bool = True):
    """Reported participants of published activities (public results), grouped like the
    activities, each row with its tally."""
    rows = (
        Result.objects.public()
        .filter(activity__in=activities.filter(status=PUBLISHED))
        .annotate(**({"day": _day("activity__starts_at")} if detail else {}))
        .values(
            "activity__edition_id",
            *(["activity__stage__region_id", "day"] if detail else []),
        )
        .annotate(
            n=Count("id"),
            people=Sum("participants"),
            pros=Sum("professionals"),
            lay=Sum("citizens"),
        )
        .order_by()
    )
    for row in rows:
        tally = Tally(
            reported=row["n"],
            participants=row["people"] or 0,
            professionals=row["pros"] or 0,
            citizens=row["lay"] or 0,
        )
        yield row, tally


def organiser_rows(activities, *, detail: bool = True) -> set[tuple]:
    """(organisation id, kind, edition id[, region id, day]) of each organisation taking part in
    published activities, without repeats, leads and accepted partners together."""
    published = activities.filter(status=PUBLISHED)
    leads = published.annotate(**({"day": _day()} if detail else {})).values_list(
        "lead_organisation_id",
        "lead_organisation__kind",
        "edition_id",
        *(["stage__region_id", "day"] if detail else []),
    )
    partners = (
        _accepted_partners()
        .filter(activity__in=published)
        .annotate(**({"day": _day("activity__starts_at")} if detail else {}))
        .values_list(
            "organisation_id",
            "organisation__kind",
            "activity__edition_id",
            *(["activity__stage__region_id", "day"] if detail else []),
        )
    )
    return set(leads.order_by().distinct()) | set(partners.order_by().distinct())


def kind_pair(one: str, other: str) -> str:
    """The key of a pair of organisation kinds, the same either way round: "library+care_provider"
    (in the kinds' own order)."""
    order = list(Organisation.Kind.values)
    first, second = sorted(
        (one, other), key=lambda kind: order.index(kind) if kind in order else 99
    )
    return f"{first}+{second}"


def partnership_shares(counts: Counter) -> list[Share]:
    """The pairs of kinds that worked together, most partnerships first (then in the kinds' order),
    labelled "Bibliotheek en zorgaanbieder"."""
    labels = {kind: str(label) for kind, label in Organisation.Kind.choices}
    order = list(Organisation.Kind.values)
    joined = _("%(first)s en %(second)s")

    def label(key: str) -> str:
        first, second = key.split("+")
        return joined % {
            "first": labels.get(first, first),
            "second": labels.get(second, second).lower(),
        }

    def position(key: str):
        return [order.index(k) if k in order else 99 for k in key.split("+")]

    pairs = sorted((k for k, n in counts.items() if n), key=lambda k: (-counts[k], position(k)))
    return [Share(key=key, label=str(label(key)), count=counts[key]) for key in pairs]


def partnership_rows(activities) -> set[tuple[int, str]]:
    """(activity id, pair of kinds) of each cross-sector partnership of the published activities,
    once per activity and pair."""
    rows = (
        _accepted_partners()
        .filter(activity__in=activities.filter(status=PUBLISHED))
        .exclude(organisation__kind=F("activity__lead_organisation__kind"))
        .values_list("activity_id", "activity__lead_organisation__kind", "organisation__kind")
        .order_by()
        .distinct()
    )
    return {(activity, kind_pair(lead, partner)) for activity, lead, partner in rows}


def _vocabulary_rows(through, column: str, activities):
    return (
        through.objects.filter(activity__in=activities.filter(status=PUBLISHED))
        .values(column, "activity__stage__region_id")
        .annotate(n=Count("id"))
        .order_by()
    )


def _shares(counter: Counter, labels: Mapping[str, str | Promise], order: list[str]) -> list[Share]:
    """Bars in the vocabulary's own order; items nobody used still show, with 0."""
    return [Share(key=key, label=str(labels[key]), count=counter.get(key, 0)) for key in order]


def edition_weeks(edition: Edition, stages) -> list[tuple[int, dt.date, dt.date, str]]:
    """The relay's weeks: (number, Monday-or-first day, Sunday-or-last day, label), Monday-based
    calendar weeks from the edition's first day to its last, named after the regions on turn."""
    weeks = []
    first = edition.starts_on
    number = 1
    while first <= edition.ends_on:
        last = min(first + dt.timedelta(days=6 - first.weekday()), edition.ends_on)
        on_turn = [s.region.name for s in stages if s.starts_on <= last and first <= s.ends_on]
        if on_turn:
            label = _("Week %(n)s: regio %(regions)s") % {
                "n": number,
                "regions": ", ".join(on_turn),
            }
        else:
            label = _("Week %(n)s") % {"n": number}
        weeks.append((number, first, last, str(label)))
        first = last + dt.timedelta(days=1)
        number += 1
    return weeks


def _week_of_day(weeks) -> dict[dt.date, int]:
    week_of_day = {}
    for number, first, last, _label in weeks:
        day = first
        while day <= last:
            week_of_day[day] = number
            day += dt.timedelta(days=1)
    return week_of_day


@dataclass
class Counted:
    """An edition's numbers before they are put in order: per region slug, day, week; the
    distributions by slug or kind; either counted from scratch or read from the kept numbers."""

    total: Tally
    by_region: dict[str, Tally]
    by_day: dict[dt.date, Tally]
    by_week: dict[int, Tally]
    themes: Counter  # theme slug: activities
    types: Counter
    region_themes: dict[str, Counter]  # region slug: theme slug: activities
    region_types: dict[str, Counter]
    kinds: Counter  # organisation kind: organisations
    region_kinds: dict[str, Counter]  # region slug: kind: organisations
    partnerships: Counter  # "kind+kind": activities


def counted_edition_figures(edition: Edition) -> EditionFigures:
    """Every figure of one edition counted from scratch, in a handful of grouped queries: the
    plain count, which the kept numbers (`edition_figures`) must always equal."""
    regions = list(Region.objects.prefetch_related("provinces"))
    regions_by_id = {region.id: region for region in regions}
    stages = list(edition.stages.select_related("region").order_by("starts_on"))
    activities = Activity.objects.filter(edition=edition)

    by_region: dict[str, Tally] = defaultdict(Tally)
    by_day: dict[dt.date, Tally] = defaultdict(Tally)
    total = Tally()
    for row in activity_rows(activities):
        tally = _tally_of(row)
        by_region[_region_key(row["stage__region_id"], regions_by_id)].add(tally)
        by_day[row["day"]].add(tally)
        total.add(tally)
    for row, tally in chain(signup_rows(activities), result_rows(activities)):
        by_region[_region_key(row["activity__stage__region_id"], regions_by_id)].add(tally)
        by_day[row["day"]].add(tally)
        total.add(tally)

    weeks = edition_weeks(edition, stages)
    week_of_day = _week_of_day(weeks)
    by_week: dict[int, Tally] = defaultdict(Tally)
    for day, tally in by_day.items():
        by_week[week_of_day.get(day, 0)].add(tally)

    # Organisations: distinct per group, so counted from the pairs, never added up.
    organisers = organiser_rows(activities)
    org_sets: dict[tuple[object, ...], set[int]] = defaultdict(set)
    kind_of: dict[int, str] = {}
    for org_id, kind, _edition_id, region_id, day in organisers:
        kind_of[org_id] = kind
        region = _region_key(region_id, regions_by_id)
        keys: tuple[tuple[object, ...], ...] = (
            ("region", region),
            ("day", day),
            ("week", week_of_day.get(day, 0)),
            ("all",),
        )
        for org_key in keys:
            org_sets[org_key].add(org_id)
        org_sets[("region-kind", region, kind)].add(org_id)
    total.organisations = len(org_sets[("all",)])
    for region_key, tally in by_region.items():
        tally.organisations = len(org_sets[("region", region_key)])
    for day_key, tally in by_day.items():
        tally.organisations = len(org_sets[("day", day_key)])
    for week_key, tally in by_week.items():
        tally.organisations = len(org_sets[("week", week_key)])

    vocabularies = {}
    for name, through, column, model in (
        ("themes", Activity.themes.through, "theme_id", Theme),
        ("types", Activity.types.through, "activitytype_id", ActivityType),
    ):
        slugs = dict(model.objects.values_list("pk", "slug"))
        per_region: dict[str, Counter] = defaultdict(Counter)
        overall: Counter = Counter()
        for row in _vocabulary_rows(through, column, activities):
            slug = slugs[row[column]]
            overall[slug] += row["n"]
            region = _region_key(row["activity__stage__region_id"], regions_by_id)
            per_region[region][slug] += row["n"]
        vocabularies[name] = (overall, per_region)

    region_kinds: dict[str, Counter] = defaultdict(Counter)
    for key, orgs in org_sets.items():
        if key[0] == "region-kind":
            region_kinds[str(key[1])][str(key[2])] = len(orgs)
    counted = Counted(
        total=total,
        by_region=by_region,
        by_day=by_day,
        by_week=by_week,
        themes=vocabularies["themes"][0],
        types=vocabularies["types"][0],
        region_themes=vocabularies["themes"][1],
        region_types=vocabularies["types"][1],
        kinds=Counter(kind_of.values()),
        region_kinds=region_kinds,
        partnerships=Counter(pair for _activity, pair in partnership_rows(activities)),
    )
    return _in_order(edition, regions, stages, weeks, counted)


def _tally_kept(measures: dict[str, int]) -> Tally:
    tally = Tally(organisations=measures.get(summary.ORGANISATIONS, 0))
    for name in (*summary.MEASURES, "cancelled"):
        setattr(tally, name, measures.get(name, 0))
    tally.formats = Counter(
        {m.removeprefix("format:"): n for m, n in measures.items() if m.startswith("format:")}
    )
    return tally


def _distribution(measures: dict[str, int], prefix: str, names: dict) -> Counter:
    return Counter(
        {
            names[int(m.removeprefix(prefix))]: n
            for m, n in measures.items()
            if m.startswith(prefix) and int(m.removeprefix(prefix)) in names
        }
    )


def edition_figures(edition: Edition) -> EditionFigures:
    """Every figure of one edition, from the numbers kept as activities change (summary.py):
    a few hundred rows, whatever the number of activities. Equal to `counted_edition_figures`."""
    summary.ensure_counted([edition])
    return _kept_figures(edition, summary.counts_of([edition]).get(edition.pk, {}))


def region_tallies(edition: Edition, regions) -> dict[int | None, Tally]:
    """Each region's kept figures of one edition (region id: Tally) and the whole edition's
    (None: Tally), cancelled activities apart: what the map, the home page, the region and the
    edition pages show, read in three small queries."""
    summary.ensure_counted([edition])
    groups: dict[str, int | None] = {
        summary.region_group(region.pk): region.pk for region in regions
    }
    groups[summary.ALL] = None
    numbers = summary.counts_of([edition], groups=list(groups)).get(edition.pk, {})
    return {pk: _tally_kept(numbers.get(group, {})) for group, pk in groups.items()}


def _kept_figures(edition: Edition, numbers: dict[str, dict[str, int]]) -> EditionFigures:
    regions = list(Region.objects.prefetch_related("provinces"))
    slug_of = {summary.region_group(region.id): region.slug for region in regions}
    slug_of[summary.region_group(None)] = NATIONAL
    stages = list(edition.stages.select_related("region").order_by("starts_on"))
    weeks = edition_weeks(edition, stages)
    themes, types = list(Theme.objects.all()), list(ActivityType.objects.all())
    vocabularies: dict = {"themes": themes, "types": types}
    theme_slugs = {item.pk: item.slug for item in themes}
    type_slugs = {item.pk: item.slug for item in types}

    by_region: dict[str, Tally] = {}
    by_day: dict[dt.date, Tally] = {}
    by_week: dict[int, Tally] = {}
    region_themes: dict[str, Counter] = {}
    region_types: dict[str, Counter] = {}
    region_kinds: dict[str, Counter] = defaultdict(Counter)
    kinds: Counter = Counter()
    for group, measures in numbers.items():
        kind, _sep, key = group.partition(":")
        if kind == "region":
            slug = slug_of.get(group, NATIONAL)
            by_region[slug] = _tally_kept(measures)
            region_themes[slug] = _distribution(measures, "theme:", theme_slugs)
            region_types[slug] = _distribution(measures, "type:", type_slugs)
        elif kind == "day":
            by_day[dt.date.fromisoformat(key)] = _tally_kept(measures)
        elif kind == "week":
            by_week[int(key)] = _tally_kept(measures)
        elif kind == "kind":
            kinds[key] = measures.get(summary.ORGANISATIONS, 0)
        elif kind == "region-kind":
            region_id, _sep, org_kind = key.partition(":")
            slug = slug_of.get(summary.region_group(int(region_id)), NATIONAL)
            region_kinds[slug][org_kind] = measures.get(summary.ORGANISATIONS, 0)
    everything = numbers.get(summary.ALL, {})
    counted = Counted(
        total=_tally_kept(everything),
        by_region=by_region,
        by_day=by_day,
        by_week=by_week,
        themes=_distribution(everything, "theme:", theme_slugs),
        types=_distribution(everything, "type:", type_slugs),
        region_themes={slug: c for slug, c in region_themes.items() if c},
        region_types={slug: c for slug, c in region_types.items() if c},
        kinds=kinds,
        region_kinds=region_kinds,
        partnerships=Counter(
            {m.removeprefix("pair:"): n for m, n in everything.items() if m.startswith("pair:")}
        ),
    )
    return _in_order(edition, regions, stages, weeks, counted, vocabularies)


def _in_order(
    edition, regions, stages, weeks, counted: Counted, vocabularies: dict | None = None
) -> EditionFigures:
    """The numbers as the page shows them: every region (and national), week and day of the
    edition, in order, with 0 where nothing happened; the distributions in their vocabulary's
    order."""
    region_groups = [
        Group(
            key=region.slug,
            label=region.name,
            tally=counted.by_region.get(region.slug, Tally()),
            region=region,
            first_day=next((s.starts_on for s in stages if s.region_id == region.id), None),
            last_day=next((s.ends_on for s in stages if s.region_id == region.id), None),
        )
        for region in regions
    ]
    region_groups.append(
        Group(
            key=NATIONAL, label=str(_("Landelijk")), tally=counted.by_region.get(NATIONAL, Tally())
        )
    )
    week_groups = [
        Group(
            key=str(number),
            label=label,
            tally=counted.by_week.get(number, Tally()),
            first_day=first,
            last_day=last,
        )
        for number, first, last, label in weeks
    ]
    days = sorted(
        set(counted.by_day)
        | {edition.starts_on + dt.timedelta(days=n) for n in range(_length(edition))}
    )
    day_groups = [
        Group(
            key=day.isoformat(),
            label=day.isoformat(),
            tally=counted.by_day.get(day, Tally()),
            first_day=day,
        )
        for day in days
    ]

    vocabularies = vocabularies or {
        "themes": list(Theme.objects.all()),
        "types": list(ActivityType.objects.all()),
    }
    for name, overall, per_region in (
        ("themes", counted.themes, counted.region_themes),
        ("types", counted.types, counted.region_types),
    ):
        items = vocabularies[name]
        labels = {item.slug: item.label for item in items}
        order = [item.slug for item in items]
        vocabularies[name] = (
            _shares(overall, labels, order),
            {key: _shares(counter, labels, order) for key, counter in per_region.items()},
        )

    kind_labels = dict(Organisation.Kind.choices)
    kind_order = list(Organisation.Kind.values)
    region_kinds = {
        group.key: _shares(
            Counter(counted.region_kinds.get(group.key, {})), kind_labels, kind_order
        )
        for group in region_groups
    }
    return EditionFigures(
        edition=edition,
        total=counted.total,
        regions=region_groups,
        weeks=week_groups,
        days=day_groups,
        themes=vocabularies["themes"][0],
        types=vocabularies["types"][0],
        organisation_kinds=_shares(counted.kinds, kind_labels, kind_order),
        formats=_shares(
            counted.total.formats, dict(Activity.Format.choices), list(Activity.Format.values)
        ),
        region_themes=vocabularies["themes"][1],
        region_types=vocabularies["types"][1],
        region_kinds=region_kinds,
        partnerships=partnership_shares(counted.partnerships),
    )


def _length(edition: Edition) -> int:
    return (edition.ends_on - edition.starts_on).days + 1


@dataclass
class EditionTotal:
    edition: Edition
    tally: Tally

    @property
    def label(self) -> str:
        return str(self.edition.year)


def editions_compared(
    up_to: Edition | None = None, *, known: EditionFigures | None = None
) -> list[EditionTotal]:
    """Each visible edition's totals (up to and including `up_to`), oldest first. With `known`
    (that edition's figures, counted already) its total is taken from there, not counted again."""
    editions = Edition.objects.visible().order_by("starts_on")
    if up_to is not None:
        editions = editions.filter(starts_on__lte=up_to.starts_on)
    editions = list(editions)
    if known is not None:
        others = [e for e in editions if e.id != known.edition.id]
        return [
            *editions_compared_among(others),
            EditionTotal(edition=known.edition, tally=known.total),
        ]
    return editions_compared_among(editions)


def with_comparison(edition: Edition) -> tuple[EditionFigures, list[EditionTotal]]:
    """An edition's figures and every edition up to it side by side: what the page, the API and
    the evaluation workbook show."""
    editions = list(
        Edition.objects.visible().filter(starts_on__lte=edition.starts_on).order_by("starts_on")
    )
    others = [e for e in editions if e.pk != edition.pk]
    summary.ensure_counted([*others, edition])
    numbers = summary.counts_of([edition], others_totals=others)
    figures = _kept_figures(edition, numbers.get(edition.pk, {}))
    compared = [
        EditionTotal(edition=e, tally=_tally_kept(numbers.get(e.pk, {}).get(summary.ALL, {})))
        for e in others
    ]
    return figures, [*compared, EditionTotal(edition=edition, tally=figures.total)]


def editions_compared_among(editions: list[Edition]) -> list[EditionTotal]:
    """Each edition's totals, from the numbers kept (one query for them all)."""
    if not editions:
        return []
    summary.ensure_counted(editions)
    numbers = summary.counts_of(editions, groups=[summary.ALL])
    return [
        EditionTotal(
            edition=edition, tally=_tally_kept(numbers.get(edition.pk, {}).get(summary.ALL, {}))
        )
        for edition in editions
    ]


def counted_editions_compared_among(editions: list[Edition]) -> list[EditionTotal]:
    """Each edition's totals counted from scratch (what the kept numbers must equal)."""
    if not editions:
        return []
    activities = Activity.objects.filter(edition__in=editions)
    totals = {edition.id: Tally() for edition in editions}
    for row in activity_rows(activities, detail=False):
        totals[row["edition_id"]].add(_tally_of(row))
    for row, tally in chain(
        signup_rows(activities, detail=False), result_rows(activities, detail=False)
    ):
        totals[row["activity__edition_id"]].add(tally)
    taking_part: dict[int, set] = defaultdict(set)
    for org_id, _kind, edition_id in organiser_rows(activities, detail=False):
        taking_part[edition_id].add(org_id)
    for edition_id, tally in totals.items():
        tally.organisations = len(taking_part[edition_id])
    return [EditionTotal(edition=edition, tally=totals[edition.id]) for edition in editions]


@dataclass(frozen=True)
class Metric:
    """A figure a visitor can put on the map, and every table's column for it."""

    key: str
    label: str | Promise
    is_share: bool = False

    def of(self, tally: Tally):
        return getattr(tally, self.key)


METRICS = [
    Metric("activities", _("Activiteiten (gaan door)")),
    Metric("cancelled", _("Geannuleerde activiteiten")),
    Metric("organisations", _("Organisaties die meedoen")),
    Metric("with_partners", _("Activiteiten met partners")),
    Metric("share_with_partners", _("Aandeel met partners (%)"), is_share=True),
    Metric("cross_sector", _("Samenwerking tussen sectoren")),
    Metric("share_cross_sector", _("Aandeel tussen sectoren (%)"), is_share=True),
    Metric("interactive", _("Interactieve activiteiten")),
    Metric("share_interactive", _("Aandeel interactief (%)"), is_share=True),
    Metric("signups", _("Aanmeldingen")),
    Metric("waiting_list", _("Op de wachtlijst")),
    Metric("places_taken", _("Bezette plaatsen")),
    Metric("reported", _("Activiteiten met een terugblik")),
    Metric("participants", _("Deelnemers volgens de organisatoren")),
    Metric("professionals", _("Van wie zorgprofessionals")),
    Metric("citizens", _("Van wie burgers")),
]
METRICS_BY_KEY = {metric.key: metric for metric in METRICS}


def current_edition() -> Edition | None:
    """The edition the figures page opens on: the running one, else the latest that has begun,
    else the next one."""

    today = local_today()
    editions = Edition.objects.visible()
    return (
        editions.filter(starts_on__lte=today).order_by("-starts_on").first()
        or editions.order_by("starts_on").first()
    )


# Dashboards for coordinators and the national team ----------------------------------------

FUNNEL = [
    Activity.Status.DRAFT,
    Activity.Status.SUBMITTED,
    Activity.Status.CHANGES_REQUESTED,
    Activity.Status.PUBLISHED,
    Activity.Status.REJECTED,
    Activity.Status.CANCELLED,
]


def region_activities(edition: Edition, region: Region | None):
    """Every activity of a region's week in the edition, whatever its status; national ones
    (no region) with `region=None`."""
    activities = Activity.objects.filter(edition=edition)
    if region is None:
        return activities.filter(stage__isnull=True)
    return activities.filter(stage__region=region)


def moderation_funnel(activities) -> list[tuple[str, str | Promise, int]]:
    """(status, label, count) in the order an activity goes through review."""
    counts = dict(activities.values_list("status").annotate(n=Count("id")).order_by())
    labels = dict(Activity.Status.choices)
    return [(status, labels[status], counts.get(status, 0)) for status in FUNNEL]


@dataclass(frozen=True)
class WaitingTimes:
    waiting: int  # submitted, not yet reviewed
    median_waiting_days: float | None
    longest_waiting_days: int | None
    reviewed: int  # published after a submission
    median_days_to_publish: float | None


def _median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def waiting_times(activities, now: dt.datetime) -> WaitingTimes:
    """How long submitted items wait now, and how long review took for published ones (days)."""
    today = local_date(now)
    waiting = [
        moderation_age(submitted, today=today).days
        for submitted in activities.filter(
            status=Activity.Status.SUBMITTED, submitted_at__isnull=False
        ).values_list("submitted_at", flat=True)
    ]
    took = [
        (published - submitted).total_seconds() / 86400
        for submitted, published in activities.filter(
            status__in=Activity.PUBLIC_STATUSES,
            submitted_at__isnull=False,
            published_at__isnull=False,
        ).values_list("submitted_at", "published_at")
    ]
    median_took = _median(took)
    return WaitingTimes(
        waiting=len(waiting),
        median_waiting_days=_median(waiting),
        longest_waiting_days=max(waiting) if waiting else None,
        reviewed=len(took),
        median_days_to_publish=round(median_took, 1) if median_took is not None else None,
    )


def signups_per_activity(activities):
    """Published (and cancelled) activities with their sign-ups, waiting list and attendance."""
    holding = [Signup.Status.PENDING, Signup.Status.CONFIRMED]
    return (
        activities.filter(status__in=Activity.PUBLIC_STATUSES)
        .select_related("lead_organisation")
        .annotate(
            signup_count=Count("signups", filter=Q(signups__status__in=holding)),
            waiting_count=Count("signups", filter=Q(signups__status=Signup.Status.WAITING)),
            attended_count=Count("signups", filter=Q(signups__attended=True)),
        )
        .order_by("starts_at", "pk")
    )


def _taking_part(activities) -> set[int]:
    """Organisations in the activities as lead or accepted partner."""
    leads = activities.values_list("lead_organisation_id", flat=True)
    partners = _accepted_partners().filter(activity__in=activities)
    return set(leads) | set(partners.values_list("organisation_id", flat=True))


def previous_edition(edition: Edition) -> Edition | None:
    return (
        Edition.objects.visible()
        .filter(starts_on__lt=edition.starts_on)
        .order_by("-starts_on")
        .first()
    )


def not_back_yet(edition: Edition, region: Region | None):
    """Organisations that took part in the region last edition (a published activity, as lead or
    partner) and have nothing in this edition yet (no activity in any state, no invitation)."""
    previous = previous_edition(edition)
    if previous is None:
        return Organisation.objects.none()
    before = _taking_part(region_activities(previous, region).filter(status=PUBLISHED))
    this_year = Activity.objects.filter(edition=edition)
    registered = set(this_year.values_list("lead_organisation_id", flat=True)) | set(
        Partner.objects.filter(activity__in=this_year, organisation__isnull=False).values_list(
            "organisation_id", flat=True
        )
    )
    return Organisation.objects.filter(pk__in=before - registered).select_related("province")
