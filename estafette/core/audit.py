"""Write and read the audit trail; every change of state in a service calls log_action."""

from django.contrib.contenttypes.models import ContentType

from estafette.core.models import AuditEntry


def log_action(*, actor, action: str, target, message: str = "", **data) -> AuditEntry:
    """Record one transition; from_status/to_status may be passed in data."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        from_status=data.pop("from_status", "") or "",
        to_status=data.pop("to_status", "") or "",
        message=message,
        data=data,
    )


def audit_trail(target):
    """The entries about one object, newest first, with their actors."""
    return AuditEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=target.pk
    ).select_related("actor")
