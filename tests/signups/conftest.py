"""Helpers for the sign-up tests: a form that passes the bot checks, sign-ups through the service."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from estafette.activities.models import Activity
from estafette.mail.services import deliver_outbox
from estafette.signups import services
from tests.factories import ActivityFactory, at


@pytest.fixture(autouse=True)
def _no_minimum_time(settings):
    settings.SIGNUP_MIN_SECONDS = 0
    settings.SITE_URL = "http://testserver"


def future_activity(**kwargs) -> Activity:
    """A published workshop a week from now (the stage's week is not checked by the database)."""
    starts = at(timezone.localdate() + dt.timedelta(days=7), 14)
    kwargs.setdefault("starts_at", starts)
    kwargs.setdefault("ends_at", kwargs["starts_at"] + dt.timedelta(hours=2))
    return ActivityFactory(**kwargs)


def form_data(client, activity, **overrides) -> dict:
    page = client.get(f"/activiteit/{activity.pk}/aanmelden/")
    started = re.search(r'name="started" value="([^"]+)"', page.content.decode()).group(1)
    data = {
        "name": "Anna de Vries",
        "email": "anna@example.nl",
        "organisation": "",
        "role": "citizen",
        "places": "1",
        "consent": "on",
        "website": "",
        "started": started,
    }
    data.update(overrides)
    return data


def sign_up(activity, email="anna@example.nl", places=1, name="Anna de Vries"):
    return services.sign_up(activity=activity, name=name, email=email, places=places)


def personal_link(message) -> str:
    return re.search(r"http://testserver(/aanmelding/[^/\s]+/)", message.body).group(1)


def delivered():
    """Deliver what the outbox holds (on_commit does not fire inside a test's transaction)."""
    deliver_outbox()
    return mail.outbox


def last_mail_to(address):
    delivered()
    return [m for m in mail.outbox if address in m.to][-1]
