"""What the agenda counts, kept once more in each activity's own row: its vocabularies
(themes, types, audiences, accessibility) as bits, whether it is interactive, and the kinds
of its organisers (the lead organisation and the partners that accepted) as bits.

The links and the organisations stay the truth; these columns are a copy for counting: the
agenda's facet counts read them in one pass over the matching activities (agenda/facets.py).
Whoever writes links, hands an activity to another lead, adds an accepted partner or changes
an organisation's kind calls `refresh_vocabulary_bits` in the same transaction (the services,
the importer, the admin, the seeder, `rebuild_search_index` after a load outside the app).
"""

from django.db.models import (
    BigIntegerField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce
from django.db.models.lookups import GreaterThan

from estafette.activities.models import Activity
from estafette.organisations.models import Organisation
from estafette.partners.models import Partner

# relation name -> column of the bits
BITS = {
    "themes": "theme_bits",
    "types": "type_bits",
    "audiences": "audience_bits",
    "accessibility": "accessibility_bits",
}
MAX_ID = 63  # bits 0..62 of a signed 64-bit integer
# The organisation kinds in bit order: a new kind goes at the end (the stored bits keep their
# meaning), and the rows are refreshed when a kind is renamed.
KINDS = list(Organisation.Kind.values)


def bit(item_id: int) -> int:
    return 1 << (item_id - 1)


def bits_of(items) -> int:
    """The bits of these vocabulary items (for rows made outside the ORM, as the seeder does)."""
    return sum(bit(item.pk) for item in set(items) if item.pk <= MAX_ID)


def kind_bit(kind: str) -> int:
    return 1 << KINDS.index(kind)


def kind_bits_of(organisations) -> int:
    """The kinds of these organisers as bits (for rows made outside the ORM)."""
    return sum(kind_bit(kind) for kind in {organisation.kind for organisation in organisations})


def _bits_of(relation: str):
    """The sum of the items' bits per activity: their OR, as (activity, item) is unique."""
    descriptor = getattr(Activity, relation)
    through = descriptor.through
    item = through._meta.get_field(descriptor.field.m2m_reverse_field_name()).attname
    one = Cast(Value(1), BigIntegerField())
    return Coalesce(
        Subquery(
            through.objects.filter(activity_id=OuterRef("pk"), **{f"{item}__lte": MAX_ID})
            .order_by()
            .values("activity_id")
            .annotate(bits=Sum(one.bitleftshift(Cast(F(item) - 1, IntegerField()))))
            .values("bits")
        ),
        Value(0),
        output_field=BigIntegerField(),
    )


def _organiser_kind_bits():
    """The distinct kinds of the lead organisation and the accepted partners, summed: their OR.
    (Plain SQL: the ORM cannot sum distinct values over a union of organisers in an UPDATE.)"""
    organisation = Organisation._meta.db_table
    partner = Partner._meta.db_table
    activity = Activity._meta.db_table
    bit_of_kind = " ".join(f"WHEN %s THEN {kind_bit(kind)}" for kind in KINDS)
    return RawSQL(
        f"COALESCE((SELECT SUM(DISTINCT CASE o.kind {bit_of_kind} ELSE 0 END)"
        f" FROM {organisation} o WHERE o.id = {activity}.lead_organisation_id"
        f" OR o.id IN (SELECT p.organisation_id FROM {partner} p"
        f" WHERE p.activity_id = {activity}.id AND p.status = %s"
        f" AND p.organisation_id IS NOT NULL)), 0)",
        [*KINDS, Partner.Status.ACCEPTED],
        output_field=IntegerField(),
    )


def refresh_vocabulary_bits(ids=None) -> None:
    """Write the copies of these activities (all when `ids` is None) from their links and
    organisers."""
    activities = Activity.objects.all() if ids is None else Activity.objects.filter(pk__in=ids)
    activities.update(
        **{column: _bits_of(relation) for relation, column in BITS.items()},
        is_interactive=Exists(
            Activity.interactive_elements.through.objects.filter(activity_id=OuterRef("pk"))
        ),
        organiser_kind_bits=_organiser_kind_bits(),
    )


def refresh_organiser_kinds(organisation) -> None:
    """After an organisation's kind changed: the activities it leads or takes part in."""
    refresh_vocabulary_bits(
        Activity.objects.filter(
            Q(lead_organisation=organisation)
            | Q(pk__in=Partner.objects.filter(organisation=organisation).values("activity_id"))
        )
        .order_by()
        .values_list("pk", flat=True)
    )


def has_any_of(relation: str, slugs) -> Q:
    """Activities linked to any of these items of a vocabulary, read from the row's bits: the
    items' bits are added up by the database in one small subquery (computed once), so the
    condition is a bitwise AND per row. Items beyond the bits are matched through the links."""
    descriptor = getattr(Activity, relation)
    model = descriptor.field.related_model
    items = model.objects.filter(slug__in=list(slugs)).order_by()
    mask = Subquery(
        items.filter(pk__lte=MAX_ID)
        .annotate(group=Value(1))
        .values("group")
        .annotate(
            mask=Sum(
                Cast(Value(1), BigIntegerField()).bitleftshift(Cast(F("pk") - 1, IntegerField()))
            )
        )
        .values("mask")
    )
    item = descriptor.field.m2m_reverse_field_name()
    # Joined to the items, not asked for as a list of them: SQLite then scanned every link to
    # find the none beyond the bits, once per run of a merged page (a region and a theme over
    # every edition at 100,000: 112 ms); now it reads the link index from the items' ids on.
    beyond = descriptor.through.objects.filter(
        **{f"{item}__slug__in": list(slugs), f"{item}__pk__gt": MAX_ID}
    )
    mask = Cast(mask, BigIntegerField())  # PostgreSQL sums bigints as numeric
    return GreaterThan(F(BITS[relation]).bitand(mask), 0) | Q(pk__in=beyond.values("activity_id"))
