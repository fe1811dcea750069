"""Hiding published content (a result, a call on the board) with a reason, and showing it again.

The services that call these log the change themselves, each with its own literal action code
(tests/core/test_audit_codes.py reads them from the call sites)."""

from django.core.exceptions import ValidationError

from estafette.core.models import Hideable


def hide(item: Hideable, *, reason: str, reason_missing: str) -> None:
    """Take `item` (a Hideable) off the public pages. The reason is required (`reason_missing`
    says so) and stays with the item."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": reason_missing})
    _set_hidden(item, True, reason)


def show(item: Hideable) -> None:
    _set_hidden(item, False, "")


def _set_hidden(item: Hideable, is_hidden: bool, reason: str) -> None:
    item.is_hidden = is_hidden
    item.hidden_reason = reason
    # A model that stamps its changes (auto_now) stamps this one too.
    stamps = [f.name for f in item._meta.concrete_fields if getattr(f, "auto_now", False)]
    item.save(update_fields=["is_hidden", "hidden_reason", *stamps])
