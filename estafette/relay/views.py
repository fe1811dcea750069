"""Public pages of the relay: the home page, a page per region, the archive per edition."""

import datetime as dt

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from estafette.core.caching import cache_public_page, page_shows_edition, page_shows_signup_totals
from estafette.core.dates import local_today
from estafette.relay import queries
from estafette.relay.map import VIEWBOX, map_regions
from estafette.relay.models import Edition, Region

# How many activities a region or edition page lists; the agenda, filtered, lists them all.
LISTED = 20


def map_context(figures, *, status=None, highlight=None, caption=None, year=None) -> dict:
    on_turn = status.on_turn.region.slug if status and status.on_turn else None
    return {
        "map_regions": map_regions(figures, on_turn_slug=on_turn, highlight=highlight, year=year),
        "map_viewbox": VIEWBOX,
        "map_caption": caption,
    }


def edition_caption(edition) -> str | None:
    if edition is None:
        return None
    return _(
        "Activiteiten die doorgaan en organisaties die meedoen, per regio, in %(edition)s "
        "(geannuleerde activiteiten tellen niet mee)"
    ) % {"edition": edition}


def this_week() -> tuple[dt.date, dt.date]:
    """'This week' for the near-me box: today and the six days after it."""
    today = local_today()
    return today, today + dt.timedelta(days=6)


@require_GET
@cache_public_page(timeout=60)
def home(request):
    status = queries.relay_status()
    edition = status.edition or queries.latest_edition()
    if edition is not None:
        page_shows_edition(edition.pk)
    first, last = this_week()
    context = {
        "status": status,
        "edition": edition,
        "schedule": queries.schedule(edition) if edition else [],
        "week_from": first,
        "week_to": last,
        **map_context(
            queries.public_figures(edition).regions,
            status=status,
            caption=edition_caption(edition),
        ),
    }
    return render(request, "relay/home.html", context)


@require_GET
@cache_public_page(timeout=60)
def region_detail(request, slug, year=None):
    """A region in one edition: the one the home page shows, or the year asked for."""
    region = get_object_or_404(Region.objects.prefetch_related("provinces"), slug=slug)
    if year is None:
        edition = queries.edition_shown()
    else:
        edition = get_object_or_404(Edition.objects.visible(), year=year)
    stages = list(
        region.stages.filter(edition__in=Edition.objects.visible())
        .select_related("edition")
        .order_by("-starts_on")
    )
    stage = next((s for s in stages if edition and s.edition_id == edition.pk), None)
    if edition is not None:
        page_shows_edition(edition.pk)
    if stage is not None:  # its sign-ups (Aanmeldingen): a sign-up elsewhere leaves it be
        page_shows_signup_totals(stage_id=stage.pk)
    figures = queries.public_figures(edition)
    context = {
        "region": region,
        "edition": edition,
        "asked_for_year": year is not None,
        "stage": stage,
        "stages": stages,
        "figures": figures.of(region),
        "activities": queries.stage_activities(stage, LISTED),
        **map_context(
            figures.regions,
            highlight=region.slug,
            year=edition.year if edition else None,
            caption=edition_caption(edition),
        ),
    }
    return render(request, "relay/region.html", context)


@require_GET
@cache_public_page
def edition_detail(request, year):
    edition = get_object_or_404(Edition.objects.visible(), year=year)
    page_shows_edition(edition.pk)
    page_shows_signup_totals(edition_id=edition.pk)  # its sign-ups in total (Aanmeldingen)
    figures = queries.public_figures(edition)
    context = {
        "edition": edition,
        "schedule": queries.schedule(edition),
        "totals": figures.total,
        "region_figures": figures.regions,
        "activities": queries.edition_activities(edition, LISTED),
        "agenda_url": f"{reverse('agenda:list')}?edition={edition.year}",
        **map_context(figures.regions, year=edition.year, caption=edition_caption(edition)),
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
