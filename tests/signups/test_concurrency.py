"""Never overbooked under load: 50 threads race for 10 seats (PostgreSQL, real transactions).

Beside the guarded test stands one that shows the race without the guard: a count-then-insert
variant (used only here) overbooks, or the database's CHECK constraint has to stop it.
"""

import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import F

from estafette.activities.models import Activity
from estafette.signups import services
from estafette.signups.models import Signup, hash_token
from tests.signups.conftest import future_activity

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 50
SEATS = 10


def _race(target) -> list[BaseException]:
    barrier = threading.Barrier(THREADS)
    errors = []

    def run(n):
        try:
            barrier.wait()
            target(n)
        except BaseException as error:  # collected, asserted on below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_fifty_people_racing_for_ten_seats_give_exactly_ten_confirmed():
    activity = future_activity(capacity=SEATS, signup_confirmation=Activity.Confirmation.INSTANT)

    def attempt(n):
        services.sign_up(activity=activity, name=f"Deelnemer {n}", email=f"d{n}@example.nl")

    errors = _race(attempt)
    assert errors == []
    activity.refresh_from_db()
    assert Signup.objects.filter(status=Signup.Status.CONFIRMED).count() == SEATS
    assert Signup.objects.filter(status=Signup.Status.WAITING).count() == THREADS - SEATS
    assert activity.places_taken == SEATS


def _unguarded_sign_up(activity, n):
    """Count-then-insert without locking the activity: the bug the guard prevents."""
    with transaction.atomic():
        taken = Signup.objects.filter(
            activity_id=activity.pk, status=Signup.Status.CONFIRMED
        ).count()
        status = Signup.Status.CONFIRMED if taken < SEATS else Signup.Status.WAITING
        Signup.objects.create(
            activity_id=activity.pk,
            name=f"Deelnemer {n}",
            email=f"d{n}@example.nl",
            email_normalised=f"d{n}@example.nl",
            status=status,
            token_hash=hash_token(f"token-{n}"),
        )
        if status == Signup.Status.CONFIRMED:
            Activity.objects.filter(pk=activity.pk).update(places_taken=F("places_taken") + 1)


def test_without_the_lock_the_same_race_overbooks():
    activity = future_activity(capacity=SEATS)
    errors = _race(lambda n: _unguarded_sign_up(activity, n))
    confirmed = Signup.objects.filter(status=Signup.Status.CONFIRMED).count()
    check_fired = any(isinstance(error, IntegrityError) for error in errors)
    assert confirmed > SEATS or check_fired, (confirmed, errors[:3])
