"""Never overbooked under load: 50 threads race for 10 seats (PostgreSQL, real transactions).

Beside the guarded test stands one that races the real service with its seat lock switched off:
it tries to hand out more places than there are, and only the database's CHECK constraint stops it.
"""

import pytest
from django.db import IntegrityError

from estafette.activities.models import Activity
from estafette.core.caching import edition_key, places_key, versions
from estafette.signups import services
from estafette.signups.models import Signup
from tests.races import race
from tests.signups.conftest import future_activity

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 50
SEATS = 10


def test_fifty_people_racing_for_ten_seats_give_exactly_ten_confirmed():
    activity = future_activity(capacity=SEATS, signup_confirmation=Activity.Confirmation.INSTANT)

    def attempt(n):
        services.sign_up(activity=activity, name=f"Deelnemer {n}", email=f"d{n}@example.nl")

    errors = race(attempt, THREADS)
    assert errors == []
    activity.refresh_from_db()
    assert Signup.objects.filter(status=Signup.Status.CONFIRMED).count() == SEATS
    assert Signup.objects.filter(status=Signup.Status.WAITING).count() == THREADS - SEATS
    assert activity.places_taken == SEATS


def test_without_the_lock_the_real_service_overbooks(monkeypatch):
    """The same race against the real `sign_up` with only its seat lock switched off: more
    places are handed out than there are seats, and only the database's CHECK constraint
    (places_taken <= capacity) stops the excess, as errors for the visitors."""
    monkeypatch.setattr(services, "SEAT_LOCK", False)
    activity = future_activity(capacity=SEATS, signup_confirmation=Activity.Confirmation.INSTANT)

    def attempt(n):
        services.sign_up(activity=activity, name=f"Deelnemer {n}", email=f"d{n}@example.nl")

    errors = race(attempt, THREADS)
    assert any(isinstance(error, IntegrityError) for error in errors), errors[:3]
    activity.refresh_from_db()
    assert activity.places_taken <= SEATS  # the last line of defence held


def test_racing_sign_ups_refresh_the_edition_once_when_the_last_seat_goes():
    """Each sign-up compares full before and after under the row lock: of fifty racing
    sign-ups exactly one fills the activity and bumps its edition's pages; every one bumps
    the pages that show its places (ten took a seat, forty joined the waiting list)."""
    activity = future_activity(capacity=SEATS, signup_confirmation=Activity.Confirmation.INSTANT)
    keys = [edition_key(activity.edition_id), places_key(activity.pk)]
    before = versions(keys)

    def attempt(n):
        services.sign_up(activity=activity, name=f"Deelnemer {n}", email=f"d{n}@example.nl")

    assert race(attempt, THREADS) == []
    after = versions(keys)
    assert after[keys[0]] - before[keys[0]] == 1
    assert after[keys[1]] - before[keys[1]] == THREADS
