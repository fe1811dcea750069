"""Run by test_concurrency_sqlite.py in its own process: threads race for seats on a SQLite file.

Prints "confirmed waiting places_taken errors" on one line.
"""

import os
import sys
import threading

os.environ["DATABASE_URL"] = f"sqlite:///{sys.argv[1]}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "estafette.settings")
os.environ["TESTING"] = "true"

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

THREADS, SEATS = int(sys.argv[2]), int(sys.argv[3])


def main():
    call_command("migrate", verbosity=0)
    from django.conf import settings

    settings.MAIL_DELIVERY = "worker"
    from estafette.activities.models import Activity
    from estafette.signups import services
    from estafette.signups.models import Signup
    from tests.signups.conftest import future_activity

    activity = future_activity(capacity=SEATS, signup_confirmation=Activity.Confirmation.INSTANT)
    connection.close()
    barrier = threading.Barrier(THREADS)
    errors = []

    def run(n):
        try:
            barrier.wait()
            services.sign_up(activity=activity, name=f"D {n}", email=f"d{n}@example.nl")
        except Exception as error:  # collected and reported
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    activity.refresh_from_db()
    confirmed = Signup.objects.filter(status=Signup.Status.CONFIRMED).count()
    waiting = Signup.objects.filter(status=Signup.Status.WAITING).count()
    print(confirmed, waiting, activity.places_taken, len(errors), *errors[:2])


if __name__ == "__main__":
    main()
