"""Who may see an activity's participants: the organisers who may act for the activity."""

from estafette.organisations.permissions import can_act_for_activity


def can_manage_signups(user, activity) -> bool:
    return can_act_for_activity(user, activity)
