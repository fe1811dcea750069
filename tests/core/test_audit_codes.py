"""Every action in the audit trail has a dotted code from one registry, with a Dutch label."""

import ast
import importlib
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps as global_apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import translation

import estafette
from estafette.core.audit import ACTIONS, DOTTED, UnknownAction, action_label, log_action
from estafette.core.models import AuditEntry
from tests.factories import ActivityFactory

SOURCE = Path(estafette.__file__).parent


def _codes(node) -> list:
    """The string literals an `action=` argument can take (a literal or a conditional of two);
    `staff_code(...)` stands for the staff codes, checked below per admin."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "staff_code":
        return ["activity.changed_by_staff"]
    if isinstance(node, ast.IfExp):
        return _codes(node.body) + _codes(node.orelse)
    return [None]  # anything else cannot be checked here: a failure


def call_sites():
    for path in sorted(SOURCE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name != "log_action":
                continue
            (action,) = [keyword.value for keyword in node.keywords if keyword.arg == "action"]
            for code in _codes(action):
                yield f"{path.relative_to(SOURCE)}:{node.lineno}", code


def test_every_log_action_call_site_uses_a_registered_dotted_code():
    sites = list(call_sites())
    assert len(sites) >= 25  # the scan finds the services' calls
    wrong = [(site, code) for site, code in sites if code not in ACTIONS]
    assert wrong == []


def test_every_code_is_dotted_and_has_a_dutch_and_an_english_label():
    for code in ACTIONS:
        assert DOTTED.match(code), code
        with translation.override("nl"):
            dutch = action_label(code)
        with translation.override("en"):
            english = action_label(code)
        assert dutch and dutch != code, code
        assert english and english != dutch, code


@pytest.mark.django_db
def test_log_action_refuses_an_unregistered_code():
    with pytest.raises(UnknownAction):
        log_action(actor=None, action="approved", target=ActivityFactory())
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_migration_renames_the_old_codes():
    migration = importlib.import_module("estafette.core.migrations.0002_dotted_action_codes")
    activity = ActivityFactory()
    organisation = activity.lead_organisation
    kind = ContentType.objects.get_for_model
    for action, target in [
        ("approved", activity), ("capacity_changed", activity), ("partner_declined", activity),
        ("imported", activity), ("imported", organisation), ("board.call_posted", activity),
    ]:  # fmt: skip
        AuditEntry.objects.create(action=action, target_type=kind(target), target_id=target.pk)
    editor = SimpleNamespace(connection=connection)
    migration.rename(global_apps, editor)
    assert sorted(AuditEntry.objects.values_list("action", flat=True)) == [
        "activity.approved",
        "activity.imported",
        "board.call_posted",
        "organisation.activities_imported",
        "partner.declined",
        "signup.capacity_changed",
    ]
    migration.unrename(global_apps, editor)
    assert sorted(AuditEntry.objects.values_list("action", flat=True)) == [
        "approved", "board.call_posted", "capacity_changed", "imported", "imported",
        "partner_declined",
    ]  # fmt: skip


def test_every_admin_of_ours_audits_staff_edits_with_registered_codes():
    """Each model staff may edit in the admin, and each model of its inlines, has its codes."""
    from django.contrib import admin

    from estafette.core.admin import ReadOnlyMixin, StaffAuditMixin
    from estafette.mail.models import OutboxMessage

    unaudited = []
    for model, model_admin in admin.site._registry.items():
        if not model.__module__.startswith("estafette.") or model is OutboxMessage:
            continue
        if isinstance(model_admin, ReadOnlyMixin):  # nothing to edit (the trail, sign-ups)
            continue
        if not isinstance(model_admin, StaffAuditMixin):
            unaudited.append(model.__name__)
            continue
        for edited in [model, *(inline.model for inline in model_admin.inlines)]:
            for verb in ("added", "changed", "deleted"):
                assert f"{edited._meta.model_name}.{verb}_by_staff" in ACTIONS, edited
    assert unaudited == []
