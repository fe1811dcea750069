"""The public figures page: an edition in numbers, on the map, in charts and tables."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from estafette.core.caching import cache_public_page, page_shows_signup_totals
from estafette.figures import queries
from estafette.figures.choropleth import MAP_VIEWBOX, choropleth
from estafette.figures.forms import MapMetricForm
from estafette.figures.presentation import charts
from estafette.relay.models import Edition


@require_GET
@cache_public_page(timeout=60)
def figures_page(request, year=None):
    if year is None:
        edition = queries.current_edition()
        if edition is None:
            raise Http404
    else:
        edition = get_object_or_404(Edition.objects.visible(), year=year)
    page_shows_signup_totals()  # places taken and sign-ups: every sign-up moves them
    form = MapMetricForm(request.GET)
    metric = queries.METRICS_BY_KEY[form.metric_key()]
    figures, compared = queries.with_comparison(edition)
    areas, legend = choropleth(figures.regions, metric)
    context = {
        "edition": edition,
        "editions": Edition.objects.visible().order_by("-starts_on"),
        "figures": figures,
        "compared": compared,
        "metrics": queries.METRICS,
        "metric": metric,
        "form": form,
        "map_areas": areas,
        "legend": legend,
        "map_viewbox": MAP_VIEWBOX,
        "charts": charts(figures, compared),
    }
    return render(request, "figures/page.html", context, status=400 if form.errors else 200)
