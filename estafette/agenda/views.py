"""Public agenda pages (first version; the agenda issue builds the full filter layer)."""

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from estafette.activities.models import Activity


@require_GET
def agenda(request):
    activities = Activity.objects.published().with_public_relations().order_by("starts_at")[:50]
    return render(request, "agenda/list.html", {"activities": activities})


@require_GET
def activity_detail(request, pk, slug):
    activity = get_object_or_404(Activity.objects.published().with_public_relations(), pk=pk)
    if activity.slug != slug:
        return redirect(activity, permanent=True)
    return render(request, "agenda/activity.html", {"activity": activity})
