"""Organisers report results; coordinators hide them; the public reads them on the week's page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from estafette.accounts.permissions import two_factor_required
from estafette.activities.models import Activity
from estafette.activities.permissions import Action, get_activity_for, moderation_regions
from estafette.core.caching import cache_public_page, page_shows_edition
from estafette.core.forms import add_service_errors, flash_service_errors
from estafette.results import queries, services
from estafette.results.forms import HideForm, MaterialForm, ResultForm
from estafette.results.models import Material, Result
from estafette.results.permissions import can_hide, has_ended


def _own_activity(request, pk) -> Activity:
    return get_activity_for(
        request.user,
        pk,
        Action.EDIT,
        Activity.objects.select_related("edition", "stage__region", "lead_organisation"),
    )


def _render_report(request, activity, result, *, form=None, material_form=None, status=200):
    """The results page: the result's form (bound when it was just sent) and its materials."""
    return render(
        request,
        "results/report.html",
        {
            "activity": activity,
            "result": result,
            "form": form if form is not None else ResultForm(instance=result),
            "material_form": material_form if material_form is not None else MaterialForm(),
            "materials": result.materials.all() if result else [],
        },
        status=status,
    )


@login_required
def report(request, pk):
    activity = _own_activity(request, pk)
    result = Result.objects.filter(activity=activity).first()
    form = ResultForm(request.POST or None, instance=result)
    status = 200
    if activity.status != Activity.Status.PUBLISHED or not has_ended(activity):
        return render(request, "results/not_yet.html", {"activity": activity}, status=400)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.report_result(activity=activity, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Dank u wel. De terugblik staat nu op de pagina van de activiteit.")
                )
                return redirect("results:report", pk=activity.pk)
        messages.error(request, _("Nog niet opgeslagen: verbeter de fouten hieronder."))
        status = 400
    return _render_report(request, activity, result, form=form, status=status)


@login_required
@require_POST
def add_material(request, pk):
    activity = _own_activity(request, pk)
    result = Result.objects.filter(activity=activity).first()
    if result is None:
        messages.error(request, _("Vul eerst de terugblik in; daarna voegt u materiaal toe."))
        return redirect("results:report", pk=activity.pk)
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_material(result=result, by=request.user, **_material_data(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het materiaal is toegevoegd."))
            return redirect("results:report", pk=activity.pk)
    messages.error(request, _("Het materiaal is nog niet toegevoegd: verbeter de fouten."))
    return _render_report(request, activity, result, material_form=form, status=400)


def _material_data(form) -> dict:
    data = dict(form.cleaned_data)
    data["people_agreed"] = bool(data.get("people_agreed"))
    return data


@login_required
@require_POST
def remove_material(request, pk, material_pk):
    activity = _own_activity(request, pk)
    material = get_object_or_404(Material, pk=material_pk, result__activity=activity)
    try:
        services.remove_material(material=material, by=request.user)
    except ValidationError as error:
        flash_service_errors(request, error)
    else:
        messages.success(request, _("Het materiaal is verwijderd."))
    return redirect("results:report", pk=activity.pk)


@two_factor_required
def moderation_list(request):
    regions = moderation_regions(request.user)
    if not regions.exists():
        raise PermissionDenied
    return render(
        request,
        "results/moderation.html",
        {"results": queries.results_to_moderate(request.user), "hide_form": HideForm()},
    )


def _moderated(request, pk) -> Result:
    result = get_object_or_404(
        Result.objects.select_related("activity__stage__region"), activity_id=pk
    )
    if not can_hide(request.user, result):
        raise Http404
    return result


@require_POST
@two_factor_required
def hide(request, pk):
    result = _moderated(request, pk)
    form = HideForm(request.POST)
    if form.is_valid():
        services.hide_result(result=result, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("De terugblik is verborgen."))
    else:
        messages.error(request, _("Schrijf op waarom u de terugblik verbergt."))
    return redirect("results:moderation")


@require_POST
@two_factor_required
def show(request, pk):
    result = _moderated(request, pk)
    services.show_result(result=result, by=request.user)
    messages.success(request, _("De terugblik is weer zichtbaar."))
    return redirect("results:moderation")


@require_GET
@cache_public_page
def stage_detail(request, year, region):
    """A region's week in one edition; once the week is over, its hand-over to the next region."""
    stage = queries.public_stage(year, region)
    if stage is None:
        raise Http404
    page_shows_edition(stage.edition_id)  # before reading the results it shows
    return render(request, "results/stage.html", queries.handover(stage))
