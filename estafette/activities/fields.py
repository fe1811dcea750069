"""The link from each part of an activity to it: sign-ups, partners, revisions, the coordinators'
note, the report, the own image. Its own module, free of models, so that the apps whose models
`activities.models` imports can use it too."""

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from estafette.core.models import part_of

if TYPE_CHECKING:
    from estafette.activities.models import Activity


def part_of_activity(related_name: str, *, one: bool = False) -> "models.ForeignKey[Activity]":
    """The activity this row is part of: it goes when the activity is deleted."""
    return part_of("activities.Activity", _("activiteit"), related_name, one=one)
