"""What other parts of the site read from the knowledge hub."""

from django.utils.translation import get_language
from wagtail.models import Locale

from estafette.knowledge.models import ArticlePage, FaqPage, HandbookIndexPage, ToolkitPage

GUIDE_TYPES = (HandbookIndexPage, ToolkitPage, ArticlePage, FaqPage)


def guide_pages() -> list:
    """The hub's guides for organisers (handbook, toolkit, articles such as the page for
    libraries, questions) in the visitor's language, falling back to Dutch; live pages only."""
    locales = Locale.objects.filter(language_code__in=[get_language(), "nl"])
    by_code = {locale.language_code: locale for locale in locales}
    locale = by_code.get(get_language()) or by_code.get("nl")
    if locale is None:
        return []
    pages = []
    for page_type in GUIDE_TYPES:
        pages += page_type.objects.live().public().filter(locale=locale).order_by("path")
    return pages
