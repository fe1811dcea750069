"""Who must use two factors, and the guard that sends them to set it up before they moderate."""

from functools import wraps
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

# Set when a user proves the second factor while activating it (allauth does not record that
# as an authentication step), so a coordinator can moderate right after setting up TOTP.
TOTP_ACTIVATED_SESSION_KEY = "estafette_totp_activated_for"


def needs_two_factor(user) -> bool:
    """Coordinators and national staff must use TOTP before they may moderate or manage."""
    if not user.is_authenticated:
        return False
    return user.is_staff or user.is_superuser or user.is_coordinator


def has_two_factor(user) -> bool:
    """The user has an authenticator app (TOTP) set up."""
    if not user.is_authenticated:
        return False
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def session_used_two_factor(request) -> bool:
    """This log-in session passed the second factor (at log-in, re-authentication or set-up)."""
    user = request.user
    if not user.is_authenticated:
        return False
    records = get_authentication_records(request, user)
    if any(record.get("method") == "mfa" for record in records):
        return True
    return request.session.get(TOTP_ACTIVATED_SESSION_KEY) == str(user.pk)


def passes_two_factor(request) -> bool:
    """The user needs no second factor, or has TOTP and used it in this session."""
    user = request.user
    if not needs_two_factor(user):
        return True
    return has_two_factor(user) and session_used_two_factor(request)


def two_factor_redirect(request, next_url: str | None = None):
    """None if the request may pass; otherwise the redirect to set up or re-enter the second factor."""
    user = request.user
    if not needs_two_factor(user):
        return None
    next_query = urlencode({"next": next_url or request.get_full_path()})
    if not has_two_factor(user):
        messages.warning(
            request,
            _(
                "Als coördinator of medewerker van het landelijk team heeft u tweestapsverificatie "
                "nodig. Stel eerst een authenticator-app in; daarna kunt u verder."
            ),
        )
        return redirect("mfa_index")
    if not session_used_two_factor(request):
        messages.info(
            request,
            _("Vul de code uit uw authenticator-app in om verder te gaan."),
        )
        return redirect(f"{reverse('mfa_reauthenticate')}?{next_query}")
    return None


def two_factor_required(view):
    """Log-in required; coordinators and staff also need TOTP, used in this session.

    Other users pass through: the view's own permission check decides what they may do.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        response = two_factor_redirect(request)
        if response is not None:
            return response
        return view(request, *args, **kwargs)

    return wrapper
