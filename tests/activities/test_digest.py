"""Working days and the coordinators' daily digest."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from estafette.activities.digest import send_moderation_digest
from estafette.activities.models import Activity
from estafette.activities.queries import working_days_between
from estafette.core.dates import AMSTERDAM
from tests.factories import ActivityFactory

D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (D(2027, 2, 1), D(2027, 2, 1), 0),  # same Monday
        (D(2027, 2, 1), D(2027, 2, 2), 1),  # Mon → Tue
        (D(2027, 2, 5), D(2027, 2, 8), 1),  # Fri → Mon: the weekend does not count
        (D(2027, 2, 6), D(2027, 2, 8), 1),  # Sat → Mon
        (D(2027, 2, 6), D(2027, 2, 7), 0),  # Sat → Sun
        (D(2027, 2, 1), D(2027, 2, 8), 5),  # a whole week
        (D(2027, 2, 3), D(2027, 2, 17), 10),  # two weeks
        (D(2027, 2, 8), D(2027, 2, 1), 0),  # backwards
    ],
)
def test_working_days_between(start, end, days):
    assert working_days_between(start, end) == days


def _submitted_on(day, **kwargs):

    moment = dt.datetime.combine(day, dt.time(9), tzinfo=AMSTERDAM)
    return ActivityFactory(status=Activity.Status.SUBMITTED, submitted_at=moment, **kwargs)


@pytest.mark.django_db
def test_digest_lists_only_items_waiting_over_two_working_days(
    coordinator_oost, django_capture_on_commit_callbacks
):

    old = _submitted_on(D(2027, 2, 3))  # Wednesday: 3 working days before Monday
    recent = _submitted_on(D(2027, 2, 5))  # Friday: 1 working day before Monday
    _submitted_on(D(2027, 1, 1), region="west")  # another region
    now = dt.datetime(2027, 2, 8, 7, tzinfo=AMSTERDAM)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_moderation_digest(now=now) == 1
    (message,) = mail.outbox
    assert message.to == [coordinator_oost.email]
    assert old.title in message.body and recent.title not in message.body
    assert "wacht 3 werkdagen" in message.body
    assert "/beoordelen/" in message.body


@pytest.mark.django_db
def test_no_digest_when_nothing_waits_long(coordinator_oost):
    call_command("send_moderation_digest")
    assert not mail.outbox
