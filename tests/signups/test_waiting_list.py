"""The waiting list: joined when full, with a position; moved up automatically when places free."""

import datetime as dt

import pytest
from django.utils import timezone

from estafette.activities.models import Activity
from estafette.signups import queries, services
from estafette.signups.models import Signup
from tests.signups.conftest import future_activity, last_mail_to, sign_up

pytestmark = pytest.mark.django_db

INSTANT = Activity.Confirmation.INSTANT


def test_full_activity_puts_people_on_the_waiting_list_with_their_position():
    activity = future_activity(capacity=1, signup_confirmation=INSTANT)
    sign_up(activity, "een@example.nl")
    second, _ = sign_up(activity, "twee@example.nl")
    third, _ = sign_up(activity, "drie@example.nl")
    assert second.status == third.status == Signup.Status.WAITING
    assert services.waiting_position(second) == 1
    assert services.waiting_position(third) == 2
    assert queries.waiting_list_length(activity) == 2
    assert "op plaats 2" in last_mail_to("drie@example.nl").body
    activity.refresh_from_db()
    assert activity.places_taken == 1


def test_waiting_position_shows_on_the_personal_page(client):
    activity = future_activity(capacity=1, signup_confirmation=INSTANT)
    sign_up(activity, "een@example.nl")
    _, token = sign_up(activity, "twee@example.nl")
    page = client.get(f"/aanmelding/{token}/").content.decode()
    assert "U staat op de wachtlijst, op plaats 1." in page


def test_cancellation_promotes_the_first_on_the_list_and_tells_them():
    activity = future_activity(capacity=1, signup_confirmation=INSTANT)
    first, _ = sign_up(activity, "een@example.nl")
    second, _ = sign_up(activity, "twee@example.nl")
    sign_up(activity, "drie@example.nl")
    services.cancel_signup(signup=first)
    second.refresh_from_db()
    assert second.status == Signup.Status.CONFIRMED
    assert second.promoted_at is not None
    message = last_mail_to("twee@example.nl")
    assert "plaats vrij" in message.subject
    assert message.attachments and message.attachments[0][0] == "activiteit.ics"
    activity.refresh_from_db()
    assert activity.places_taken == 1
    assert queries.waiting_list_length(activity) == 1


def test_the_first_who_fits_is_promoted_when_the_head_of_the_list_needs_more_places():
    activity = future_activity(capacity=2, max_places_per_signup=3, signup_confirmation=INSTANT)
    first, _ = sign_up(activity, "een@example.nl", places=1)
    sign_up(activity, "twee@example.nl", places=1)
    group, _ = sign_up(activity, "groep@example.nl", places=3)
    single, _ = sign_up(activity, "los@example.nl", places=1)
    services.cancel_signup(signup=first)
    group.refresh_from_db()
    single.refresh_from_db()
    assert group.status == Signup.Status.WAITING
    assert single.status == Signup.Status.CONFIRMED


def test_expired_hold_promotes_the_waiting_list():
    activity = future_activity(capacity=1)
    sign_up(activity, "een@example.nl")  # holds the place, never confirms
    waiting, _ = sign_up(activity, "twee@example.nl")
    assert waiting.status == Signup.Status.WAITING
    Signup.objects.filter(email="een@example.nl").update(
        hold_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert services.expire_holds() == 1
    waiting.refresh_from_db()
    # E-mail confirmation: the promoted person gets a hold and is asked to confirm.
    assert waiting.status == Signup.Status.PENDING
    assert "Bevestig" in last_mail_to("twee@example.nl").body
    activity.refresh_from_db()
    assert activity.places_taken == 1


def test_sign_up_expires_old_holds_on_the_way():
    activity = future_activity(capacity=1)
    sign_up(activity, "een@example.nl")
    Signup.objects.update(hold_expires_at=timezone.now() - dt.timedelta(minutes=1))
    newcomer, _ = sign_up(activity, "twee@example.nl")
    assert newcomer.status == Signup.Status.PENDING
    assert Signup.objects.get(email="een@example.nl").status == Signup.Status.EXPIRED


def test_cancelled_person_can_sign_up_again_on_the_same_row():
    activity = future_activity(capacity=1, signup_confirmation=INSTANT)
    signup, _ = sign_up(activity)
    services.cancel_signup(signup=signup)
    again, token = sign_up(activity)
    assert token is not None
    assert again.pk == signup.pk and again.status == Signup.Status.CONFIRMED


def test_waiting_person_who_confirmed_the_address_is_confirmed_at_once_when_promoted(client):
    activity = future_activity(capacity=1)
    first, first_token = sign_up(activity, "een@example.nl")
    waiting, token = sign_up(activity, "twee@example.nl")
    response = client.post(f"/aanmelding/{token}/bevestigen/", follow=True)
    assert "U blijft op de wachtlijst." in response.content.decode()
    services.cancel_signup(signup=first)
    waiting.refresh_from_db()
    assert waiting.status == Signup.Status.CONFIRMED
    assert last_mail_to("twee@example.nl").attachments


def test_a_cancellation_after_sign_ups_moved_off_the_platform_promotes_nobody():
    """Capacity emptied (sign-ups now elsewhere): the waiting list stays put, no error."""
    activity = future_activity(capacity=1, signup_confirmation=INSTANT)
    first, _ = sign_up(activity, "een@example.nl")
    second, _ = sign_up(activity, "twee@example.nl")
    Activity.objects.filter(pk=activity.pk).update(
        capacity=None, signup_mode=Activity.SignupMode.EXTERNAL
    )
    services.cancel_signup(signup=first)
    second.refresh_from_db()
    assert second.status == Signup.Status.WAITING
