from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from estafette.core.caching import cache_parameters


class ApiConfig(AppConfig):
    name = "estafette.api"
    label = "api"
    verbose_name = _("Open data")

    def ready(self):
        cache_parameters("at", "postcode")  # who is on turn; which region a postcode is in
