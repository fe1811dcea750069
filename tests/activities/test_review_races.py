"""Coordinators acting at once (PostgreSQL, real transactions): an activity approved from several
review pages or queues at the same moment is published once, with one audit entry and one mail;
the first coordinators' note written by several at once is one note, without an error."""

import pytest
from django.utils import timezone

from estafette.activities import services
from estafette.activities.models import Activity, CoordinatorNote
from estafette.core.audit import audit_trail
from estafette.mail.models import OutboxMessage
from tests.factories import ActivityFactory, add_totp
from tests.races import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 8


@pytest.fixture
def coordinator(coordinator_oost):
    add_totp(coordinator_oost)
    return coordinator_oost


def test_items_approved_from_several_queues_at_once_are_published_once(
    organisation, organiser, coordinator
):
    waiting = [
        ActivityFactory(
            lead_organisation=organisation,
            created_by=organiser,
            status=Activity.Status.SUBMITTED,
            submitted_at=timezone.now(),
        )
        for _ in range(3)
    ]
    outcomes = []
    errors = race(
        lambda n: outcomes.append(
            services.approve_selected(pks=[a.pk for a in waiting], by=coordinator)
        ),
        THREADS,
    )
    assert errors == []
    assert sum(len(outcome.approved) for outcome in outcomes) == 3
    assert sum(len(outcome.refused) for outcome in outcomes) == 3 * (THREADS - 1)
    for activity in waiting:
        activity.refresh_from_db()
        assert activity.status == Activity.Status.PUBLISHED
        assert audit_trail(activity).filter(action="activity.approved").count() == 1
    assert OutboxMessage.objects.filter(subject__contains="staat online").count() == 3


def test_the_first_note_written_by_several_at_once_is_one_note(organisation, coordinator):
    activity = ActivityFactory(lead_organisation=organisation)
    errors = race(
        lambda n: services.set_coordinator_note(
            activity=activity, by=coordinator, text=f"Notitie {n}"
        ),
        THREADS,
    )
    assert errors == []
    assert CoordinatorNote.objects.filter(activity=activity).count() == 1
    changes = audit_trail(activity).filter(action="activity.coordinator_note_changed")
    assert changes.count() == THREADS  # each wrote other words, one after the other


def test_one_activity_approved_on_several_review_pages_at_once_is_published_once(
    organisation, organiser, coordinator
):
    """Each coordinator's page read the activity while it was still waiting."""
    activity = ActivityFactory(
        lead_organisation=organisation,
        created_by=organiser,
        status=Activity.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    pages = [Activity.objects.get(pk=activity.pk) for _ in range(THREADS)]
    errors = race(lambda n: services.approve_activity(activity=pages[n], by=coordinator), THREADS)
    assert len(errors) == THREADS - 1
    assert {str(error.messages[0]) for error in errors} == {
        "Alleen een ingediende activiteit kan worden goedgekeurd."
    }
    assert audit_trail(activity).filter(action="activity.approved").count() == 1
    assert OutboxMessage.objects.filter(subject__contains="staat online").count() == 1
