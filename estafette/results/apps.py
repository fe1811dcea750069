from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "estafette.results"
    label = "results"
    verbose_name = _("Terugblik en stokje")
