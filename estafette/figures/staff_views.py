"""Dashboards and exports for coordinators (their own regions) and national staff."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from estafette.accounts.permissions import two_factor_required
from estafette.core.http import query_value
from estafette.figures import dashboards, queries, services
from estafette.figures.permissions import dashboard_regions, may_see_national, may_see_region
from estafette.relay.models import Edition, Region


def _edition(request, year=None) -> Edition:
    year = year or query_value(request.GET, "edition", old="editie")
    if year:
        if not str(year).isdigit():
            raise Http404
        return get_object_or_404(Edition.objects.all(), year=int(year))
    edition = queries.current_edition()
    if edition is None:
        raise Http404
    return edition


def _region_for(request, slug) -> Region:
    """The region, if the user coordinates it (staff: any); others get a 404, as if it were not
    there, so nobody learns about a region that is not theirs."""
    region = get_object_or_404(Region.objects.prefetch_related("provinces"), slug=slug)
    if not may_see_region(request.user, region):
        raise Http404
    return region


def _download(name: str, content_type: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@two_factor_required
def my_regions(request):
    regions = list(dashboard_regions(request.user))
    if not regions:
        raise PermissionDenied
    if len(regions) == 1:
        return redirect("figures:region", slug=regions[0].slug)
    return render(request, "figures/my_regions.html", {"regions": regions})


@two_factor_required
def region_dashboard(request, slug):
    region = _region_for(request, slug)
    edition = _edition(request)
    page = query_value(request.GET, "page", old="pagina", default="1")
    context = dashboards.region_dashboard(edition, region, page=page)
    context["editions"] = Edition.objects.order_by("-starts_on")
    return render(request, "figures/region_dashboard.html", context)


@two_factor_required
def region_export(request, slug, year, file_format):
    region = _region_for(request, slug)
    edition = _edition(request, year)
    return _download(
        *services.export_region(
            edition=edition, region=region, by=request.user, file_format=file_format
        )
    )


@two_factor_required
def national_dashboard(request):
    if not may_see_national(request.user):
        raise PermissionDenied
    edition = _edition(request)
    context = dashboards.national_dashboard(edition, list(Region.objects.all()))
    context["editions"] = Edition.objects.order_by("-starts_on")
    return render(request, "figures/national_dashboard.html", context)


@two_factor_required
def evaluation_export(request, year):
    if not may_see_national(request.user):
        raise PermissionDenied
    edition = _edition(request, year)
    return _download(*services.export_evaluation(edition=edition, by=request.user))
