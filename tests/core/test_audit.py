"""The audit trail: who, when, what, why."""

import pytest

from estafette.core.audit import audit_trail, log_action
from estafette.core.models import AuditEntry
from tests.factories import ActivityFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_log_action_records_who_what_and_why():
    user = UserFactory()
    activity = ActivityFactory()
    entry = log_action(
        actor=user, action="activity.rejected", target=activity, message="Reclame",
        from_status="submitted", to_status="rejected", preset="commercial",
    )  # fmt: skip
    entry.refresh_from_db()
    assert entry.actor == user and entry.target == activity
    assert (entry.from_status, entry.to_status, entry.message) == (
        "submitted",
        "rejected",
        "Reclame",
    )
    assert entry.data == {"preset": "commercial"}
    assert entry.created_at is not None


def test_trail_is_per_object_and_newest_first():
    one, other = ActivityFactory(), ActivityFactory()
    log_action(actor=None, action="activity.created", target=one)
    log_action(actor=None, action="activity.submitted", target=one)
    log_action(actor=None, action="activity.created", target=other)
    assert [e.action for e in audit_trail(one)] == ["activity.submitted", "activity.created"]
    assert AuditEntry.objects.count() == 3


def test_entries_outlive_their_actor():
    user = UserFactory()
    activity = ActivityFactory()
    log_action(actor=user, action="activity.approved", target=activity)
    user.delete()
    assert audit_trail(activity).get().actor is None
