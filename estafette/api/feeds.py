"""Subscribable feeds of the agenda: iCalendar, RSS and Atom, with the agenda's filters."""

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from estafette.activities.models import Activity
from estafette.agenda.ical import activity_ics, calendar_for
from estafette.agenda.queries import filtered_activities, page_rows
from estafette.api.activities import parse_filters
from estafette.api.serializers import absolute_url, organisers, with_open_data_relations
from estafette.core.caching import cache_public_page
from estafette.core.http import conditional_public, with_query

FEED_LIMIT = 500


def feed_activities(cleaned):
    """The filtered agenda, capped: feeds carry the first FEED_LIMIT activities in date order."""
    return page_rows(
        with_open_data_relations(filtered_activities({**cleaned, "sort": "date"})), 0, FEED_LIMIT
    )


def feed_title(request) -> str:
    parts = [
        request.GET.get(name)
        for name in ("region", "edition", "organisation", "q")
        if request.GET.get(name)
    ]
    title = _("Slimme Zorg Estafette")
    return f"{title} – {', '.join(parts)}" if parts else title


def _problem(problem) -> JsonResponse:
    return JsonResponse(problem, status=400)


@require_GET
@cache_public_page
@conditional_public
def agenda_ics(request):
    cleaned, problem = parse_filters(request)
    if problem:
        return _problem(problem)
    calendar = calendar_for(feed_activities(cleaned), name=feed_title(request))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="slimme-zorg-estafette.ics"'
    return response


@require_GET
@cache_public_page
@conditional_public
def activity_ics_download(request, pk):
    activity = get_object_or_404(
        Activity.objects.published().select_related("lead_organisation"), pk=pk
    )
    response = HttpResponse(activity_ics(activity), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{activity.slug[:60] or "activiteit"}.ics"'
    )
    return response


class AgendaRssFeed(Feed):
    description_template = None

    def get_object(self, request):
        cleaned, problem = parse_filters(request)
        if problem:
            raise Http404(problem["detail"])
        self.request = request
        return cleaned

    def title(self, cleaned):
        return feed_title(self.request)

    def link(self, cleaned):
        return with_query("/agenda/", self.request.GET.urlencode())

    def description(self, cleaned):
        return _("Activiteiten van de Slimme Zorg Estafette.")

    def items(self, cleaned):
        return feed_activities(cleaned)

    def item_title(self, activity):
        prefix = _("Geannuleerd: ") if activity.status == Activity.Status.CANCELLED else ""
        return prefix + activity.title

    def item_description(self, activity):
        return activity.summary

    def item_link(self, activity):
        return absolute_url(activity)

    def item_guid(self, activity):
        return absolute_url(activity)

    item_guid_is_permalink = True

    def item_pubdate(self, activity):
        return activity.published_at or activity.created_at

    def item_updateddate(self, activity):
        return activity.updated_at

    def item_author_name(self, activity):
        return ", ".join(o["name"] for o in organisers(activity))

    def item_categories(self, activity):
        return [t.label for t in activity.themes.all()]


class AgendaAtomFeed(AgendaRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, cleaned):
        return self.description(cleaned)


agenda_rss = require_GET(cache_public_page(conditional_public(AgendaRssFeed())))
agenda_atom = require_GET(cache_public_page(conditional_public(AgendaAtomFeed())))
