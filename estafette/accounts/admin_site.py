"""The admin site (/beheer/): staff log in through allauth and must have used TOTP."""

from urllib.parse import urlencode

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from estafette.accounts.permissions import passes_two_factor, two_factor_redirect


class TwoFactorAdminSite(admin.AdminSite):
    site_header = _("Slimme Zorg Estafette – beheer")
    site_title = _("Beheer")

    def has_permission(self, request):
        return super().has_permission(request) and passes_two_factor(request)

    def login(self, request, extra_context=None):
        """Never Django's own password form: it would skip allauth's rate limits and TOTP."""
        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = ""
        next_url = next_url or reverse("admin:index", current_app=self.name)
        user = request.user
        if user.is_authenticated and user.is_active and user.is_staff:
            response = two_factor_redirect(request, next_url=next_url)
            return response or redirect(next_url)
        if user.is_authenticated:
            # Logged in without staff rights: sending them to log in again would loop.
            raise PermissionDenied(_("U heeft geen toegang tot het beheer."))
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
