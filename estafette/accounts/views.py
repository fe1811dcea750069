"""The organiser's account page and deleting one's own account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from estafette.accounts.forms import DeleteAccountForm
from estafette.accounts.permissions import has_two_factor, needs_two_factor
from estafette.accounts.services import delete_account, organisations_blocking_deletion
from estafette.organisations.models import Membership
from estafette.partners.queries import invitations_context


def _optional_url(name: str) -> str:
    """Links to other apps' pages that may not exist yet in every build."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


@login_required
def overview(request):
    user = request.user
    memberships = Membership.objects.filter(user=user).select_related("organisation")
    return render(
        request,
        "accounts/overview.html",
        {
            "memberships": memberships,
            **invitations_context(user),
            "needs_two_factor": needs_two_factor(user),
            "has_two_factor": has_two_factor(user),
            "dashboard_url": _optional_url("activities:dashboard"),
        },
    )


@login_required
def delete(request):
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    blocking = organisations_blocking_deletion(request.user)
    if request.method == "POST" and form.is_valid():
        try:
            delete_account(user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            logout(request)
            messages.success(request, _("Uw account is verwijderd."))
            return redirect("relay:home")
    return render(request, "accounts/delete.html", {"form": form, "blocking": blocking})
