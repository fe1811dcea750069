"""Issue 10, finding 6: the mail worker (send_outbox --loop) survives database errors."""

import logging
import os
import signal

import pytest
from django.core import mail
from django.core.management import call_command

from estafette.mail import services
from estafette.mail.management.commands import send_outbox
from estafette.mail.models import OutboxMessage
from tests.faults import refusing_database


@pytest.mark.django_db(transaction=True)
def test_worker_rides_out_a_database_outage_with_back_off_and_stops_only_on_a_signal(
    monkeypatch, tmp_path, caplog
):
    services.queue_mail(to="anna@example.nl", subject="Welkom", text="Tot dan!")
    rounds = []
    real_round = send_outbox.deliver_outbox

    def round_with_an_outage():
        rounds.append(len(rounds) + 1)
        if len(rounds) <= 3:  # the database is away for three rounds: real refused connections
            with refusing_database(tmp_path):
                return real_round()
        if len(rounds) == 5:
            os.kill(os.getpid(), signal.SIGTERM)  # what systemd sends on stop
        return real_round()

    monkeypatch.setattr(send_outbox, "deliver_outbox", round_with_an_outage)
    with caplog.at_level(logging.WARNING):
        call_command("send_outbox", "--loop", "--interval", "0.01")
    assert rounds == [1, 2, 3, 4, 5]  # it went on after the errors and stopped on SIGTERM
    waits = [r.getMessage() for r in caplog.records if "trying again in" in r.getMessage()]
    assert [w.rsplit(" in ", 1)[1] for w in waits] == ["0.02 s", "0.04 s", "0.08 s"]  # doubling
    assert all("OperationalError" in w for w in waits)
    assert [m.subject for m in mail.outbox] == ["Welkom"]  # delivered once, after the outage
    assert OutboxMessage.objects.get().sent_at is not None
    assert signal.getsignal(signal.SIGTERM) is not None  # the test process's own handler back
