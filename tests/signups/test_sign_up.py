"""Signing up without an account: the form, e-mail confirmation, holds, double sign-ups."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from estafette.activities.models import Activity
from estafette.signups.models import Signup
from tests.signups.conftest import form_data, future_activity, last_mail_to, personal_link

pytestmark = pytest.mark.django_db


def test_sign_up_page_has_the_form_with_privacy_link_and_places(client):
    activity = future_activity(max_places_per_signup=3)
    response = client.get(f"/activiteit/{activity.pk}/aanmelden/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="email"' in html and 'name="consent"' in html
    assert 'href="/privacy/"' in html
    assert '<option value="3">3</option>' in html
    assert 'name="website"' in html  # the honeypot


def test_sign_up_with_email_confirmation_holds_the_place_until_confirmed(client):
    activity = future_activity(capacity=5)
    response = client.post(f"/activiteit/{activity.pk}/aanmelden/", form_data(client, activity))
    assert response.status_code == 302
    assert response["Location"].endswith("/aanmelden/controleer-uw-e-mail/")
    signup = Signup.objects.get()
    assert signup.status == Signup.Status.PENDING
    assert signup.hold_expires_at > timezone.now()
    activity.refresh_from_db()
    assert activity.places_taken == 1
    message = last_mail_to("anna@example.nl")
    assert "Bevestig" in message.subject
    link = personal_link(message)
    page = client.get(link)
    assert "Aanmelding bevestigen" in page.content.decode()
    client.post(link + "bevestigen/")
    signup.refresh_from_db()
    assert signup.status == Signup.Status.CONFIRMED
    confirmation = last_mail_to("anna@example.nl")
    assert "aangemeld" in confirmation.subject
    assert confirmation.attachments[0][0] == "activiteit.ics"


def test_instant_confirmation_is_confirmed_and_the_link_comes_by_email(client):
    activity = future_activity(signup_confirmation=Activity.Confirmation.INSTANT)
    response = client.post(f"/activiteit/{activity.pk}/aanmelden/", form_data(client, activity))
    assert response["Location"].endswith("/aanmelden/controleer-uw-e-mail/")
    assert Signup.objects.get().status == Signup.Status.CONFIRMED
    page = client.get(personal_link(last_mail_to("anna@example.nl"))).content.decode()
    assert "U bent aangemeld voor 1 plaats" in page


@pytest.mark.parametrize("confirmation", ["email", "instant"])
def test_a_known_address_gets_the_same_answer_as_a_new_one(client, confirmation):
    """Nobody learns from the page who signed up for a care activity."""
    activity = future_activity(signup_confirmation=confirmation)
    first = client.post(f"/activiteit/{activity.pk}/aanmelden/", form_data(client, activity))
    again = client.post(
        f"/activiteit/{activity.pk}/aanmelden/",
        form_data(client, activity, email=" Anna@Example.NL ", name="Iemand anders"),
    )
    assert (first.status_code, first["Location"]) == (again.status_code, again["Location"])
    first_page = client.get(first["Location"]).content.decode()
    again_page = client.get(again["Location"]).content.decode()
    assert first_page == again_page


def test_a_resubmission_keeps_the_existing_link_valid(client):
    activity = future_activity(signup_confirmation=Activity.Confirmation.INSTANT)
    client.post(f"/activiteit/{activity.pk}/aanmelden/", form_data(client, activity))
    first_link = personal_link(last_mail_to("anna@example.nl"))
    client.post(
        f"/activiteit/{activity.pk}/aanmelden/",
        form_data(client, activity, email=" Anna@Example.NL "),
    )
    assert Signup.objects.count() == 1
    activity.refresh_from_db()
    assert activity.places_taken == 1
    again = last_mail_to("anna@example.nl")
    assert "persoonlijke link" in again.subject
    assert "eerdere link blijft ook werken" in again.body
    assert client.get(personal_link(again)).status_code == 200
    assert client.get(first_link).status_code == 200  # the victim's link still works
    assert Signup.objects.get().name == "Anna de Vries"  # and nothing was overwritten


def test_database_refuses_a_second_row_for_the_same_email():
    activity = future_activity()
    Signup.objects.create(
        activity=activity,
        name="A",
        email="a@example.nl",
        email_normalised="a@example.nl",
        status=Signup.Status.WAITING,
        token_hash="x" * 64,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Signup.objects.create(
            activity=activity,
            name="A",
            email="A@example.nl",
            email_normalised="a@example.nl",
            status=Signup.Status.WAITING,
            token_hash="y" * 64,
        )


def test_unconfirmed_hold_expires_and_frees_the_places(client, settings):
    activity = future_activity(capacity=2, max_places_per_signup=2)
    client.post(f"/activiteit/{activity.pk}/aanmelden/", form_data(client, activity, places="2"))
    activity.refresh_from_db()
    assert activity.places_taken == 2
    Signup.objects.update(hold_expires_at=timezone.now() - dt.timedelta(minutes=1))
    call_command("expire_signup_holds", stdout=None)
    activity.refresh_from_db()
    assert activity.places_taken == 0
    assert Signup.objects.get().status == Signup.Status.EXPIRED


def test_hold_time_comes_from_the_setting(client, settings):
    settings.SIGNUP_HOLD_MINUTES = 15
    activity = future_activity()
    client.post(f"/activiteit/{activity.pk}/aanmelden/", form_data(client, activity))
    left = Signup.objects.get().hold_expires_at - timezone.now()
    assert dt.timedelta(minutes=14) < left <= dt.timedelta(minutes=15)


def test_confirming_after_the_hold_expired_still_gets_a_free_place(client):
    activity = future_activity(capacity=3)
    client.post(f"/activiteit/{activity.pk}/aanmelden/", form_data(client, activity))
    link = personal_link(last_mail_to("anna@example.nl"))
    Signup.objects.update(hold_expires_at=timezone.now() - dt.timedelta(minutes=1))
    client.post(link + "bevestigen/")
    signup = Signup.objects.get()
    assert signup.status == Signup.Status.CONFIRMED
    activity.refresh_from_db()
    assert activity.places_taken == 1


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"name": ""}, "Vul uw naam in."),
        ({"email": "geen-adres"}, "Vul een geldig e-mailadres in"),
        ({"consent": ""}, "Geef toestemming om uw gegevens te gebruiken."),
        ({"places": "4"}, "Kies 1 tot en met 2 plaatsen."),
    ],
)
def test_bad_input_gets_a_clear_dutch_message(client, overrides, message):
    activity = future_activity(max_places_per_signup=2)
    data = form_data(client, activity, **overrides)
    response = client.post(f"/activiteit/{activity.pk}/aanmelden/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Signup.objects.exists()


def test_closed_sign_up_is_refused(client):
    activity = future_activity()
    data = form_data(client, activity)
    Activity.objects.filter(pk=activity.pk).update(signup_closed=True)
    response = client.post(f"/activiteit/{activity.pk}/aanmelden/", data)
    assert "Aanmelden voor deze activiteit is gesloten." in response.content.decode()
    assert not Signup.objects.exists()


def test_activity_without_platform_sign_up_has_no_sign_up_page(client):
    activity = future_activity(signup_mode=Activity.SignupMode.NONE, capacity=None)
    assert client.get(f"/activiteit/{activity.pk}/aanmelden/").status_code == 404


def test_signup_box_shows_the_state_without_csrf_or_session():
    from django.template.loader import render_to_string

    activity = future_activity(capacity=3)
    html = render_to_string("signups/_signup_box.html", {"activity": activity})
    assert "Nog 3 plaatsen" in html and f"/activiteit/{activity.pk}/aanmelden/" in html
    assert "csrf" not in html
    activity.places_taken = 3
    assert "Vol – meld je aan voor de wachtlijst" in render_to_string(
        "signups/_signup_box.html", {"activity": activity}
    )
    activity.signup_closed = True
    assert "Aanmelden gesloten" in render_to_string(
        "signups/_signup_box.html", {"activity": activity}
    )
    assert len(mail.outbox) == 0


def test_a_form_start_token_works_once(client, settings):
    """Replaying one old token would skip the minimum fill-in time for every later post."""
    settings.SIGNUP_MIN_SECONDS = 0
    activity = future_activity(capacity=5)
    data = form_data(client, activity)
    first = client.post(f"/activiteit/{activity.pk}/aanmelden/", data)
    assert first.status_code == 302
    replay = client.post(
        f"/activiteit/{activity.pk}/aanmelden/", {**data, "email": "bob@example.nl"}
    )
    assert replay.status_code == 400
    assert "al verstuurd" in replay.content.decode()
    assert not Signup.objects.filter(email="bob@example.nl").exists()
    # The form shown again carries a fresh token: sending it once more works.
    fresh = re.search(r'name="started" value="([^"]+)"', replay.content.decode()).group(1)
    again = client.post(
        f"/activiteit/{activity.pk}/aanmelden/",
        {**data, "email": "bob@example.nl", "started": fresh},
    )
    assert again.status_code == 302
