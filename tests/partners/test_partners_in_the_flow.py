"""Partners in the organiser's flow: submitting leads to inviting them, and the dashboard and the
activity's own page link to its partners."""

import re

import pytest
from django.urls import reverse

from estafette.activities.models import Activity
from estafette.partners.models import Partner
from tests.activities.conftest import activity_data
from tests.factories import ActivityFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def partners_url(activity):
    return reverse("partners:partners", args=[activity.pk])


def test_submitting_a_new_activity_leads_to_inviting_partners(
    organiser_client, organisation, open_edition
):
    response = organiser_client.post(
        reverse("activities:create"), activity_data(organisation, submit="1")
    )
    activity = Activity.objects.get()
    assert activity.status == Activity.Status.SUBMITTED
    assert response.url == partners_url(activity) + "?stap=partners"
    page = organiser_client.get(response.url).content.decode()
    assert "Volgende stap: partners uitnodigen" in page
    assert "Ingediend." in page  # the message of the submission itself
    skip = re.search(r'<a [^>]*href="([^"]+)"[^>]*>Overslaan: naar mijn activiteiten</a>', page)
    assert skip and skip.group(1) == reverse("activities:dashboard")
    assert 'name="stap" value="partners"' in page


def test_inviting_in_the_step_stays_in_the_step(
    organiser_client, organisation, partner_admin, open_edition
):
    organiser_client.post(reverse("activities:create"), activity_data(organisation, submit="1"))
    activity = Activity.objects.get()
    library = partner_admin.memberships.get().organisation
    response = organiser_client.post(
        reverse("partners:invite", args=[activity.pk]),
        {"organisation": library.pk, "stap": "partners"},
    )
    assert response.url == partners_url(activity) + "?stap=partners"
    assert Partner.objects.get(activity=activity).organisation == library


def test_saving_a_draft_stays_in_the_form(organiser_client, organisation, open_edition):
    response = organiser_client.post(
        reverse("activities:create"), activity_data(organisation, draft="1")
    )
    activity = Activity.objects.get()
    assert response.url == reverse("activities:edit", args=[activity.pk])
    page = organiser_client.get(response.url).content.decode()
    assert f'href="{partners_url(activity)}"' in page
    assert "uitnodigen kan zodra u de activiteit heeft ingediend" in page


def test_a_drafts_partners_page_explains_when_invitations_can_go(
    organiser_client, organisation, open_edition
):
    draft = ActivityFactory(lead_organisation=organisation, status=Activity.Status.DRAFT)
    page = organiser_client.get(partners_url(draft)).content.decode()
    assert "zodra de activiteit is ingediend of gepubliceerd" in page
    assert "Uitnodiging versturen" not in page


def test_the_dashboard_links_to_the_partners_of_the_activities_it_leads(
    organiser_client, organiser, organisation, open_edition
):
    mine = ActivityFactory(
        lead_organisation=organisation, status=Activity.Status.SUBMITTED, title="Eigen"
    )
    # An activity where the organiser's organisation is only a partner: the lead invites.
    other = ActivityFactory(
        lead_organisation=OrganisationFactory(name="Andere organisator"),
        status=Activity.Status.PUBLISHED,
        title="Van een ander",
    )
    Partner.objects.create(
        activity=other, organisation=organisation, status=Partner.Status.ACCEPTED
    )
    page = organiser_client.get(reverse("activities:dashboard")).content.decode()
    assert "Van een ander" in page
    assert f'href="{partners_url(mine)}"' in page
    assert f'href="{partners_url(other)}"' not in page


def test_the_activitys_own_page_links_to_its_partners(organiser_client, organisation, open_edition):
    activity = ActivityFactory(lead_organisation=organisation, status=Activity.Status.SUBMITTED)
    page = organiser_client.get(reverse("activities:edit", args=[activity.pk])).content.decode()
    assert f'href="{partners_url(activity)}"' in page
    partners_page = organiser_client.get(partners_url(activity)).content.decode()
    assert f'href="{reverse("activities:edit", args=[activity.pk])}"' in partners_page


def test_a_partner_member_gets_no_partners_link_on_the_activity(client, open_edition):
    activity = ActivityFactory(status=Activity.Status.SUBMITTED)
    member = MembershipFactory(organisation=OrganisationFactory(name="Partnerbieb"))
    Partner.objects.create(
        activity=activity, organisation=member.organisation, status=Partner.Status.ACCEPTED
    )
    client.force_login(member.user)
    page = client.get(reverse("activities:edit", args=[activity.pk])).content.decode()
    assert partners_url(activity) not in page
