"""The link from what belongs to an organisation to it: its memberships, its calls on the board
and its answers to others' calls, its weekly mail of calls."""

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from estafette.core.models import part_of

if TYPE_CHECKING:
    from estafette.organisations.models import Organisation


def part_of_organisation(
    related_name: str, *, one: bool = False
) -> "models.ForeignKey[Organisation]":
    """The organisation this row belongs to: it goes when the organisation is deleted."""
    return part_of("organisations.Organisation", _("organisatie"), related_name, one=one)
