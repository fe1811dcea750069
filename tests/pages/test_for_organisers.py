"""Issue 13.11: "Voor organisatoren" opens a front door, not a login screen."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from estafette.knowledge.demo import load_knowledge_hub
from estafette.relay.queries import edition_at
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_menu_leads_to_a_page_that_explains_before_it_asks_to_log_in(client):
    home = client.get("/").content.decode()
    assert 'href="/voor-organisatoren/"' in home
    response = client.get("/voor-organisatoren/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zo doet u mee" in html and "partnerorganisaties" in html
    assert "/account/login/?next=/account/" in html and "Inloggen" in html
    assert "/account/signup/?next=/account/" in html and "Account maken" in html


@pytest.mark.usefixtures("coming_edition")
def test_each_region_has_its_week_and_the_date_to_submit_by(client):
    edition = edition_at(timezone.now())
    html = client.get("/voor-organisatoren/").content.decode()
    stages = list(edition.stages.select_related("region"))
    assert stages
    for stage in stages:
        assert stage.region.name in html and stage.period_label in html
        submit_by = stage.starts_on - dt.timedelta(weeks=4)
        assert f"<td>{date_format(submit_by, 'j F Y')}</td>" in html
    assert "uiterlijk 4 weken vóór de week van uw regio" in html


def test_the_handbook_and_toolkit_are_linked_in_the_visitors_language(client):
    load_knowledge_hub()
    dutch = client.get("/voor-organisatoren/").content.decode()
    assert "/kennisbank/" in dutch and "Activiteitenhandboek" in dutch
    english = client.get("/en/voor-organisatoren/").content.decode()
    assert "How to take part" in english
    assert "/en/kennisbank/" in english


def test_a_logged_in_organiser_goes_straight_to_the_account(client):
    client.force_login(UserFactory())
    html = client.get("/voor-organisatoren/").content.decode()
    assert "Naar uw account" in html and "Account maken" not in html
