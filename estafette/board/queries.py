"""Reads for the board: open calls with the filters, and the stages a call may be posted for."""

from estafette.board.models import Call
from estafette.relay.models import Stage


def open_calls(today, *, region=None, kind=""):
    calls = (
        Call.objects.open_on(today)
        .select_related("organisation", "stage__region", "stage__edition")
        .prefetch_related("wanted_kinds", "themes")
        .order_by("stage__starts_on", "-created_at")
    )
    if region is not None:
        calls = calls.filter(stage__region=region)
    if kind:
        calls = calls.filter(wanted_kinds__kind=kind)
    return calls


def stages_open_for_calls(today):
    """Weeks that have not begun: a call is posted before the region's week."""
    return (
        Stage.objects.filter(edition__is_published=True, starts_on__gt=today)
        .select_related("edition", "region")
        .order_by("starts_on")
    )
