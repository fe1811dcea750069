"""The guided activity form: the region's week, postcode → region, online, national, drafts."""

import pytest
from django.urls import reverse

from estafette.activities.models import Activity
from tests.activities.conftest import activity_data

pytestmark = pytest.mark.django_db


def test_form_shows_the_five_steps(organiser_client, open_edition):
    response = organiser_client.get(reverse("activities:create"))
    assert response.status_code == 200
    for legend in ("1. Wat", "2. Wie", "3. Waar en wanneer", "4. Voor wie", "5. Aanmelden"):
        assert legend in response.content.decode()


def test_the_audiences_ask_for_everyone_it_is_of_interest_to(organiser_client, open_edition):
    """A library's activity for citizens that care professionals want too gets both audiences,
    so each finds it in the agenda's audience facet."""
    page = organiser_client.get(reverse("activities:create")).content.decode()
    assert "een activiteit voor burgers die ook zorgprofessionals interesseert" in page


def test_activity_outside_its_region_week_is_refused_and_nothing_is_lost(
    organiser_client, organisation, open_edition
):
    data = activity_data(
        organisation, starts_at="2027-02-10T14:00", ends_at="2027-02-10T16:00", submit="1"
    )
    response = organiser_client.post(reverse("activities:create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Deze datum valt buiten de week van de regio." in page
    assert "Regio oost is aan zet van 1 t/m 5 februari 2027." in page
    # Everything typed is still there.
    assert 'value="Beeldbellen voor mantelzorgers"' in page
    assert "Een middag oefenen met beeldbellen, met koffie." in page
    assert 'value="2027-02-10T14:00"' in page
    assert 'value="7511 AA"' in page
    assert not Activity.objects.exists()


def test_postcode_fills_in_province_and_region(organiser_client, organisation, open_edition):
    data = activity_data(organisation, postcode="1012AB", town="Amsterdam", draft="1",
                         starts_at="2027-02-09T10:00", ends_at="2027-02-09T12:00")  # fmt: skip
    response = organiser_client.post(reverse("activities:create"), data)
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.province.code == "NL-NH"
    assert activity.stage.region.slug == "west"
    assert activity.postcode == "1012 AB"
    page = organiser_client.get(reverse("activities:edit", args=[activity.pk])).content.decode()
    assert "Deze locatie ligt in regio west." in page


def test_unknown_postcode_gets_a_clear_message(organiser_client, organisation, open_edition):
    data = activity_data(organisation, postcode="abc", draft="1")
    response = organiser_client.post(reverse("activities:create"), data)
    assert response.status_code == 200
    assert "postcode" in response.content.decode().lower()
    assert not Activity.objects.exists()


def test_online_activity_picks_its_region(organiser_client, organisation, open_edition):
    from estafette.relay.models import Region

    noord = Region.objects.get(slug="noord")
    data = activity_data(organisation, format="online", postcode="", venue_name="",
                         street_address="", town="", online_url="https://meet.example.nl/x",
                         online_region=noord.pk, starts_at="2027-02-16T10:00",
                         ends_at="2027-02-16T11:00", submit="1")  # fmt: skip
    response = organiser_client.post(reverse("activities:create"), data)
    assert response.status_code == 302, response.content.decode()
    activity = Activity.objects.get()
    assert activity.stage.region == noord
    assert activity.status == Activity.Status.SUBMITTED


def test_online_activity_defaults_to_the_lead_organisations_region(
    organiser_client, organisation, open_edition
):
    data = activity_data(organisation, format="online", postcode="", venue_name="",
                         street_address="", town="", online_url="https://meet.example.nl/x",
                         draft="1")  # fmt: skip
    organiser_client.post(reverse("activities:create"), data)
    assert Activity.objects.get().stage.region.slug == "oost"  # Overijssel


def test_national_activity_only_on_a_national_moment(client, organisation, open_edition):
    from tests.factories import MembershipFactory, VerifiedUserFactory

    staff = VerifiedUserFactory(is_staff=True)
    MembershipFactory(user=staff, organisation=organisation)
    client.force_login(staff)
    moment = open_edition.national_moments.get()
    wrong = activity_data(organisation, is_national="on", national_moment=moment.pk, submit="1",
                          starts_at="2027-02-02T10:00", ends_at="2027-02-02T12:00")  # fmt: skip
    response = client.post(reverse("activities:create"), wrong)
    assert "Een landelijke activiteit vindt plaats op het landelijke moment" in (
        response.content.decode()
    )
    right = dict(wrong, starts_at="2027-02-01T10:00", ends_at="2027-02-01T12:00")
    response = client.post(reverse("activities:create"), right)
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.is_national and activity.national_moment == moment


def test_organisers_cannot_choose_national(organiser_client, organisation, open_edition):
    page = organiser_client.get(reverse("activities:create")).content.decode()
    assert 'name="is_national"' not in page


def test_a_draft_saves_incomplete(organiser_client, organisation, open_edition):
    data = {"title": "Nog niet af", "lead_organisation": organisation.pk, "draft": "1",
            "format": "in_person", "signup_mode": "platform", "language": "nl",
            "signup_confirmation": "email"}  # fmt: skip
    response = organiser_client.post(reverse("activities:create"), data)
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.status == Activity.Status.DRAFT
    assert activity.title == "Nog niet af"
    assert activity.stage.region.slug == "oost"


def test_a_draft_still_checks_types(organiser_client, organisation, open_edition):
    data = activity_data(organisation, capacity="veel", draft="1")
    response = organiser_client.post(reverse("activities:create"), data)
    assert response.status_code == 200
    assert not Activity.objects.exists()


def test_others_cannot_edit_my_activity(client, organisation, open_edition):
    from tests.factories import ActivityFactory, VerifiedUserFactory

    activity = ActivityFactory(lead_organisation=organisation)
    client.force_login(VerifiedUserFactory())
    assert client.get(reverse("activities:edit", args=[activity.pk])).status_code == 404


def test_every_step_can_save_a_draft(organiser_client, open_edition):
    page = organiser_client.get(reverse("activities:create")).content.decode()
    assert page.count('name="draft"') == 5  # after steps 1–4, and at the end
