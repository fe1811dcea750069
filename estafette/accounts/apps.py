from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True
    name = "estafette.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Connects the receivers once the models are loaded (Django's place for it).
        from estafette.accounts import signals  # noqa: F401
