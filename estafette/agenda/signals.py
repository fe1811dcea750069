"""Keep public pages fresh: any change to an activity or its partners bumps the cache version."""

from estafette.core.caching import bump_public_version


def activity_changed(sender, **kwargs):
    bump_public_version()
