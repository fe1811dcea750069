"""Public poster and social cards of a published activity; the organiser's own image."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from estafette.activities.models import Activity
from estafette.activities.permissions import Action, get_activity_for
from estafette.posters import files, services
from estafette.posters.forms import ActivityImageForm

MAX_AGE = 3600


def _public_activity(pk, *, poster=False) -> Activity:
    """Cards for every public activity (cancelled ones keep their page); posters only to
    advertise one that takes place."""
    queryset = Activity.objects.published()
    if poster:
        queryset = queryset.filter(status=Activity.Status.PUBLISHED)
    return get_object_or_404(
        queryset.select_related(
            "stage__region", "lead_organisation", "own_image"
        ).with_accepted_partners(),
        pk=pk,
    )


def _serve(request, activity, kind, download_name):
    art = files.artwork_for(activity, kind)
    etag = f'"{art.digest}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified
    response = FileResponse(
        default_storage.open(art.name, "rb"), content_type=art.content_type, filename=download_name
    )
    response["Content-Disposition"] = response["Content-Disposition"].replace(
        "attachment", "inline"
    )
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


@require_GET
def poster(request, pk):
    activity = _public_activity(pk, poster=True)
    paper = "a3" if request.GET.get("formaat", "").lower() == "a3" else "a4"
    return _serve(request, activity, f"poster-{paper}", f"poster-{activity.slug}-{paper}.pdf")


@require_GET
def card(request, pk):
    activity = _public_activity(pk)
    return _serve(request, activity, "card", f"kaart-{activity.slug}.png")


@require_GET
def square_card(request, pk):
    activity = _public_activity(pk)
    return _serve(request, activity, "square", f"kaart-vierkant-{activity.slug}.png")


@login_required
@require_http_methods(["GET", "POST"])
def own_image(request, pk):
    activity = get_activity_for(
        request.user, pk, Action.EDIT, Activity.objects.select_related("stage__region")
    )
    current = files.own_image(activity)
    form = ActivityImageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and request.POST.get("remove") and current:
        services.remove_activity_image(activity=activity, by=request.user)
        messages.success(request, _("De afbeelding is verwijderd."))
        return redirect("posters:own-image", pk=activity.pk)
    if request.method == "POST" and form.is_valid():
        services.set_activity_image(
            activity=activity,
            upload=form.cleaned_data["image"],
            alt_text=form.cleaned_data["alt_text"],
            by=request.user,
        )
        messages.success(request, _("De afbeelding is opgeslagen."))
        return redirect("posters:own-image", pk=activity.pk)
    return render(
        request,
        "posters/own_image.html",
        {"activity": activity, "current": current, "form": form},
    )
