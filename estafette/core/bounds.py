"""The range of days the site reasons about.

Date arithmetic near the ends of Python's calendar overflows (the week around 9999-12-31 has no
Sunday, a moment on 0001-01-01 has no UTC offset to subtract), so every public parameter that
names a day or a moment is checked against this range first and refused with a Dutch message.
Centuries of slack on both sides of the relay's own years.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2999, 12, 31)
LAST_YEAR = LATEST.year
OUT_OF_RANGE = _("Kies een datum tussen 1900 en 2999.")


def is_supported_day(day: dt.date) -> bool:
    return EARLIEST <= day <= LATEST


def validate_supported_day(day: dt.date) -> None:
    """Form validator for a day (from, to, day)."""
    if day is not None and not is_supported_day(day):
        raise ValidationError(OUT_OF_RANGE, code="out_of_range")
