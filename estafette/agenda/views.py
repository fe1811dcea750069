"""Public agenda pages (first version; the agenda issue builds the full filter layer)."""

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from estafette.activities.models import Activity
from estafette.agenda.filters import AgendaFilterForm
from estafette.agenda.queries import PageOutOfRange, filtered_activities, paginate
from estafette.agenda.structured import event_jsonld
from estafette.core.caching import cache_public_page


@require_GET
@cache_public_page
def agenda(request):
    form = AgendaFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "agenda/list.html", {"form": form, "activities": []}, status=400)
    activities = filtered_activities(form.cleaned_data)
    try:
        page = paginate(activities, form.cleaned_data["page"])
    except PageOutOfRange as error:
        form.add_error("page", str(error))
        return render(request, "agenda/list.html", {"form": form, "activities": []}, status=400)
    return render(
        request,
        "agenda/list.html",
        {"form": form, "activities": page.object_list, "page_obj": page},
    )


@require_GET
def activity_detail(request, pk, slug):
    activity = get_object_or_404(Activity.objects.published().with_public_relations(), pk=pk)
    if activity.slug != slug:
        return redirect(activity, permanent=True)
    jsonld = event_jsonld(activity, request.build_absolute_uri(activity.get_absolute_url()))
    return render(request, "agenda/activity.html", {"activity": activity, "jsonld": jsonld})
