"""Reads about partners: an activity's partners, and the invitations waiting for a user."""

from allauth.account.models import EmailAddress
from django.db.models import Q

from estafette.organisations.models import Membership
from estafette.organisations.permissions import admin_organisations
from estafette.partners.models import Partner


def verified_emails(user) -> list[str]:
    if not user.is_authenticated:
        return []
    return [
        email.lower()
        for email in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    ]


def pending_invitations_for(user):
    """Invitations waiting for the user's answer: to an organisation they are admin of, or by
    e-mail to one of their verified addresses (matched now, so nothing has to attach them)."""
    if not user.is_authenticated:
        return Partner.objects.none()
    admin_of = Membership.objects.admins().filter(user=user).values("organisation_id")
    return (
        Partner.objects.invited()
        .filter(
            Q(organisation_id__in=admin_of)
            | Q(organisation__isnull=True, invited_email__in=verified_emails(user))
        )
        .select_related(
            "organisation", "activity__lead_organisation", "activity__edition", "invited_by"
        )
        .order_by("created_at")
    )


def invitations_context(user) -> dict:
    """What the invitation list needs: the invitations, and the organisations that may answer
    an invitation sent by e-mail."""
    return {
        "invitations": pending_invitations_for(user),
        "answer_organisations": admin_organisations(user),
    }


def partners_of(activity):
    return activity.partners.select_related("organisation").order_by("created_at")
