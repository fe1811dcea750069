"""Who sees which dashboard: coordinators their own regions, national staff everything."""

from estafette.activities.permissions import moderation_regions


def dashboard_regions(user):
    """The regions whose dashboard and exports the user may see (staff: all)."""
    return moderation_regions(user)


def may_see_region(user, region) -> bool:
    return dashboard_regions(user).filter(pk=region.pk).exists()


def may_see_national(user) -> bool:
    return user.is_authenticated and (user.is_staff or user.is_superuser)
