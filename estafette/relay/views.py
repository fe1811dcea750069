"""Public pages of the relay: the home page, a page per region, the archive per edition."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from estafette.core.caching import cache_public_page, page_shows_edition
from estafette.relay import queries
from estafette.relay.map import VIEWBOX, map_regions
from estafette.relay.models import Edition, Region


def map_context(figures, *, status=None, highlight=None, caption=None) -> dict:
    on_turn = status.on_turn.region.slug if status and status.on_turn else None
    return {
        "map_regions": map_regions(figures, on_turn_slug=on_turn, highlight=highlight),
        "map_viewbox": VIEWBOX,
        "map_caption": caption,
    }


@require_GET
@cache_public_page(timeout=60)
def home(request):
    status = queries.relay_status()
    edition = status.edition or Edition.objects.visible().order_by("-starts_on").first()
    if edition is not None:
        page_shows_edition(edition.pk)
    context = {
        "status": status,
        "edition": edition,
        "schedule": queries.schedule(edition) if edition else [],
        **map_context(queries.region_figures(edition), status=status),
    }
    return render(request, "relay/home.html", context)


@require_GET
@cache_public_page
def region_detail(request, slug):
    region = get_object_or_404(Region.objects.prefetch_related("provinces"), slug=slug)
    context = {
        "region": region,
        "stages": region.stages.filter(edition__is_published=True)
        .select_related("edition")
        .order_by("-starts_on"),
        "activities": queries.region_activities(region, 30),
        **map_context(queries.region_figures(), highlight=region.slug),
    }
    return render(request, "relay/region.html", context)


@require_GET
@cache_public_page
def edition_detail(request, year):
    edition = get_object_or_404(Edition.objects.visible(), year=year)
    page_shows_edition(edition.pk)
    context = {
        "edition": edition,
        "schedule": queries.schedule(edition),
        **map_context(queries.region_figures(edition)),
    }
    return render(request, "relay/edition.html", context)


@require_GET
@cache_public_page
def edition_list(request):
    return render(
        request,
        "relay/edition_list.html",
        {"editions": Edition.objects.visible().order_by("-starts_on")},
    )
