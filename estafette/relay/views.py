"""Public pages of the relay: the home page, a page per region, the archive per edition."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from estafette.relay import queries
from estafette.relay.models import Edition, Region


@require_GET
def home(request):
    status = queries.relay_status()
    edition = status.edition or Edition.objects.visible().order_by("-starts_on").first()
    return render(
        request,
        "relay/home.html",
        {
            "status": status,
            "edition": edition,
            "schedule": queries.schedule(edition) if edition else [],
            "figures": queries.region_figures(edition),
        },
    )


@require_GET
def region_detail(request, slug):
    region = get_object_or_404(Region.objects.prefetch_related("provinces"), slug=slug)
    return render(
        request,
        "relay/region.html",
        {
            "region": region,
            "stages": region.stages.filter(edition__is_published=True)
            .select_related("edition")
            .order_by("-starts_on"),
            "activities": queries.region_activities(region)[:30],
        },
    )


@require_GET
def edition_detail(request, year):
    edition = get_object_or_404(Edition.objects.visible(), year=year)
    return render(
        request,
        "relay/edition.html",
        {
            "edition": edition,
            "schedule": queries.schedule(edition),
            "figures": queries.region_figures(edition),
        },
    )


@require_GET
def edition_list(request):
    return render(
        request,
        "relay/edition_list.html",
        {"editions": Edition.objects.visible().order_by("-starts_on")},
    )
