from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo tooling (`seed_demo`): no models, only the command and its data."""

    name = "estafette.demo"
    label = "demo"
    verbose_name = _("Demodata")
