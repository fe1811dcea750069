"""Subscribable feeds of the agenda: iCalendar, RSS and Atom, with the agenda's filters.

Without an edition or dates a feed shows what is coming (agenda/window.py). With them it
carries every match: the iCalendar in one piece, RSS and Atom in pages linked as an RFC 5005
paged feed (first, previous, next, last), each page with a `self` link that keeps its filters.
"""

import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from estafette.activities.models import Activity
from estafette.agenda.ical import activity_ics, feed_ics
from estafette.agenda.queries import counted_page, filtered_activities
from estafette.agenda.window import with_default_window
from estafette.api.activities import parse_filters
from estafette.api.serializers import (
    absolute_url,
    open_data_rows,
    organisers,
    with_open_data_relations,
)
from estafette.core.caching import cache_public_page
from estafette.core.dates import activity_when
from estafette.core.http import conditional_public, with_query

FEED_PAGE_SIZE = 100  # RSS and Atom items per page; the iCalendar is never cut


def feed_queryset(cleaned):
    """The filtered agenda in date order, within the default window when no dates are given."""
    return with_open_data_relations(
        filtered_activities({**with_default_window(cleaned), "sort": "date"})
    )


def _printable(text: str) -> str:
    """Without control characters: XML (RSS, Atom) has no way to carry them."""
    return "".join(char for char in text if unicodedata.category(char) != "Cc")


def feed_title(request) -> str:
    parts = [
        _printable(request.GET.get(name))
        for name in ("region", "edition", "organisation", "q")
        if request.GET.get(name)
    ]
    title = _("Slimme Zorg Estafette")
    return f"{title} – {', '.join(parts)}" if parts else title


def feed_address(request, **changes) -> str:
    """This feed's absolute address with its filters (and the given parameters changed)."""
    params = request.GET.copy()
    for name, value in changes.items():
        params.pop(name, None)
        if value is not None:
            params[name] = str(value)
    return with_query(f"{settings.SITE_URL}{request.path}", params.urlencode())


def when_and_where(activity) -> str:
    """'9 februari 2023, 10:00–12:00 · Zwolle': the line a feed reader shows under the title."""
    when = activity_when(activity)  # the one date-range formatter (core/dates.py)
    place = ", ".join(part for part in (activity.venue_name, activity.town) if part)
    if activity.format == Activity.Format.ONLINE:
        where = _("Online")
    elif activity.format == Activity.Format.HYBRID:
        where = _("%(place)s en online") % {"place": place}
    else:
        where = place
    return f"{when} · {where}" if where else when


def _problem(problem) -> JsonResponse:
    return JsonResponse(problem, status=400)


@require_GET
@cache_public_page
@conditional_public
def agenda_ics(request):
    cleaned, problem = parse_filters(request)
    if problem:
        return _problem(problem)
    activities = filtered_activities({**with_default_window(cleaned), "sort": "date"})
    body = feed_ics(activities, name=feed_title(request), source=feed_address(request, page=None))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
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


@dataclass
class FeedPage:
    """One page of a feed: its request, rows and the RFC 5005 links to the other pages."""

    request: object
    rows: list
    links: dict = field(default_factory=dict)


class PagedRssFeed(Rss201rev2Feed):
    def add_root_elements(self, handler):
        super().add_root_elements(handler)  # includes atom:link rel="self"
        for rel, href in self.feed.get("paging", {}).items():
            handler.addQuickElement("atom:link", None, {"rel": rel, "href": href})


class PagedAtomFeed(Atom1Feed):
    def add_root_elements(self, handler):
        super().add_root_elements(handler)  # includes link rel="self"
        for rel, href in self.feed.get("paging", {}).items():
            handler.addQuickElement("link", "", {"rel": rel, "href": href})


class AgendaRssFeed(Feed):
    description_template = None
    feed_type = PagedRssFeed

    def get_object(self, request):
        cleaned, problem = parse_filters(request)
        if problem:
            raise Http404(problem["detail"])
        page = cleaned.get("page") or 1
        start = (page - 1) * FEED_PAGE_SIZE
        rows, count = counted_page(feed_queryset(cleaned), start, start + FEED_PAGE_SIZE)
        if count is None and page > 1:
            raise Http404(_("Pagina %(page)s bestaat niet.") % {"page": page})
        last = max(((count or 0) + FEED_PAGE_SIZE - 1) // FEED_PAGE_SIZE, 1)
        links = {}
        if last > 1:
            links = {"first": feed_address(request, page=None)}
            if page > 1:
                links["previous"] = feed_address(request, page=page - 1 if page > 2 else None)
            if page < last:
                links["next"] = feed_address(request, page=page + 1)
            links["last"] = feed_address(request, page=last)
        return FeedPage(request=request, rows=open_data_rows(rows), links=links)

    def title(self, obj):
        return feed_title(obj.request)

    def link(self, obj):
        return with_query("/agenda/", obj.request.GET.urlencode())

    def feed_url(self, obj):
        return feed_address(obj.request)

    def feed_extra_kwargs(self, obj):
        return {"paging": obj.links}

    def description(self, obj):
        return _("Activiteiten van de Slimme Zorg Estafette.")

    def items(self, obj):
        return obj.rows

    def item_title(self, activity):
        prefix = _("Geannuleerd: ") if activity.status == Activity.Status.CANCELLED else ""
        return prefix + activity.title

    def item_description(self, activity):
        return f"{when_and_where(activity)}\n\n{activity.summary}".strip()

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
        return [theme.label for theme in activity.vocabularies["themes"]]


class AgendaAtomFeed(AgendaRssFeed):
    feed_type = PagedAtomFeed

    def subtitle(self, obj):
        return self.description(obj)


agenda_rss = require_GET(cache_public_page(conditional_public(AgendaRssFeed())))
agenda_atom = require_GET(cache_public_page(conditional_public(AgendaAtomFeed())))
