"""What a feed or widget without a date or edition shows: what is coming, a running relay whole."""

import datetime as dt

from estafette.core.dates import local_today
from estafette.relay.models import Edition

# Looking back this far keeps yesterday's activities of a running week in view when no edition
# runs today (between the national moments, after the closing).
LOOK_BACK = dt.timedelta(days=14)


def is_bounded(cleaned) -> bool:
    """The filters name an edition or a date range: the answer is a fixed set, carried whole."""
    return bool(cleaned.get("edition") or cleaned.get("from") or cleaned.get("to"))


def window_start(today: dt.date | None = None) -> dt.date:
    """The first day of the running edition while one runs, else two weeks back."""
    today = today or local_today()
    running = Edition.objects.visible().filter(starts_on__lte=today, ends_on__gte=today).first()
    return min(running.starts_on, today - LOOK_BACK) if running else today - LOOK_BACK


def with_default_window(cleaned) -> dict:
    """The filters as given when bounded; otherwise from the window's start onwards."""
    if is_bounded(cleaned):
        return cleaned
    return {**cleaned, "from": window_start()}
