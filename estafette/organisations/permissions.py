"""Who may act for an organisation (for an activity: estafette.activities.permissions)."""

from estafette.organisations.models import Membership, Organisation


def organisations_of(user):
    """The organisations where the user is an active member (any role)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__status=Membership.Status.ACTIVE
    ).distinct()


def admin_organisations(user):
    """The organisations where the user is an active admin."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        pk__in=Membership.objects.admins().filter(user=user).values("organisation_id")
    ).order_by("name")


def is_member_of(user, organisation) -> bool:
    if not user.is_authenticated or organisation is None:
        return False
    return Membership.objects.active().filter(user=user, organisation=organisation).exists()


def is_admin_of(user, organisation) -> bool:
    if not user.is_authenticated or organisation is None:
        return False
    return Membership.objects.admins().filter(user=user, organisation=organisation).exists()
