from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from estafette.core.caching import cache_parameters


class KnowledgeConfig(AppConfig):
    name = "estafette.knowledge"
    label = "knowledge"
    verbose_name = _("Kennisbank")

    def ready(self):
        cache_parameters("q", "page")  # the hub's search
