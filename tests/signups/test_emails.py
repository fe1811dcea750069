"""E-mails: confirmation with a valid .ics, reminders, change and cancellation notices, SMTP failures."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone
from icalendar import Calendar

from estafette.activities.models import Activity
from estafette.core.dates import AMSTERDAM
from estafette.mail.models import OutboxMessage
from estafette.mail.services import deliver_outbox
from estafette.signups import services
from estafette.signups.models import Signup
from tests.signups.conftest import delivered, future_activity, last_mail_to, sign_up

pytestmark = pytest.mark.django_db

INSTANT = Activity.Confirmation.INSTANT


def _calendar(message) -> Calendar:
    name, content, mimetype = message.attachments[0]
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def _event(calendar):
    return next(iter(calendar.walk("VEVENT")))


@pytest.mark.parametrize(
    "day, offset_before, offset_after",
    [
        # The last Sunday of October: summer time (UTC+2) ends at 03:00.
        (dt.date(2027, 10, 31), dt.timedelta(hours=2), dt.timedelta(hours=1)),
        # The last Sunday of March: summer time (UTC+2) starts at 02:00.
        (dt.date(2027, 3, 28), dt.timedelta(hours=1), dt.timedelta(hours=2)),
    ],
)
def test_confirmation_ics_has_correct_amsterdam_times_across_the_dst_change(
    day, offset_before, offset_after
):
    starts = dt.datetime.combine(day, dt.time(0, 30), tzinfo=AMSTERDAM)
    ends = dt.datetime.combine(day, dt.time(10, 0), tzinfo=AMSTERDAM)
    activity = future_activity(starts_at=starts, ends_at=ends, signup_confirmation=INSTANT)
    sign_up(activity)
    calendar = _calendar(last_mail_to("anna@example.nl"))
    assert calendar["METHOD"] == "PUBLISH"
    event = _event(calendar)
    dtstart, dtend = event.decoded("DTSTART"), event.decoded("DTEND")
    assert dtstart.utcoffset() == offset_before
    assert dtend.utcoffset() == offset_after
    assert dtstart == starts and dtend == ends
    assert (dtstart.hour, dtend.hour) == (0, 10)
    assert str(event["UID"]) == f"activity-{activity.pk}@slimmezorgestafette.nl"
    assert any(tz["TZID"] == "Europe/Amsterdam" for tz in calendar.walk("VTIMEZONE"))


def test_join_link_only_for_confirmed_participants_of_online_activities():
    activity = future_activity(
        format=Activity.Format.ONLINE,
        online_url="https://meet.example.nl/zorg",
        venue_name="",
        street_address="",
        postcode="",
        town="",
        capacity=1,
    )
    sign_up(activity, "een@example.nl")  # e-mail confirmation: no join link yet
    waiting_mail = last_mail_to("een@example.nl")
    assert "meet.example.nl" not in waiting_mail.body
    signup = Signup.objects.get()
    services.confirm_signup(signup=signup)
    confirmed = last_mail_to("een@example.nl")
    assert "https://meet.example.nl/zorg" in confirmed.body
    assert "meet.example.nl" in str(_event(_calendar(confirmed))["DESCRIPTION"])


def test_in_person_confirmation_has_no_join_link_but_the_details():
    activity = future_activity(signup_confirmation=INSTANT)
    sign_up(activity)
    message = last_mail_to("anna@example.nl")
    assert "Wijkcentrum De Bron" in message.body
    assert "/aanmelding/" in message.body
    assert "Wijkcentrum De Bron" in str(_event(_calendar(message))["LOCATION"])


def test_reminders_the_day_before_and_the_hour_before_online_ones_are_sent_once():
    now = timezone.now()
    soon = now + dt.timedelta(minutes=50)
    online = future_activity(
        format=Activity.Format.ONLINE,
        online_url="https://meet.example.nl/x",
        starts_at=soon,
        ends_at=soon + dt.timedelta(hours=1),
        signup_confirmation=INSTANT,
    )
    tomorrow = now + dt.timedelta(hours=20)
    in_person = future_activity(
        starts_at=tomorrow, ends_at=tomorrow + dt.timedelta(hours=1), signup_confirmation=INSTANT
    )
    later = future_activity(signup_confirmation=INSTANT)  # a week away: no reminder yet
    sign_up(online, "online@example.nl")
    sign_up(in_person, "fysiek@example.nl")
    sign_up(later, "later@example.nl")
    delivered()
    mail.outbox.clear()
    call_command("send_signup_reminders", stdout=None)
    call_command("send_signup_reminders", stdout=None)  # idempotent
    delivered()
    subjects = sorted(m.subject for m in mail.outbox)
    assert len(subjects) == 3, subjects
    assert sum(s.startswith("Morgen") for s in subjects) == 2
    hour = next(m for m in mail.outbox if m.subject.startswith("Over een uur"))
    assert "https://meet.example.nl/x" in hour.body
    assert not any("later@example.nl" in m.to for m in mail.outbox)


def test_change_notice_carries_the_updated_ics_with_a_higher_sequence():
    activity = future_activity(signup_confirmation=INSTANT)
    sign_up(activity)
    first = _event(_calendar(last_mail_to("anna@example.nl")))
    Activity.objects.filter(pk=activity.pk).update(
        sequence=F("sequence") + 1, venue_name="Stadhuis"
    )
    activity.refresh_from_db()
    assert services.notify_participants_of_change(activity=activity) == 1
    changed = last_mail_to("anna@example.nl")
    assert changed.subject.startswith("Gewijzigd")
    event = _event(_calendar(changed))
    assert int(event["SEQUENCE"]) == int(first["SEQUENCE"]) + 1
    assert str(event["UID"]) == str(first["UID"])
    assert "Stadhuis" in str(event["LOCATION"])


def test_cancellation_notice_has_method_cancel_and_status_cancelled():
    activity = future_activity(capacity=1, signup_confirmation=INSTANT)
    sign_up(activity, "een@example.nl")
    sign_up(activity, "twee@example.nl")  # waiting: told as well
    Activity.objects.filter(pk=activity.pk).update(
        status=Activity.Status.CANCELLED, sequence=F("sequence") + 1
    )
    activity.refresh_from_db()
    assert services.notify_participants_of_cancellation(activity=activity) == 2
    message = last_mail_to("een@example.nl")
    assert message.subject.startswith("Gaat niet door")
    calendar = _calendar(message)
    assert calendar["METHOD"] == "CANCEL"
    assert _event(calendar)["STATUS"] == "CANCELLED"


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server down")


def test_failing_smtp_delays_mail_but_never_loses_the_sign_up(client, settings):
    from tests.signups.conftest import form_data

    activity = future_activity(signup_confirmation=INSTANT)
    data = form_data(client, activity)
    settings.EMAIL_BACKEND = "tests.signups.test_emails.FailingBackend"
    response = client.post(f"/activiteit/{activity.pk}/aanmelden/", data)
    assert response.status_code == 302
    assert Signup.objects.get().status == Signup.Status.CONFIRMED
    assert deliver_outbox() == (0, 1)
    message = OutboxMessage.objects.get(to=["anna@example.nl"])
    assert message.sent_at is None and message.attempts == 1
    assert "SMTP server down" in message.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboxMessage.objects.update(send_after=timezone.now())
    assert deliver_outbox() == (1, 0)
    assert mail.outbox[-1].to == ["anna@example.nl"]
    assert mail.outbox[-1].attachments


def test_an_organiser_moving_the_activity_tells_everyone_with_a_place():
    from tests.factories import edit_published

    activity = future_activity(signup_confirmation=INSTANT)
    sign_up(activity)
    first = _event(_calendar(last_mail_to("anna@example.nl")))
    before = len(mail.outbox)
    activity.summary = "Alleen de samenvatting is anders."
    edit_published(activity)
    assert len(delivered()) == before  # no notice for a change that is not about time or place
    activity.starts_at += dt.timedelta(hours=1)
    activity.ends_at += dt.timedelta(hours=1)
    edit_published(activity)
    changed = last_mail_to("anna@example.nl")
    assert changed.subject.startswith("Gewijzigd")
    event = _event(_calendar(changed))
    assert int(event["SEQUENCE"]) == int(first["SEQUENCE"]) + 1
    assert event["DTSTART"].dt == activity.starts_at
