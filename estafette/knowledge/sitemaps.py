"""The knowledge hub's pages for the sitemap, Dutch and English."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from estafette.knowledge.models import HUB_PAGE_TYPES


class KnowledgeSitemap(Sitemap):
    """Wagtail's sitemap covers one site root; ours also lists the English twins."""

    def items(self):
        return (
            Page.objects.live()
            .public()
            .type(*HUB_PAGE_TYPES)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
