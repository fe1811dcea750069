"""Who may post, answer, decide and hide on the partners wanted board."""

from estafette.accounts.permissions import has_two_factor
from estafette.activities.permissions import moderation_regions
from estafette.organisations.permissions import is_admin_of, is_member_of, organisations_of


def can_post_for(user, organisation) -> bool:
    return is_member_of(user, organisation)


def can_decide(user, call) -> bool:
    """The calling organisation's members decide on answers and close the call."""
    return is_member_of(user, call.organisation)


def answering_organisations(user, call):
    """The user's organisations that may still answer this call (not the caller itself)."""
    return (
        organisations_of(user)
        .exclude(pk=call.organisation_id)
        .exclude(pk__in=call.answers.values("organisation_id"))
    )


def can_hide(user, call) -> bool:
    """The coordinator of the call's region (or national staff), with two factors; as for
    moderating activities."""
    return moderation_regions(user).filter(pk=call.stage.region_id).exists() and has_two_factor(
        user
    )


def can_subscribe(user, organisation) -> bool:
    return is_admin_of(user, organisation)
