"""Who may act for an organisation, and for an activity it (co-)organises."""

from estafette.organisations.models import Membership, Organisation


def organisations_of(user):
    """The organisations where the user is an active member (any role)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__status=Membership.Status.ACTIVE
    ).distinct()


def is_member_of(user, organisation) -> bool:
    if not user.is_authenticated or organisation is None:
        return False
    return Membership.objects.filter(
        user=user, organisation=organisation, status=Membership.Status.ACTIVE
    ).exists()


def is_admin_of(user, organisation) -> bool:
    if not user.is_authenticated or organisation is None:
        return False
    return Membership.objects.filter(
        user=user,
        organisation=organisation,
        status=Membership.Status.ACTIVE,
        role=Membership.Role.ADMIN,
    ).exists()


def can_act_for_activity(user, activity) -> bool:
    """A member of the lead organisation or of an accepted co-organiser may edit the activity
    and see its sign-ups. Coordinators and staff have their own rights (moderation), not these."""
    if not user.is_authenticated or activity is None or activity.pk is None:
        return False
    from estafette.activities.models import CoOrganisation

    mine = Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).values(
        "organisation_id"
    )
    if activity.lead_organisation_id in {row["organisation_id"] for row in mine}:
        return True
    return CoOrganisation.objects.filter(
        activity=activity,
        status=CoOrganisation.Status.ACCEPTED,
        organisation_id__in=mine,
    ).exists()
