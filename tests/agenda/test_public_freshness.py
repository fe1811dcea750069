"""What the public sees changes at once when a service decides it changed, and only then.

No signal receivers: the services schedule the search-index update and the cache bump after
commit where they decide a change is public (issue 16.1); a cached page is refreshed only
when something it can show changed (issue 12.2).
"""

import pytest

from estafette.activities import services as activities
from estafette.activities.models import Activity
from estafette.core.caching import ANY_EDITION_KEY, VERSION_KEY, edition_key, versions
from estafette.organisations import services as organisations
from estafette.partners import services as partners
from estafette.signups.services import sign_up
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    VerifiedUserFactory,
)
from tests.signups.conftest import future_activity

pytestmark = pytest.mark.django_db


def all_versions(activity):
    return versions([VERSION_KEY, ANY_EDITION_KEY, edition_key(activity.edition_id)])


def agenda(client, query=""):
    return client.get(f"/agenda/?edition=2023{query}").content.decode()


def test_saving_a_draft_leaves_the_public_cache_alone(client, committed):
    draft = ActivityFactory(status=Activity.Status.DRAFT, title="Concept over valpreventie")
    page = agenda(client)
    before = all_versions(draft)
    draft.title = "Concept over valpreventie thuis"
    committed(activities.update_activity, activity=draft, by=UserFactory())
    assert all_versions(draft) == before
    assert agenda(client) == page
    assert f'data-activity-id="{draft.pk}"' not in agenda(client, "&q=valpreventie")


def test_an_approval_shows_the_activity_at_once_and_makes_it_findable(client, committed):
    ActivityFactory()  # the agenda page is not empty, and cached
    activity = ActivityFactory(status=Activity.Status.SUBMITTED, title="Slimme medicijndoos")
    assert f'data-activity-id="{activity.pk}"' not in agenda(client)
    assert f'data-activity-id="{activity.pk}"' not in agenda(client, "&q=medicijndoos")
    before = all_versions(activity)
    committed(activities.approve_activity, activity=activity, by=UserFactory())
    assert (
        all_versions(activity)[edition_key(activity.edition_id)]
        != before[edition_key(activity.edition_id)]
    )
    assert f'data-activity-id="{activity.pk}"' in agenda(client)
    assert f'data-activity-id="{activity.pk}"' in agenda(client, "&q=medicijndoos")


def test_an_edit_after_publication_shows_once_approved_and_then_at_once(client, committed):
    activity = ActivityFactory(title="Beeldbellen met de huisarts")
    assert "Beeldbellen met de huisarts" in agenda(client)
    before = all_versions(activity)
    activity.title = "Videobellen met de huisarts"
    committed(activities.update_activity, activity=activity, by=UserFactory())
    assert all_versions(activity) == before  # waiting for the coordinator: nothing public
    assert "Beeldbellen met de huisarts" in agenda(client)
    revision = activity.revisions.pending().get()
    committed(activities.approve_revision, revision=revision, by=UserFactory())
    page = agenda(client)
    assert "Videobellen met de huisarts" in page and "Beeldbellen met de huisarts" not in page
    assert f'data-activity-id="{activity.pk}"' in agenda(client, "&q=videobellen")


def test_a_cancellation_shows_at_once(client, committed):
    activity = ActivityFactory()
    url = activity.get_absolute_url()
    assert "Ziekte van de spreker" not in client.get(url).content.decode()
    committed(
        activities.cancel_activity,
        activity=activity,
        by=UserFactory(),
        reason="Ziekte van de spreker",
    )
    assert "Ziekte van de spreker" in client.get(url).content.decode()


def test_an_accepted_partner_shows_at_once_and_is_searchable(client, committed):
    activity = ActivityFactory()
    inviter = MembershipFactory(
        organisation=activity.lead_organisation, user=VerifiedUserFactory()
    ).user
    partner = OrganisationFactory(name="Stichting Zorgmaatje")
    admin = MembershipFactory(organisation=partner, user=VerifiedUserFactory()).user
    invitation = committed(
        partners.invite_partner, activity=activity, by=inviter, organisation=partner
    )
    url = activity.get_absolute_url()
    assert "Stichting Zorgmaatje" not in client.get(url).content.decode()
    committed(partners.answer_invitation, invitation=invitation, accept=True, by=admin)
    assert "Stichting Zorgmaatje" in client.get(url).content.decode()
    assert f'data-activity-id="{activity.pk}"' in agenda(client, "&q=zorgmaatje")


def test_a_renamed_organisation_shows_at_once_and_is_searchable(client, committed):
    activity = ActivityFactory()
    organisation = activity.lead_organisation
    admin = MembershipFactory(organisation=organisation).user
    assert organisation.name in agenda(client)
    committed(
        organisations.update_organisation,
        organisation=organisation,
        by=admin,
        profile=organisations.OrganisationProfile(
            name="Thuiszorg De Linde",
            kind=organisation.kind,
            province=organisation.province,
            town=organisation.town,
        ),
    )
    assert "Thuiszorg De Linde" in agenda(client)
    assert f'data-activity-id="{activity.pk}"' in agenda(client, "&q=linde")


def test_places_left_change_everywhere_at_once(client, committed):
    activity = future_activity(capacity=5)
    page_url, api_url = activity.get_absolute_url(), f"/api/v1/activities/{activity.pk}"
    assert "Nog 5 plaatsen" in client.get(page_url).content.decode()
    assert client.get(api_url).json()["places_left"] == 5
    committed(sign_up, activity=activity, name="Els", email="els@example.nl")
    assert "Nog 4 plaatsen" in client.get(page_url).content.decode()
    assert client.get(api_url).json()["places_left"] == 4


def test_a_change_in_one_edition_leaves_another_editions_pages_cached(client, committed):
    ActivityFactory(year=2022, region="oost")
    activity = ActivityFactory(status=Activity.Status.SUBMITTED)  # 2023
    other = "/agenda/?edition=2022"
    assert client.get(other)["X-Cache"] == "miss"
    assert client.get(other)["X-Cache"] == "hit"
    committed(activities.approve_activity, activity=activity, by=UserFactory())
    assert client.get(other)["X-Cache"] == "hit"
    assert client.get("/agenda/?edition=2023")["X-Cache"] == "miss"


def test_a_change_without_an_edition_refreshes_every_page(client, committed):
    from estafette.core.caching import bump_public_version

    ActivityFactory(year=2022, region="oost")
    other = "/agenda/?edition=2022"
    client.get(other)
    assert client.get(other)["X-Cache"] == "hit"
    committed(bump_public_version)
    assert client.get(other)["X-Cache"] == "miss"
