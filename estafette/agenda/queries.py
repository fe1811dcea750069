"""Queries for the agenda: one filter function shared by pages, API and feeds."""

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, Prefetch, Q

from estafette.activities.models import Activity, CoOrganisation


class PageOutOfRange(Exception):
    pass


def filtered_activities(cleaned_data):
    data = cleaned_data
    qs = (
        Activity.objects.published()
        .select_related("edition", "stage__region", "province__region", "lead_organisation")
        .prefetch_related(
            "themes",
            "types",
            "audiences",
            Prefetch(
                "partnerships",
                queryset=CoOrganisation.objects.filter(
                    status=CoOrganisation.Status.ACCEPTED
                ).select_related("organisation"),
                to_attr="accepted_coorganisations",
            ),
        )
    )
    if data.get("edition"):
        qs = qs.filter(edition__year=data["edition"])
    if data.get("region"):
        qs = qs.filter(stage__region__slug=data["region"])
    if data.get("province"):
        qs = qs.filter(province__code=data["province"])
    if data.get("from"):
        qs = qs.filter(ends_at__date__gte=data["from"])
    if data.get("to"):
        qs = qs.filter(starts_at__date__lte=data["to"])
    for field, relation in (("theme", "themes"), ("type", "types"), ("audience", "audiences")):
        if data.get(field):
            qs = qs.filter(**{f"{relation}__slug__in": data[field]})
    if data.get("format"):
        qs = qs.filter(format=data["format"])
    if data.get("interactive") == "true":
        qs = qs.filter(interactive_elements__isnull=False)
    elif data.get("interactive") == "false":
        qs = qs.filter(interactive_elements__isnull=True)
    if data.get("signup"):
        qs = qs.filter(signup_mode=data["signup"])
    if data.get("has_places") == "true":
        qs = qs.filter(
            signup_mode=Activity.SignupMode.PLATFORM,
            signup_closed=False,
            status=Activity.Status.PUBLISHED,
        ).filter(Q(capacity__isnull=True) | Q(capacity__gt=models_F("places_taken")))
    if data.get("organisation"):
        slug = data["organisation"]
        qs = qs.filter(
            Q(lead_organisation__slug=slug)
            | Q(
                partnerships__organisation__slug=slug,
                partnerships__status=CoOrganisation.Status.ACCEPTED,
            )
        )
    if data.get("q"):
        term = data["q"]
        qs = qs.filter(
            Q(title__icontains=term)
            | Q(summary__icontains=term)
            | Q(description__icontains=term)
            | Q(town__icontains=term)
            | Q(lead_organisation__name__icontains=term)
        )
    return qs.distinct().order_by("starts_at", "pk")


def models_F(name):
    from django.db.models import F

    return F(name)


def facet_counts(queryset):
    ids = queryset.order_by().values("pk")
    base = Activity.objects.filter(pk__in=ids)

    def count(field):
        return {
            row[field]: row["n"]
            for row in base.values(field).annotate(n=Count("pk", distinct=True)).order_by()
            if row[field] is not None
        }

    return {
        "region": count("stage__region__slug"),
        "theme": count("themes__slug"),
        "type": count("types__slug"),
        "audience": count("audiences__slug"),
        "format": count("format"),
    }


def paginate(queryset, page=1, per_page=20):
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(page)
    except EmptyPage as error:
        raise PageOutOfRange(
            f"Pagina {page} bestaat niet; er zijn {paginator.num_pages} pagina's."
        ) from error
