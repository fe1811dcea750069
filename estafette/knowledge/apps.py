from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from estafette.core.caching import bump_public_version, cache_parameters


def hub_changed(**kwargs):
    """A page went live or off line: the cached pages that list hub pages (the hub's search
    and the sitemap) are refreshed after the commit."""
    bump_public_version()


class KnowledgeConfig(AppConfig):
    name = "estafette.knowledge"
    label = "knowledge"
    verbose_name = _("Kennisbank")

    def ready(self):
        cache_parameters("q", "page")  # the hub's search
        # Wagtail publishes outside our services (the editor, scheduled publishing): its own
        # signals are the one place where that decision can be seen.
        from wagtail.signals import page_published, page_unpublished

        page_published.connect(hub_changed, dispatch_uid="knowledge-published")
        page_unpublished.connect(hub_changed, dispatch_uid="knowledge-unpublished")
