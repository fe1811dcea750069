"""Who may do what with an activity: the organisers' rights per write, and who reviews it.

Every view that acts on an activity for its organisers asks `get_activity_for`, so the answer
(the activity, 404 or 403) is decided in one place.
"""

import enum

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from estafette.accounts.permissions import has_two_factor
from estafette.activities.models import Activity
from estafette.organisations.models import Membership
from estafette.partners.models import Partner
from estafette.relay.models import Region


class Role(enum.StrEnum):
    """How a user is connected to an activity, through their active memberships."""

    LEAD_ADMIN = "lead_admin"
    LEAD_MEMBER = "lead_member"
    PARTNER_ADMIN = "partner_admin"
    PARTNER_MEMBER = "partner_member"


class Action(enum.StrEnum):
    VIEW = "view"  # see it in the dashboard and its partner list
    EDIT = "edit"  # public text, time, place, sign-up settings
    LEAD_CHANGE = "lead_change"  # hand the activity to another organisation
    CANCEL = "cancel"
    DUPLICATE = "duplicate"  # copy into a new edition under the same lead organisation
    CAPACITY = "capacity"  # number of places, closing or opening sign-ups
    PARTICIPANTS = "participants"  # see, export and tick off who signed up
    MESSAGES = "messages"  # e-mail everyone who signed up
    PARTNERS = "partners"  # invite partner organisations


_EVERYONE = frozenset(Role)
_LEAD = frozenset({Role.LEAD_ADMIN, Role.LEAD_MEMBER})

# The rights, written down once. The lead organisation owns the activity: only its admins hand
# it over, only its people cancel, copy or invite partners. Partners organise with them: they
# edit and work with the participants; their members do not change places or mail everyone.
RIGHTS: dict[Action, frozenset[Role]] = {
    Action.VIEW: _EVERYONE,
    Action.EDIT: _EVERYONE,
    Action.LEAD_CHANGE: frozenset({Role.LEAD_ADMIN}),
    Action.CANCEL: _LEAD,
    Action.DUPLICATE: _LEAD,
    Action.CAPACITY: _LEAD | {Role.PARTNER_ADMIN},
    Action.PARTICIPANTS: _EVERYONE,
    Action.MESSAGES: _LEAD | {Role.PARTNER_ADMIN},
    Action.PARTNERS: _LEAD,
}


def role_in(user, activity) -> Role | None:
    """The user's strongest connection to the activity; None for everyone else (coordinators
    and staff included: they review, they do not organise)."""
    if not user.is_authenticated or activity is None or activity.pk is None:
        return None
    roles = dict(
        Membership.objects.active().filter(user=user).values_list("organisation_id", "role")
    )
    if not roles:
        return None
    lead_role = roles.get(activity.lead_organisation_id)
    if lead_role is not None:
        return Role.LEAD_ADMIN if lead_role == Membership.Role.ADMIN else Role.LEAD_MEMBER
    partner_ids = (
        Partner.objects.accepted()
        .filter(activity_id=activity.pk, organisation_id__in=roles)
        .values_list("organisation_id", flat=True)
    )
    partner_roles = {roles[pk] for pk in partner_ids}
    if not partner_roles:
        return None
    if Membership.Role.ADMIN in partner_roles:
        return Role.PARTNER_ADMIN
    return Role.PARTNER_MEMBER


def can(user, activity, action: Action) -> bool:
    return role_in(user, activity) in RIGHTS[action]


def get_activity_for(user, pk, action: Action, queryset=None):
    """The activity if the user may do `action`; 404 for people who do not organise it (they
    need not know it exists), 403 for organisers whose role lacks the right."""
    queryset = queryset if queryset is not None else Activity.objects.all()
    activity = queryset.filter(pk=pk).first()
    role = role_in(user, activity) if activity is not None else None
    if role is None:
        raise Http404
    if role not in RIGHTS[action]:
        raise PermissionDenied(_("Uw rol bij deze activiteit geeft u hier geen toegang toe."))
    return activity


def inviting_organisation_ids(user) -> set[int]:
    """The lead organisations whose activities the user may invite partners for, for a list of
    activities at once (the right belongs to the lead's people, see RIGHTS[Action.PARTNERS])."""
    if not user.is_authenticated or not RIGHTS[Action.PARTNERS] <= _LEAD:
        return set()
    return set(
        Membership.objects.active().filter(user=user).values_list("organisation_id", flat=True)
    )


def can_edit(user, activity) -> bool:
    return can(user, activity, Action.EDIT)


def moderation_regions(user):
    """The regions whose queue the user sees: staff all of them, coordinators their own."""
    if not user.is_authenticated:
        return Region.objects.none()
    if user.is_staff or user.is_superuser:
        return Region.objects.all()
    return user.coordinated_regions.all()


def may_see_for_moderation(user, activity) -> bool:
    """Without the two-factor check: whether the activity belongs to the user's queue."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    if activity.stage_id is None:
        return False
    return user.coordinated_regions.filter(pk=activity.stage.region_id).exists()


def can_moderate(user, activity) -> bool:
    """Coordinator of the activity's region, or national staff (who alone review national
    activities); with two factors set up."""
    return may_see_for_moderation(user, activity) and has_two_factor(user)
