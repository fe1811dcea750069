"""The reminder to report goes the day after the activity ended, once."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from estafette.mail.services import deliver_outbox
from estafette.results import services
from tests.factories import ActivityFactory, at

pytestmark = pytest.mark.django_db

END_DAY = dt.date(2023, 2, 7)  # oost's week of 2023


@pytest.fixture
def activity(organiser):
    from tests.factories import MembershipFactory

    activity = ActivityFactory(
        created_by=organiser, starts_at=at(END_DAY, 14), ends_at=at(END_DAY, 16)
    )
    MembershipFactory(user=organiser, organisation=activity.lead_organisation)
    return activity


def test_the_reminder_goes_the_day_after_the_end_and_only_once(activity, organiser):
    assert services.send_result_reminders(now=at(END_DAY, 20)) == 0  # same evening: not yet
    assert services.send_result_reminders(now=at(END_DAY + dt.timedelta(days=1), 9)) == 1
    assert services.send_result_reminders(now=at(END_DAY + dt.timedelta(days=1), 10)) == 0
    assert services.send_result_reminders(now=at(END_DAY + dt.timedelta(days=2), 9)) == 0
    deliver_outbox()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [organiser.email]
    assert activity.title in message.subject
    assert f"/mijn/activiteit/{activity.pk}/terugblik/" in message.body


def test_no_reminder_when_results_are_in_or_the_activity_was_cancelled(activity, organiser):
    services.report_result(activity=activity, by=organiser, participants=3, summary="Fijn.")
    cancelled = ActivityFactory(
        status="cancelled", starts_at=at(END_DAY, 10), ends_at=at(END_DAY, 12)
    )
    assert services.send_result_reminders(now=at(END_DAY + dt.timedelta(days=1), 9)) == 0
    deliver_outbox()
    assert cancelled.pk and not mail.outbox


def test_a_first_run_does_not_mail_about_activities_of_long_ago(activity):
    assert services.send_result_reminders(now=at(END_DAY + dt.timedelta(days=60), 9)) == 0


def test_the_scheduled_command_runs_the_same_service(activity, capsys, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: at(END_DAY + dt.timedelta(days=1), 9))
    call_command("send_result_reminders")
    call_command("send_result_reminders")
    assert "send_result_reminders: 1" in capsys.readouterr().out
    deliver_outbox()
    assert len(mail.outbox) == 1
