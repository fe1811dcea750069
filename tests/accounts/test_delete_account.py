"""Deleting one's own account: activities stay, memberships go, the last admin hands over first."""

import pytest

from estafette.accounts.models import User
from estafette.activities.models import Activity
from estafette.organisations.models import Membership
from tests.accounts.helpers import log_in
from tests.factories import ActivityFactory, MembershipFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


def test_the_page_explains_what_happens_to_activities(client):
    log_in(client, VerifiedUserFactory())
    html = client.get("/account/verwijderen/").content.decode()
    assert "Uw activiteiten blijven bestaan" in html
    assert "laatste beheerder" in html


def test_deleting_keeps_the_activities_with_the_organisation(client):
    user = VerifiedUserFactory()
    membership = MembershipFactory(user=user, role=Membership.Role.MEMBER)
    MembershipFactory(organisation=membership.organisation)  # another admin stays
    activity = ActivityFactory(lead_organisation=membership.organisation, created_by=user)
    log_in(client, user)
    response = client.post("/account/verwijderen/", {"confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Membership.objects.filter(user_id=user.pk).exists()
    activity = Activity.objects.get(pk=activity.pk)
    assert activity.lead_organisation == membership.organisation
    assert activity.created_by is None
    assert "_auth_user_id" not in client.session


def test_without_the_tick_nothing_is_deleted(client):
    user = VerifiedUserFactory()
    log_in(client, user)
    response = client.post("/account/verwijderen/", {})
    assert response.status_code == 200
    assert "Vink aan dat u uw account wilt verwijderen" in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def test_last_admin_with_other_members_must_hand_over_first(client):
    admin = VerifiedUserFactory()
    organisation = MembershipFactory(user=admin).organisation
    colleague = MembershipFactory(organisation=organisation, role=Membership.Role.MEMBER)
    log_in(client, admin)
    response = client.post("/account/verwijderen/", {"confirm": "on"})
    assert response.status_code == 200
    assert "Maak eerst een ander lid beheerder" in response.content.decode()
    assert User.objects.filter(pk=admin.pk).exists()

    colleague.role = Membership.Role.ADMIN
    colleague.save()
    assert client.post("/account/verwijderen/", {"confirm": "on"}).status_code == 302
    assert not User.objects.filter(pk=admin.pk).exists()


def test_sole_member_may_leave_and_the_organisation_and_its_activities_stay(client):
    admin = VerifiedUserFactory()
    organisation = MembershipFactory(user=admin).organisation
    activity = ActivityFactory(lead_organisation=organisation)
    log_in(client, admin)
    assert client.post("/account/verwijderen/", {"confirm": "on"}).status_code == 302
    assert Activity.objects.filter(pk=activity.pk, lead_organisation=organisation).exists()
