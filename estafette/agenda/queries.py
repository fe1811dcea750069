"""Queries for the agenda: one filter function shared by pages, API and feeds."""

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, Prefetch, Q

from estafette.activities.models import Activity, CoOrganisation
from estafette.agenda.search import apply_search


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
    qs = qs.distinct().order_by("starts_at", "pk")
    if data.get("q"):
        qs = apply_search(qs, data["q"], data.get("sort") or "")
    if data.get("near"):
        qs = _near(qs, data["near"], data.get("radius_km") or 25)
    return qs


def approximate_point(postcode):
    """Approximate coordinates of a postcode: the centroid of known activities in the same
    PC4 area, else the same PC2 area; None when the database knows nothing nearby.
    (No postcode geodata offline: this is an approximation, good to a few km.)"""
    from django.db.models import Avg

    located = Activity.objects.filter(latitude__isnull=False, longitude__isnull=False)
    for prefix in (f"{postcode.digits:04d}", f"{postcode.digits:04d}"[:2]):
        point = located.filter(postcode__startswith=prefix).aggregate(
            lat=Avg("latitude"), lon=Avg("longitude")
        )
        if point["lat"] is not None:
            return point["lat"], point["lon"]
    return None


def _near(qs, postcode, radius_km):
    import math

    point = approximate_point(postcode)
    if point is None:
        return qs.none()
    lat, lon = point
    dlat = radius_km / 111.0
    dlon = radius_km / (111.0 * max(math.cos(math.radians(lat)), 0.01))
    boxed = qs.filter(
        latitude__range=(lat - dlat, lat + dlat), longitude__range=(lon - dlon, lon + dlon)
    )
    ids = []
    for pk, alat, alon in boxed.values_list("pk", "latitude", "longitude"):
        p1, p2 = math.radians(lat), math.radians(alat)
        a = (
            math.sin((p2 - p1) / 2) ** 2
            + math.cos(p1) * math.cos(p2) * math.sin(math.radians(alon - lon) / 2) ** 2
        )
        if 2 * 6371 * math.asin(math.sqrt(a)) <= radius_km:
            ids.append(pk)
    return qs.filter(pk__in=ids)


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
