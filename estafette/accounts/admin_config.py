"""Django's admin app, on a site that asks staff for two factors (see admin_site.py)."""

from django.contrib.admin.apps import AdminConfig


class TwoFactorAdminConfig(AdminConfig):
    default_site = "estafette.accounts.admin_site.TwoFactorAdminSite"
