"""The past is closed: an activity that has ended invites nobody to sign up, in its card, on
its page, in the sign-up view (a POST is refused in Dutch) and in the API."""

import datetime as dt

import pytest
from django.utils import timezone

from estafette.activities.models import Activity
from estafette.signups.models import Signup
from tests.factories import ActivityFactory
from tests.signups.conftest import form_data, future_activity

pytestmark = pytest.mark.django_db

ENDED = "Deze activiteit is al voorbij; aanmelden kan niet meer."


def ended_activity(**kwargs) -> Activity:
    """Published, 50 places, none taken, ended yesterday."""
    ends = timezone.now() - dt.timedelta(days=1)
    return future_activity(
        starts_at=ends - dt.timedelta(hours=2), ends_at=ends, capacity=50, **kwargs
    )


def test_the_agenda_card_of_an_ended_activity_offers_no_places(client):
    ended = ended_activity(title="Voorbije workshop")
    coming = future_activity(title="Komende workshop", capacity=50)
    html = client.get(f"/agenda/?edition={ended.edition.year}").content.decode()
    card = html[html.index("Voorbije workshop") :]
    card = card[: card.index("</li>", card.index("card-places"))]
    assert "Afgelopen" in card and "Nog 50 plaatsen" not in card
    later = html[html.index("Komende workshop") :]
    assert "Nog 50 plaatsen" in later[: later.index("</li>", later.index("card-places"))]
    assert coming.takes_signups and not ended.takes_signups


def test_the_page_of_an_ended_activity_has_no_sign_up_button(client):
    activity = ended_activity()
    html = client.get(activity.get_absolute_url()).content.decode()
    assert "Deze activiteit is voorbij." in html
    assert "Nog 50 plaatsen" not in html
    assert f"/activiteit/{activity.pk}/aanmelden/" not in html
    assert 'class="signup-jump"' not in html


def test_the_page_of_a_coming_activity_has_a_sign_up_button_near_the_top(client):
    activity = future_activity(capacity=50)
    html = client.get(activity.get_absolute_url()).content.decode()
    assert html.index('class="signup-jump"') < html.index('class="facts"')
    assert "Nog 50 plaatsen" in html


def test_an_ended_activity_with_sign_up_elsewhere_links_there_no_more(client):
    activity = ended_activity(
        signup_mode=Activity.SignupMode.EXTERNAL, signup_url="https://elders.example/aanmelden"
    )
    html = client.get(activity.get_absolute_url()).content.decode()
    assert "https://elders.example/aanmelden" not in html


def test_the_sign_up_page_of_an_ended_activity_shows_no_form(client):
    activity = ended_activity()
    html = client.get(f"/activiteit/{activity.pk}/aanmelden/").content.decode()
    assert ENDED in html
    assert 'name="email"' not in html and "Nog 50 plaatsen" not in html


def test_signing_up_for_an_ended_activity_is_refused_in_dutch(client):
    activity = future_activity(capacity=50)
    data = form_data(client, activity)  # the form was opened while it was still to come
    past = timezone.now() - dt.timedelta(hours=1)
    Activity.objects.filter(pk=activity.pk).update(
        starts_at=past - dt.timedelta(hours=2), ends_at=past
    )
    response = client.post(f"/activiteit/{activity.pk}/aanmelden/", data)
    assert response.status_code == 200
    assert ENDED in response.content.decode()
    assert not Signup.objects.exists()


def test_the_api_returns_no_ended_activity_for_has_places(client):
    ended = ended_activity()
    coming = future_activity(capacity=50)
    ids = [row["id"] for row in client.get("/api/v1/activities?has_places=true").json()["results"]]
    assert coming.pk in ids and ended.pk not in ids
    ids = [row["id"] for row in client.get("/api/v1/activities").json()["results"]]
    assert ended.pk in ids  # still listed, just not as having places


def test_the_api_says_an_ended_activity_is_closed(client):
    ended = ended_activity()
    detail = client.get(f"/api/v1/activities/{ended.pk}").json()
    assert detail["places_left"] == 0 and detail["signup_closed"] is True
    coming = client.get(f"/api/v1/activities/{future_activity(capacity=50).pk}").json()
    assert coming["places_left"] == 50 and coming["signup_closed"] is False


def test_an_ended_activity_of_the_factory_year_is_over():
    assert ActivityFactory().is_over  # 2023: long gone
