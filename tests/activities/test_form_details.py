"""The activity form's details: the region's week beside the dates, examples dated in the running
edition, a summary that shows what was typed, and logging out from every page."""

import re

import pytest
from django.urls import reverse

from estafette.relay.models import Province
from tests.activities.conftest import activity_data
from tests.factories import ActivityFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("activities:create")


def region_week(page: str) -> str:
    match = re.search(r'<p class="region-week" id="region-week"[^>]*>([^<]*)</p>', page)
    assert match, "no region week beside the date fields"
    return match.group(1)


def test_the_organisers_region_week_is_shown_beside_the_dates(organiser_client, open_edition):
    page = organiser_client.get(CREATE).content.decode()
    assert region_week(page) == "Regio oost: 1 t/m 5 februari 2027"
    # Screen readers hear it with the date fields.
    assert re.search(
        r'id="id_starts_at"[^>]*aria-describedby="[^"]*region-week', page
    ) or re.search(r'aria-describedby="[^"]*region-week[^"]*"[^>]*id="id_starts_at"', page)


def test_an_organisation_in_the_north_sees_the_norths_week(client, open_edition):
    groningen = OrganisationFactory(province=Province.objects.get(code="NL-GR"))
    client.force_login(MembershipFactory(organisation=groningen).user)
    assert (
        region_week(client.get(CREATE).content.decode()) == "Regio noord: 15 t/m 19 februari 2027"
    )


def test_the_week_follows_the_activitys_own_region(organiser_client, organisation, open_edition):
    """Saved in Amsterdam (west) by an organisation in oost: the week is west's."""
    data = activity_data(organisation, postcode="1012 AB", town="Amsterdam", draft="1",
                         starts_at="2027-02-09T10:00", ends_at="2027-02-09T12:00")  # fmt: skip
    response = organiser_client.post(CREATE, data)
    page = organiser_client.get(response.url).content.decode()
    assert region_week(page) == "Regio west: 8 t/m 12 februari 2027"
    # A form sent back with errors shows the week of the postcode just typed.
    wrong = activity_data(organisation, postcode="1012 AB", town="Amsterdam", submit="1")
    page = organiser_client.post(CREATE, wrong).content.decode()
    assert region_week(page) == "Regio west: 8 t/m 12 februari 2027"


def test_every_regions_week_is_at_hand_for_the_script(organiser_client, open_edition):
    page = organiser_client.get(CREATE).content.decode()
    weeks = re.search(r'<script id="region-weeks" type="application/json">(.*?)</script>', page)
    assert weeks and "Regio zuid: 22 t/m 26 februari 2027" in weeks.group(1)


def test_the_date_example_is_dated_in_the_running_edition(organiser_client, coming_edition):
    oost = coming_edition.stages.get(region__slug="oost")
    page = organiser_client.get(CREATE).content.decode()
    day = oost.starts_on.toordinal() + 2
    import datetime as dt

    example = dt.date.fromordinal(min(day, oost.ends_on.toordinal()))
    assert f"bijvoorbeeld {example.day}-{example.month}-{example.year} 14:00" in page
    assert "2023" not in page


def test_the_summary_shows_all_it_holds(organiser_client, open_edition):
    page = organiser_client.get(CREATE).content.decode()
    assert re.search(r'<textarea name="summary"[^>]*maxlength="300"', page)


def test_a_checkbox_and_its_label_share_a_line(organiser_client, open_edition):
    page = organiser_client.get(CREATE).content.decode()
    assert re.search(
        r'<div class="checkbox-line"><input type="checkbox" name="is_free"[^>]*> <label', page
    )


# Logging out ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/", "/agenda/?edition=2027", "/mijn/", "/mijn/activiteit/nieuw/", "/uitnodigingen/"]
)
def test_every_page_has_a_logout_button_for_a_logged_in_user(organiser_client, open_edition, url):
    page = organiser_client.get(url).content.decode()
    form = re.search(
        r'<form method="post" action="/account/logout/" class="logout">(.*?)</form>', page, re.S
    )
    assert form, f"no logout form on {url}"
    assert 'name="csrfmiddlewaretoken"' in form.group(1) and "Uitloggen" in form.group(1)


def test_visitors_get_no_logout_button(client, open_edition):
    assert 'action="/account/logout/"' not in client.get("/agenda/?edition=2027").content.decode()


def test_the_logout_button_logs_out(organiser_client, organisation, open_edition):
    activity = ActivityFactory(lead_organisation=organisation)
    edit = reverse("activities:edit", args=[activity.pk])
    assert organiser_client.get(edit).status_code == 200
    organiser_client.post("/account/logout/")
    assert organiser_client.get(edit).status_code == 302  # to the login page
