"""'Het stokje is aan u': once per week, to the next region's coordinators and organisers."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from estafette.mail.services import deliver_outbox
from estafette.relay.models import Region
from estafette.results import services
from estafette.results.handover import send_handover_mails
from tests.factories import ActivityFactory, MembershipFactory, UserFactory, at

pytestmark = pytest.mark.django_db

OOST_ENDED = at(dt.date(2023, 2, 11), 9)  # the Saturday after oost's week of 2023


@pytest.fixture
def west_people():
    coordinator = UserFactory(email="coordinator-west@example.nl")
    coordinator.coordinated_regions.add(Region.objects.get(slug="west"))
    organiser = UserFactory(email="bieb-leiden@example.nl")
    activity = ActivityFactory(region="west", status="submitted", created_by=organiser)
    MembershipFactory(user=organiser, organisation=activity.lead_organisation)
    UserFactory(email="coordinator-noord@example.nl").coordinated_regions.add(
        Region.objects.get(slug="noord")
    )
    return coordinator, organiser


def test_the_next_region_hears_the_baton_is_theirs_once(west_people, held_activity, organiser):
    services.report_result(
        activity=held_activity,
        by=organiser,
        participants=30,
        summary="Goed bezocht.",
        lessons="Werk samen met de bibliotheek.",
    )
    assert send_handover_mails(now=OOST_ENDED) == 1
    assert send_handover_mails(now=OOST_ENDED + dt.timedelta(hours=1)) == 0
    deliver_outbox()

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["bieb-leiden@example.nl", "coordinator-west@example.nl"]
    message = mail.outbox[0]
    assert message.subject == "Het stokje is aan u, regio west"
    assert "Gemelde deelnemers: 30" in message.body
    assert "Werk samen met de bibliotheek." in message.body
    assert "/editie/2023/regio/oost/" in message.body


def test_no_mail_during_the_week_nor_for_weeks_long_past(west_people):
    assert send_handover_mails(now=at(dt.date(2023, 2, 9), 9)) == 0
    assert send_handover_mails(now=at(dt.date(2023, 6, 1), 9)) == 0
    deliver_outbox()
    assert not mail.outbox


def test_the_last_week_hands_over_to_no_one(west_people):
    # zuid's week of 2023 ends 3 March; the edition ends with it.
    assert send_handover_mails(now=at(dt.date(2023, 3, 4), 9)) == 1
    deliver_outbox()
    assert not mail.outbox


def test_the_scheduled_command_is_idempotent(west_people, monkeypatch, capsys):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: OOST_ENDED)
    call_command("send_handover_mails")
    call_command("send_handover_mails")
    out = capsys.readouterr().out
    assert "send_handover_mails: 1" in out and "send_handover_mails: 0" in out
