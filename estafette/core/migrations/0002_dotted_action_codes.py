"""The audit trail's action codes become dotted, `<object>.<what happened>` (see
estafette.core.audit.ACTIONS); existing entries are renamed in place."""

from django.db import migrations

RENAMED = {
    "created": "activity.created",
    "edited": "activity.edited",
    "submitted": "activity.submitted",
    "approved": "activity.approved",
    "changes_requested": "activity.changes_requested",
    "rejected": "activity.rejected",
    "cancelled": "activity.cancelled",
    "duplicated": "activity.duplicated",
    "capacity_changed": "signup.capacity_changed",
    "signup_closed": "signup.closed",
    "signup_opened": "signup.opened",
    "participants_messaged": "signup.participants_messaged",
    "partner_invited": "partner.invited",
    "partner_accepted": "partner.accepted",
    "partner_declined": "partner.declined",
}
# "imported" was written twice per import: on each activity and once on the organisation.
IMPORTED = {
    ("activities", "activity"): "activity.imported",
    ("organisations", "organisation"): "organisation.activities_imported",
}


def rename(apps, schema_editor, forward=True):
    AuditEntry = apps.get_model("core", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    entries = AuditEntry.objects.using(schema_editor.connection.alias)
    for old, new in RENAMED.items():
        before, after = (old, new) if forward else (new, old)
        entries.filter(action=before).update(action=after)
    for (app_label, model), new in IMPORTED.items():
        kinds = ContentType.objects.filter(app_label=app_label, model=model).values("pk")
        if forward:
            entries.filter(action="imported", target_type__in=kinds).update(action=new)
        else:
            entries.filter(action=new).update(action="imported")


def unrename(apps, schema_editor):
    rename(apps, schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_audit_trail"),
    ]

    operations = [migrations.RunPython(rename, unrename)]
