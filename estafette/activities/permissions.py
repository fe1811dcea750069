"""Who may edit an activity and who may review it."""

from estafette.accounts.permissions import has_two_factor
from estafette.organisations.permissions import can_act_for_activity
from estafette.relay.models import Region


def can_edit(user, activity) -> bool:
    return can_act_for_activity(user, activity)


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
