"""Sign-ups in the Django admin: looked up, not edited or deleted; staff cancel through the
service, so the places come free and the waiting list moves up."""

import pytest

from estafette.activities.models import Activity
from estafette.core.audit import audit_trail
from estafette.signups import services
from estafette.signups.models import Signup
from tests.signups.conftest import future_activity

pytestmark = pytest.mark.django_db

CHANGELIST = "/beheer/signups/signup/"


def test_cancelling_in_the_admin_frees_the_place_for_the_waiting_list(
    site_admin_client, site_admin
):
    activity = future_activity(capacity=1, signup_confirmation=Activity.Confirmation.INSTANT)
    first, _token = services.sign_up(activity=activity, name="Anna", email="anna@example.nl")
    second, _token = services.sign_up(activity=activity, name="Bram", email="bram@example.nl")
    assert second.status == Signup.Status.WAITING
    response = site_admin_client.post(
        CHANGELIST, {"action": "cancel", "_selected_action": [first.pk]}, follow=True
    )
    assert "1 aanmeldingen geannuleerd." in response.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Signup.Status.CANCELLED
    assert second.status != Signup.Status.WAITING
    entry = audit_trail(activity).filter(action="signup.cancelled").get()
    assert entry.actor == site_admin


def test_staff_cannot_delete_a_sign_up(site_admin_client):
    activity = future_activity(capacity=5, signup_confirmation=Activity.Confirmation.INSTANT)
    signup, _token = services.sign_up(activity=activity, name="Anna", email="anna@example.nl")
    response = site_admin_client.post(f"{CHANGELIST}{signup.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Signup.objects.filter(pk=signup.pk).exists()
