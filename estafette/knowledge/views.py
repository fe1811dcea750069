"""Search in the knowledge hub: live public pages in the visitor's language."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from estafette.core.caching import cache_public_page
from estafette.core.http import query_value
from estafette.knowledge.models import HUB_PAGE_TYPES


def hub_pages():
    locale = Locale.objects.filter(language_code=get_language()).first()
    pages = Page.objects.live().public().type(*HUB_PAGE_TYPES)
    return pages.filter(locale=locale) if locale else pages.none()


@cache_public_page
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = hub_pages().search(query) if query else Page.objects.none()
    page = Paginator(results, 20).get_page(query_value(request.GET, "page", old="pagina"))
    return render(request, "knowledge/search.html", {"query": query, "results": page})
