"""Who may act for an organisation and for the activities it (co-)organises."""

import pytest

from estafette.activities.models import CoOrganisation
from estafette.organisations.models import Membership
from estafette.organisations.permissions import (
    can_act_for_activity,
    is_admin_of,
    organisations_of,
)
from tests.factories import ActivityFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_member_of_the_lead_organisation_can_act_for_the_activity():
    activity = ActivityFactory()
    member = MembershipFactory(
        organisation=activity.lead_organisation, role=Membership.Role.MEMBER
    ).user
    assert can_act_for_activity(member, activity)


def test_accepted_partner_can_act_but_invited_or_declined_partner_cannot():
    activity = ActivityFactory()
    partner = MembershipFactory().user
    organisation = partner.memberships.get().organisation
    invitation = CoOrganisation.objects.create(activity=activity, organisation=organisation)
    assert not can_act_for_activity(partner, activity)
    invitation.status = CoOrganisation.Status.DECLINED
    invitation.save()
    assert not can_act_for_activity(partner, activity)
    invitation.status = CoOrganisation.Status.ACCEPTED
    invitation.save()
    assert can_act_for_activity(partner, activity)


def test_outsiders_requested_members_and_anonymous_visitors_cannot_act():
    from django.contrib.auth.models import AnonymousUser

    activity = ActivityFactory()
    requested = MembershipFactory(
        organisation=activity.lead_organisation, status=Membership.Status.REQUESTED
    ).user
    assert not can_act_for_activity(UserFactory(), activity)
    assert not can_act_for_activity(requested, activity)
    assert not can_act_for_activity(AnonymousUser(), activity)


def test_organisations_of_lists_active_memberships_only_and_is_admin_of_checks_the_role():
    user = UserFactory()
    active = MembershipFactory(user=user, role=Membership.Role.MEMBER).organisation
    MembershipFactory(user=user, status=Membership.Status.REQUESTED)
    assert list(organisations_of(user)) == [active]
    assert not is_admin_of(user, active)
    admin_of = MembershipFactory(user=user).organisation
    assert is_admin_of(user, admin_of)
    assert not is_admin_of(user, OrganisationFactory())
