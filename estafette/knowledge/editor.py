"""The editor (Wagtail's admin at /redactie/): the site's login, two factors, its own CSP."""

from functools import wraps
from urllib.parse import urlencode

from csp.decorators import csp_replace
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin

from estafette.accounts.permissions import has_two_factor, session_used_two_factor

# Wagtail's editor runs JavaScript with inline styles and previews pages in a frame of its own;
# these sources are allowed on its pages only, never on the public site.
EDITOR_CSP = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}


def editor_guard(view):
    """Everyone in the editor logs in through allauth and has used a second factor."""

    @csp_replace(EDITOR_CSP)
    @xframe_options_sameorigin
    @wraps(view)
    def guarded(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), login_url=reverse("account_login"))
        next_query = "?" + urlencode({"next": request.get_full_path()})
        if not has_two_factor(user):
            return redirect(reverse("mfa_index"))
        if not session_used_two_factor(request):
            return redirect(reverse("mfa_reauthenticate") + next_query)
        return view(request, *args, **kwargs)

    return guarded
