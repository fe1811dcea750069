"""The personal link: view, cancel, erase one's own data, without an account; unguessable."""

import pytest

from estafette.activities.models import Activity
from estafette.signups.models import Signup, hash_token
from tests.signups.conftest import future_activity, last_mail_to, sign_up

pytestmark = pytest.mark.django_db

INSTANT = Activity.Confirmation.INSTANT


def test_token_is_long_and_only_its_hash_is_stored():
    activity = future_activity(signup_confirmation=INSTANT)
    signup, token = sign_up(activity)
    assert len(token) >= 43
    assert signup.token_hash == hash_token(token)
    assert token not in signup.token_hash
    assert not Signup.objects.filter(token_hash=token).exists()


def test_personal_page_shows_the_sign_up_without_logging_in(client):
    activity = future_activity(signup_confirmation=INSTANT)
    _, token = sign_up(activity)
    page = client.get(f"/aanmelding/{token}/").content.decode()
    assert "Anna de Vries" in page and "anna@example.nl" in page
    assert activity.title in page


def test_wrong_token_gives_404(client):
    assert client.get("/aanmelding/niet-geldig/").status_code == 404


def test_cancel_through_the_personal_link_frees_the_place_and_promotes(client):
    activity = future_activity(capacity=1, signup_confirmation=INSTANT)
    _, token = sign_up(activity, "een@example.nl")
    sign_up(activity, "twee@example.nl")
    confirm_page = client.get(f"/aanmelding/{token}/afmelden/")
    assert "Ja, meld mij af" in confirm_page.content.decode()
    response = client.post(f"/aanmelding/{token}/afmelden/", follow=True)
    assert "U bent afgemeld" in response.content.decode()
    assert Signup.objects.get(email="een@example.nl").status == Signup.Status.CANCELLED
    assert Signup.objects.get(email="twee@example.nl").status == Signup.Status.CONFIRMED
    activity.refresh_from_db()
    assert activity.places_taken == 1
    assert "afgemeld" in last_mail_to("een@example.nl").subject


def test_erase_own_data_cancels_blanks_and_kills_the_link(client):
    activity = future_activity(capacity=3, signup_confirmation=INSTANT)
    _, token = sign_up(activity)
    response = client.post(f"/aanmelding/{token}/wissen/")
    assert "Uw gegevens zijn gewist" in response.content.decode()
    signup = Signup.objects.get()
    assert signup.erased_at is not None and signup.status == Signup.Status.CANCELLED
    assert signup.name == signup.email == signup.email_normalised == ""
    activity.refresh_from_db()
    assert activity.places_taken == 0
    assert client.get(f"/aanmelding/{token}/").status_code == 404


def test_confirmed_participant_downloads_the_ics(client):
    activity = future_activity(signup_confirmation=INSTANT)
    _, token = sign_up(activity)
    response = client.get(f"/aanmelding/{token}/agenda.ics")
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in response.content


def test_personal_pages_are_not_indexed(client):
    activity = future_activity(signup_confirmation=INSTANT)
    _, token = sign_up(activity)
    assert 'name="robots" content="noindex"' in client.get(f"/aanmelding/{token}/").content.decode()
