"""The agenda's facets: how many of the filtered activities have each value, per filter.

Adding a facet is declaring it in `FACETS`: either a value of the activity row (any ORM path,
one value per activity) or a vocabulary the row keeps as bits (activities/vocabulary_bits.py).
`facet_counts` counts every facet in one statement: the matching rows' facet columns are read
once (an index-only scan of the listing index answers it) and grouped per facet. Joining the link tables of every edition instead cost 538 ms for one edition at
100,000 activities.
"""

from collections import Counter
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, F

from estafette.activities.models import Activity
from estafette.activities.vocabulary_bits import BITS, MAX_ID


@dataclass(frozen=True)
class Facet:
    name: str  # the filter parameter
    path: str  # where the activity row holds its value (ORM lookup path)


@dataclass(frozen=True)
class VocabularyFacet:
    name: str  # the filter parameter
    relation: str  # the many-to-many field of Activity, kept as bits in the row


FACETS = [
    Facet("region", "stage__region__slug"),
    Facet("format", "format"),
    VocabularyFacet("theme", "themes"),
    VocabularyFacet("type", "types"),
    VocabularyFacet("audience", "audiences"),
]


def _items(facet: VocabularyFacet) -> dict[int, str]:
    model = getattr(Activity, facet.relation).field.related_model
    return dict(model.objects.order_by().values_list("pk", "slug"))


def without_ranking(queryset):
    """The matching activities as plain rows to group: a search ranks in annotations, which
    grouping would carry along, so its ids are matched instead."""
    if queryset.query.annotations:
        return Activity.objects.filter(pk__in=queryset.order_by().values("pk")).order_by()
    return queryset.order_by()


def facet_counts(queryset, facets=FACETS) -> dict[str, dict[str, int]]:
    """{facet name: {value: number of matching activities}} for the filtered queryset.

    The matching rows' facet columns are materialised once, then grouped per facet: a value
    facet by its value, a vocabulary by its bits (a few hundred distinct sets per edition,
    each expanded to its items here)."""
    if queryset.query.is_empty():  # a search without words: .none() has no SQL to count over
        return {facet.name: {} for facet in facets}
    queryset = without_ranking(queryset)
    vocabularies = {f.name: _items(f) for f in facets if isinstance(f, VocabularyFacet)}
    bitwise = {
        name: items for name, items in vocabularies.items() if max(items, default=0) <= MAX_ID
    }
    columns = {}  # c<number of the facet>: its column; one branch per facet, as text
    for number, facet in enumerate(facets):
        if isinstance(facet, Facet):
            columns[f"c{number}"] = F(facet.path)
        elif facet.name in bitwise:
            columns[f"c{number}"] = F(BITS[facet.relation])
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
            if isinstance(facet, Facet):
                counts[facet.name][value] += n
            else:
                bits = int(value)
                for pk, slug in bitwise[facet.name].items():
                    if bits >> (pk - 1) & 1:
                        counts[facet.name][slug] += n
    for facet in facets:
        if isinstance(facet, VocabularyFacet) and facet.name not in bitwise:
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
