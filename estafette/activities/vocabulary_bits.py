"""The vocabularies of each activity (themes, types, audiences) as bits in its own row.

The links stay the truth; the bits are a copy for counting: the agenda's facet counts read them
in one pass over the matching activities (agenda/facets.py). Whoever writes links calls
`refresh_vocabulary_bits` in the same transaction (the services, the importer, the admin, the
seeder, `rebuild_search_index` after a load outside the app).
"""

from django.db.models import BigIntegerField, F, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce

from estafette.activities.models import Activity

# relation name -> column of the bits
BITS = {"themes": "theme_bits", "types": "type_bits", "audiences": "audience_bits"}
MAX_ID = 63  # bits 0..62 of a signed 64-bit integer


def bit(item_id: int) -> int:
    return 1 << (item_id - 1)


def bits_of(items) -> int:
    """The bits of these vocabulary items (for rows made outside the ORM, as the seeder does)."""
    return sum(bit(item.pk) for item in set(items) if item.pk <= MAX_ID)


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


def refresh_vocabulary_bits(ids=None) -> None:
    """Write the bits of these activities (all when `ids` is None) from their links."""
    activities = Activity.objects.all() if ids is None else Activity.objects.filter(pk__in=ids)
    activities.update(**{column: _bits_of(relation) for relation, column in BITS.items()})
