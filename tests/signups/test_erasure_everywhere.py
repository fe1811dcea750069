"""Personal data does not outlive its erasure: the outbox copies go too; logs carry no tokens."""

import datetime as dt
import logging

import pytest
from django.utils import timezone

from estafette.mail.models import OutboxMessage
from estafette.signups import services
from estafette.signups.models import Signup
from tests.signups.conftest import delivered, future_activity, sign_up

pytestmark = pytest.mark.django_db


def mails_to(address):
    return [message for message in OutboxMessage.objects.all() if address in message.to]


def test_erasing_a_sign_up_blanks_the_mails_sent_to_it(client):
    activity = future_activity(signup_confirmation="instant")
    signup, token = sign_up(activity, "anna@example.nl", name="Anna de Vries")
    sign_up(activity, "bob@example.nl", name="Bob Bakker")
    delivered()
    assert mails_to("anna@example.nl")
    client.post(f"/aanmelding/{token}/wissen/")
    assert Signup.objects.get(pk=signup.pk).erased_at
    assert mails_to("anna@example.nl") == []
    leftovers = OutboxMessage.objects.filter(subject="", body_text="")
    assert leftovers.exists() and all(message.to == [] for message in leftovers)
    assert not OutboxMessage.objects.filter(body_text__contains="Anna de Vries").exists()
    assert mails_to("bob@example.nl")  # someone else's copies stay


def test_retention_blanks_old_outbox_copies(settings):
    activity = future_activity(signup_confirmation="instant")
    sign_up(activity, "anna@example.nl", name="Anna de Vries")
    delivered()
    later = timezone.now() + dt.timedelta(days=settings.SIGNUP_RETENTION_DAYS + 1)
    services.erase_old_signups(now=later)
    assert mails_to("anna@example.nl") == []
    assert not OutboxMessage.objects.filter(body_text__contains="Anna de Vries").exists()


def test_logs_carry_no_personal_links(client, caplog):
    from estafette.core.logs import RedactSecrets

    activity = future_activity(signup_confirmation="instant")
    _signup, token = sign_up(activity, "anna@example.nl")
    logger = logging.getLogger("django.request")
    logger.addFilter(RedactSecrets())
    try:
        with caplog.at_level(logging.WARNING, logger="django.request"):
            client.get(f"/aanmelding/{token}x/")  # a 404 is logged with its path
    finally:
        logger.filters.clear()
    assert caplog.records, "the 404 was logged"
    assert all(token not in record.getMessage() for record in caplog.records)

    from django.conf import settings

    console = settings.LOGGING["handlers"]["console"]
    assert "redact_secrets" in console["filters"]  # and the site's log output uses it
