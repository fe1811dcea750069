from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    name = "estafette.figures"
    label = "figures"
    verbose_name = _("Cijfers")

    def ready(self):
        from estafette.figures import signals  # noqa: F401  (connects the receivers)
