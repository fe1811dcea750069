from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from estafette.core.caching import cache_parameters


class FiguresConfig(AppConfig):
    name = "estafette.figures"
    label = "figures"
    verbose_name = _("Cijfers")

    def ready(self):
        from estafette.figures import signals  # noqa: F401  (connects the receivers)
        from estafette.figures.forms import MapMetricForm  # its models load only now

        cache_parameters(*MapMetricForm.base_fields)
