"""The agenda's facets: how many of the filtered activities have each value, per filter.

Adding a facet is declaring it in `FACETS`: a value of the activity row (any ORM path or an
expression, one value per activity), a vocabulary the row keeps as bits, or a fixed list of
choices the row keeps as bits (activities/vocabulary_bits.py). `facet_counts` counts every
facet in one statement: the matching rows' facet columns are read once (an index-only scan of
the listing index answers it) and grouped per facet. Joining the link tables of every edition
instead cost 538 ms for one edition at 100,000 activities.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, Count, F, Q, Value, When
from django.db.models.expressions import Expression

from estafette.activities.models import Activity, has_places_left
from estafette.activities.vocabulary_bits import BITS, KINDS, MAX_ID


@dataclass(frozen=True)
class Facet:
    name: str  # the filter parameter
    # Where the activity row holds its value: an ORM lookup path, or a function that makes the
    # expression when counting (it may read the clock).
    path: str | Callable[[], Expression]


@dataclass(frozen=True)
class VocabularyFacet:
    name: str  # the filter parameter
    relation: str  # the many-to-many field of Activity, kept as bits in the row


@dataclass(frozen=True)
class ChoicesFacet:
    name: str  # the filter parameter
    column: str  # the row's bits, bit n for the n-th of `values`
    values: tuple[str, ...]


def _yes_no(condition) -> Case:
    return Case(When(condition, then=Value("true")), default=Value("false"))


FACETS = [
    Facet("region", "stage__region__slug"),
    Facet("week", "stage__order"),
    Facet("province", "province__code"),
    Facet("format", "format"),
    VocabularyFacet("theme", "themes"),
    VocabularyFacet("type", "types"),
    VocabularyFacet("audience", "audiences"),
    ChoicesFacet("kind", "organiser_kind_bits", tuple(KINDS)),
    VocabularyFacet("accessibility", "accessibility"),
    Facet("interactive", lambda: _yes_no(Q(is_interactive=True))),
    Facet("signup", "signup_mode"),
    Facet("has_places", lambda: _yes_no(has_places_left())),
]


def vocabulary_items(facet: VocabularyFacet) -> dict[int, str]:
    model = getattr(Activity, facet.relation).field.related_model
    return dict(model.objects.order_by().values_list("pk", "slug"))


def without_ranking(queryset):
    """The matching activities as plain rows to group: a search ranks in annotations, which
    grouping would carry along, so its ids are matched instead."""
    if queryset.query.annotations:
        return Activity.objects.filter(pk__in=queryset.order_by().values("pk")).order_by()
    return queryset.order_by()


def _column(facet):
    if isinstance(facet, Facet):
        return F(facet.path) if isinstance(facet.path, str) else facet.path()
    if isinstance(facet, VocabularyFacet):
        return F(BITS[facet.relation])
    return F(facet.column)


def facet_counts(queryset, facets=FACETS, items=None) -> dict[str, dict[str, int]]:
    """{facet name: {value: number of matching activities}} for the filtered queryset.

    The matching rows' facet columns are materialised once, then grouped per facet: a value
    facet by its value, bits by their set (a few hundred distinct sets per edition, each
    expanded to its items here). `items` may give the vocabularies' {id: slug} already read."""
    if queryset.query.is_empty():  # a search without words: .none() has no SQL to count over
        return {facet.name: {} for facet in facets}
    queryset = without_ranking(queryset)
    items = items or {}
    bits: dict[str, dict[int, str]] = {}  # facet name: {bit number: value}
    for facet in facets:
        if isinstance(facet, VocabularyFacet):
            known = items.get(facet.name)
            known = vocabulary_items(facet) if known is None else known
            if max(known, default=0) <= MAX_ID:
                bits[facet.name] = {pk - 1: slug for pk, slug in known.items()}
        elif isinstance(facet, ChoicesFacet):
            bits[facet.name] = dict(enumerate(facet.values))
    counted = [f for f in facets if not isinstance(f, VocabularyFacet) or f.name in bits]
    columns = {f"c{facets.index(facet)}": _column(facet) for facet in counted}
    inner, params = queryset.order_by().values(**columns).query.sql_with_params()
    sql = f"WITH m AS MATERIALIZED ({inner}) " + " UNION ALL ".join(
        f"SELECT {column[1:]}, CAST({column} AS TEXT), COUNT(*) FROM m GROUP BY {column}"
        for column in columns
    )
    counts = {facet.name: Counter() for facet in facets}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for number, value, n in cursor.fetchall():
            facet = facets[int(number)]
            if value is None:
                continue
            if facet.name not in bits:
                counts[facet.name][value] += n
                continue
            row_bits = int(value)
            for position, item in bits[facet.name].items():
                if row_bits >> position & 1:
                    counts[facet.name][item] += n
    for facet in facets:
        if facet not in counted:
            counts[facet.name].update(_counted_through_links(queryset, facet))
    return {name: {v: n for v, n in counter.items() if n} for name, counter in counts.items()}


def _counted_through_links(queryset, facet: VocabularyFacet) -> dict[str, int]:
    """The slow way, for a vocabulary with more items than bits."""
    descriptor = getattr(Activity, facet.relation)
    item = descriptor.field.m2m_reverse_field_name()
    return dict(
        descriptor.through.objects.filter(activity_id__in=queryset.values("pk"))
        .order_by()
        .values_list(f"{item}__slug")
        .annotate(n=Count("pk"))
        .values_list(f"{item}__slug", "n")
    )
