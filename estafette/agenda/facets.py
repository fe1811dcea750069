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
from estafette.agenda.search import RANKING


@dataclass(frozen=True)
class Facet:
    name: str  # the filter parameter
    # Where the activity row holds its value: an ORM lookup path, or a function that makes the
    # expression when counting (it may read the clock).
    path: str | Callable[[], Expression]
    # When `path` is a foreign key to a small table (a stage, a province): the field of that
    # table that is the facet's value. The rows are grouped by the key, and the table is joined
    # to the grouped rows (a few hundred) instead of to every matching activity.
    field: str | None = None


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
    Facet("region", "stage", "region__slug"),
    Facet("week", "stage", "order"),
    Facet("province", "province", "code"),
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


def drop_ranking(queryset):
    """The queryset unordered and, when a search's ranking is all it annotates, without those
    annotations: they only order (the search filters before it ranks), and the filters stay
    as they are. Other annotations are left alone."""
    plain = queryset.order_by()
    annotations = plain.query.annotations
    if annotations and set(annotations) <= set(RANKING):
        plain.query.annotations = {}
        plain.query.set_annotation_mask(None)
        plain.query._annotation_select_cache = None
    return plain


def without_ranking(queryset):
    """The matching activities as plain rows to group: a search ranks in annotations, which
    grouping would carry along, so they are dropped (`drop_ranking`): matching the ids of the
    ranked query instead read every edition's activities (a search for 'zorg' in one
    edition: 197 ms of facet counting at 100,000 activities). Other annotations are matched by
    id."""
    plain = drop_ranking(queryset)
    if plain.query.annotations:
        return Activity.objects.filter(pk__in=queryset.order_by().values("pk")).order_by()
    return plain


def _column(facet):
    if isinstance(facet, Facet):
        return F(facet.path) if isinstance(facet.path, str) else facet.path()
    if isinstance(facet, VocabularyFacet):
        return F(BITS[facet.relation])
    return F(facet.column)


ROW_BITS = (1 << MAX_ID) - 1  # bits 0..62, the ones a row's bit columns use


def _key_tables(facets, column_of) -> tuple[list[tuple[str, str, list]], dict[str, int]]:
    """The small tables the keyed facets point to, to join to the grouped rows (a few hundred,
    not every activity): ([(key column, SQL of the table's key and values, params)], {facet
    name: position of its value among the joined values})."""
    fields: dict = {}  # key column: (table, {facet name: field})
    for facet in facets:
        if isinstance(facet, Facet) and facet.field:
            model = Activity._meta.get_field(facet.path).related_model
            fields.setdefault(column_of[facet.name], (model, {}))[1][facet.name] = facet.field
    tables, position = [], {}
    for column, (model, named) in fields.items():
        values = {f"v{len(position) + k}": F(field) for k, field in enumerate(named.values())}
        for name in named:
            position[name] = len(position)
        sql, params = model.objects.order_by().values(k=F("pk"), **values).query.sql_with_params()
        tables.append((column, sql, list(params)))
    return tables, position


def _grouped_sql(inner: str, together: list[str], alone: list[str]) -> str:
    """SQL giving (set, *columns, n): the matching rows grouped once by all the columns of
    `together` (set 0, a few hundred groups: their values go together) and once by each column
    of `alone` (set k, the k-th of them). PostgreSQL groups the rows in one pass (GROUPING
    SETS); SQLite reads them once into a materialised table and groups that per set."""
    columns = together + alone
    if connection.vendor == "postgresql":
        sets = ", ".join(
            [f"({', '.join(together)})"] * bool(together) + [f"({column})" for column in alone]
        )
        # GROUPING(...) has a bit per column of `alone`, set where the row is not grouped by it.
        which = f"GROUPING({', '.join(alone)})" if alone else "0"
        return (
            f"SELECT {which}, {', '.join(columns)}, COUNT(*) FROM ({inner}) m"
            f" GROUP BY GROUPING SETS ({sets})"
        )
    selects = []
    if together:
        shown = ", ".join(together + ["NULL"] * len(alone))
        selects.append(f"SELECT -1, {shown}, COUNT(*) FROM m GROUP BY {', '.join(together)}")
    for number, column in enumerate(alone):
        shown = ", ".join(["NULL"] * len(together) + [c if c == column else "NULL" for c in alone])
        selects.append(f"SELECT {number}, {shown}, COUNT(*) FROM m GROUP BY {column}")
    return f"WITH m AS MATERIALIZED ({inner}) " + " UNION ALL ".join(selects)


def facet_counts(queryset, facets=FACETS, items=None) -> dict[str, dict[str, int]]:
    """{facet name: {value: number of matching activities}} for the filtered queryset.

    The matching rows' facet columns are read once (an index-only scan of the listing index
    answers it) and grouped in one statement: once by all the single-valued columns together
    (keys of stages and provinces, their values joined to the groups), and once by each
    column of bits (a few hundred distinct sets per edition, each expanded to its items here).
    `items` may give the vocabularies' {id: slug} already read."""
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
    # One column per distinct path (the region and the week share the stage's key).
    column_of: dict = {}  # facet name: column alias
    columns: dict = {}  # alias: expression
    for facet in counted:
        key = facet.path if isinstance(facet, Facet) and isinstance(facet.path, str) else None
        alias = next((a for a, (k, _e) in columns.items() if key and k == key), None)
        if alias is None:
            alias = f"c{len(columns)}"
            columns[alias] = (key, _column(facet))
        column_of[facet.name] = alias
    together = [a for a in columns if not any(column_of[n] == a for n in bits)]
    alone = [a for a in columns if a not in together]
    inner, params = (
        queryset.order_by()
        .values(**{alias: expression for alias, (_k, expression) in columns.items()})
        .query.sql_with_params()
    )
    tables, keyed = _key_tables(counted, column_of)
    sql = _grouped_sql(inner, together, alone)
    params = list(params)
    if tables:  # the keys' values joined to the grouped rows, in the same statement
        joined = [
            f"t{k}.v{position}"
            for k, (column, _sql, _p) in enumerate(tables)
            for name, position in keyed.items()
            if column_of[name] == column
        ]
        sql = f"SELECT g.*, {', '.join(joined)} FROM ({sql}) g" + "".join(
            f" LEFT JOIN ({table}) t{k} ON t{k}.k = g.{column}"
            for k, (column, table, _p) in enumerate(tables)
        )
        params += [param for _c, _s, table_params in tables for param in table_params]
    counts = {facet.name: Counter() for facet in facets}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # A row is (set, *columns of together and alone, n, *joined values). Where each count
    # comes from is worked out once, not per row (a thousand rows or more per page).
    width = len(together) + len(alone)
    at = {alias: 1 + k for k, alias in enumerate(together + alone)}
    n_at = 1 + width
    plain = [
        (counts[facet.name], n_at + 1 + keyed[facet.name])
        if facet.name in keyed
        else (counts[facet.name], at[column_of[facet.name]])
        for facet in counted
        if facet.name not in bits
    ]
    expanded = {  # set number: [(column, counter, {bit number: item})]
        number: [(at[alias], counts[name], bits[name]) for name in bits if column_of[name] == alias]
        for number, alias in enumerate(alone)
    }
    if connection.vendor == "postgresql":
        # GROUPING() has a bit per column of `alone` (the first the highest), set where the row
        # is not grouped by it: all set for `together`, all but one for a column alone.
        every = (1 << len(alone)) - 1
        set_of = {every: -1} | {
            every ^ (1 << (len(alone) - 1 - number)): number for number in range(len(alone))
        }
    else:
        set_of = {number: number for number in range(-1, len(alone))}
    for row in rows:
        number, n = set_of[row[0]], row[n_at]
        if number == -1:
            for counter, column in plain:
                value = row[column]
                if value is not None:
                    counter[str(value)] += n
            continue
        for column, counter, items in expanded[number]:
            row_bits = int(row[column]) & ROW_BITS  # never negative: the loop ends
            while row_bits:  # the bits that are set, lowest first
                lowest = row_bits & -row_bits
                item = items.get(lowest.bit_length() - 1)
                if item is not None:
                    counter[item] += n
                row_bits ^= lowest
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
