"""Who may act for an organisation (for an activity: tests/activities/test_organiser_rights.py)."""

import pytest

from estafette.organisations.models import Membership
from estafette.organisations.permissions import is_admin_of, organisations_of
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_organisations_of_lists_active_memberships_only_and_is_admin_of_checks_the_role():
    user = UserFactory()
    active = MembershipFactory(user=user, role=Membership.Role.MEMBER).organisation
    MembershipFactory(user=user, status=Membership.Status.REQUESTED)
    assert list(organisations_of(user)) == [active]
    assert not is_admin_of(user, active)
    admin_of = MembershipFactory(user=user).organisation
    assert is_admin_of(user, admin_of)
    assert not is_admin_of(user, OrganisationFactory())
