"""The rights of lead admins, lead members, partner admins and partner members on an activity,
asked through one accessor by every page; every edit logged with the fields that changed."""

import pytest
from django.urls import reverse

from estafette.activities.models import Activity
from estafette.activities.permissions import RIGHTS, Action, Role, can, role_in
from estafette.core.audit import audit_trail
from estafette.organisations.models import Membership
from estafette.partners.models import Partner
from tests.activities.conftest import activity_data
from tests.factories import ActivityFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

LA, LM, PA, PM = Role.LEAD_ADMIN, Role.LEAD_MEMBER, Role.PARTNER_ADMIN, Role.PARTNER_MEMBER

# The matrix as the product brief states it (written out again here on purpose: the test
# checks the permissions module against the decision, not against itself).
EXPECTED = {
    Action.VIEW: {LA, LM, PA, PM},
    Action.EDIT: {LA, LM, PA, PM},
    Action.LEAD_CHANGE: {LA},
    Action.CANCEL: {LA, LM},
    Action.DUPLICATE: {LA, LM},
    Action.CAPACITY: {LA, LM, PA},
    Action.PARTICIPANTS: {LA, LM, PA, PM},
    Action.MESSAGES: {LA, LM, PA},
    Action.PARTNERS: {LA, LM},
}


@pytest.fixture
def cast(open_edition):
    """A published activity of 'Zorggroep Twente' with 'GGD Twente' as accepted partner, and one
    person for each role, plus an outsider and a member of a partner that was only invited."""
    lead = OrganisationFactory(name="Zorggroep Twente")
    partner = OrganisationFactory(name="GGD Twente")
    invited = OrganisationFactory(name="Bibliotheek Enschede")
    activity = ActivityFactory(
        lead_organisation=lead,
        year=2027,
        status=Activity.Status.DRAFT,
        title="Beeldbellen voor mantelzorgers",
    )
    Partner.objects.create(activity=activity, organisation=partner, status="accepted")
    Partner.objects.create(activity=activity, organisation=invited)
    people = {
        LA: MembershipFactory(organisation=lead, role=Membership.Role.ADMIN).user,
        LM: MembershipFactory(organisation=lead, role=Membership.Role.MEMBER).user,
        PA: MembershipFactory(organisation=partner, role=Membership.Role.ADMIN).user,
        PM: MembershipFactory(organisation=partner, role=Membership.Role.MEMBER).user,
        "outsider": MembershipFactory().user,
        "invited": MembershipFactory(organisation=invited).user,
    }
    return activity, people


def test_the_written_rights_are_the_decided_ones():
    assert {action: set(roles) for action, roles in RIGHTS.items()} == EXPECTED


@pytest.mark.parametrize("role", [LA, LM, PA, PM])
def test_each_person_has_their_role(cast, role):
    activity, people = cast
    assert role_in(people[role], activity) == role


@pytest.mark.parametrize("role", [LA, LM, PA, PM, "outsider", "invited"])
def test_rights_matrix(cast, role):
    activity, people = cast
    for action in Action:
        assert can(people[role], activity, action) is (role in EXPECTED[action]), action


def _pages(activity):
    """(action, method, url, data) for every organiser page that acts on the activity."""
    pk = activity.pk
    return [
        (Action.EDIT, "get", reverse("activities:edit", args=[pk]), None),
        (Action.CANCEL, "get", reverse("activities:cancel", args=[pk]), None),
        (Action.DUPLICATE, "post", reverse("activities:duplicate", args=[pk]), {}),
        (Action.PARTICIPANTS, "get", reverse("signups:participants", args=[pk]), None),
        (Action.PARTICIPANTS, "get", reverse("signups:export_csv", args=[pk]), None),
        (Action.MESSAGES, "get", reverse("signups:message", args=[pk]), None),
        (Action.CAPACITY, "post", reverse("signups:capacity", args=[pk]), {"capacity": "40"}),
        (Action.CAPACITY, "post", reverse("signups:close", args=[pk]), {"closed": "true"}),
        (Action.PARTNERS, "get", reverse("partners:partners", args=[pk]), None),
        (Action.PARTNERS, "post", reverse("partners:invite", args=[pk]), {"organisation": "0"}),
    ]


@pytest.mark.parametrize("role", [LA, LM, PA, PM, "outsider", "invited"])
def test_every_page_asks_the_same_rights(client, cast, role):
    activity, people = cast
    client.force_login(people[role])
    for action, method, url, data in _pages(activity):
        response = getattr(client, method)(url, data) if data is not None else client.get(url)
        if role in ("outsider", "invited"):
            expected = {404}
        elif role in EXPECTED[action]:
            expected = {200, 302}
        else:
            expected = {403}
        assert response.status_code in expected, (role, action, url, response.status_code)


def test_a_partner_saving_the_form_cannot_take_the_activity_away(client, cast):
    activity, people = cast
    partner = people[PA].memberships.get().organisation
    client.force_login(people[PA])
    form = client.get(reverse("activities:edit", args=[activity.pk])).content.decode()
    assert "Zorggroep Twente" in form and "disabled" in form
    data = activity_data(partner, title="Beeldbellen, nu met koffie")
    response = client.post(reverse("activities:edit", args=[activity.pk]), data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.lead_organisation.name == "Zorggroep Twente"
    assert activity.title == "Beeldbellen, nu met koffie"
    client.force_login(people[LM])
    assert client.get(reverse("activities:edit", args=[activity.pk])).status_code == 200


def test_a_lead_member_cannot_hand_the_activity_over_but_the_lead_admin_can(client, cast):
    activity, people = cast
    other = OrganisationFactory(name="Wijkteam Oost")
    for person in (people[LM], people[LA]):
        MembershipFactory(user=person, organisation=other)
    client.force_login(people[LM])
    client.post(reverse("activities:edit", args=[activity.pk]), activity_data(other))
    activity.refresh_from_db()
    assert activity.lead_organisation.name == "Zorggroep Twente"

    client.force_login(people[LA])
    client.post(reverse("activities:edit", args=[activity.pk]), activity_data(other))
    activity.refresh_from_db()
    assert activity.lead_organisation == other
    assert "lead_organisation" in audit_trail(activity).first().data["fields"]


def test_the_service_refuses_a_lead_change_by_a_partner(cast):
    from django.core.exceptions import ValidationError

    from estafette.activities.services import update_activity

    activity, people = cast
    activity.lead_organisation = people[PA].memberships.get().organisation
    with pytest.raises(ValidationError):
        update_activity(activity=activity, by=people[PA])
    activity.refresh_from_db()
    assert activity.lead_organisation.name == "Zorggroep Twente"


def test_an_edit_is_logged_with_exactly_the_fields_that_changed(client, cast):
    activity, people = cast
    client.force_login(people[LM])
    url = reverse("activities:edit", args=[activity.pk])
    client.post(url, activity_data(activity.lead_organisation))
    audit_trail(activity).delete()  # the first save fills the form's fields in

    client.post(
        url, activity_data(activity.lead_organisation, title="Nieuwe titel", town="Hengelo")
    )
    entry = audit_trail(activity).get()
    assert entry.action == "activity.edited" and entry.actor == people[LM]
    assert sorted(entry.data["fields"]) == ["title", "town"]

    client.post(
        url, activity_data(activity.lead_organisation, title="Nieuwe titel", town="Hengelo")
    )
    assert audit_trail(activity).count() == 1  # nothing changed, nothing to log


def test_capacity_and_closing_are_logged(client, cast):
    activity, people = cast
    client.force_login(people[PA])
    client.post(reverse("signups:capacity", args=[activity.pk]), {"capacity": "12"})
    client.post(reverse("signups:close", args=[activity.pk]), {"closed": "true"})
    actions = {entry.action: entry for entry in audit_trail(activity)}
    assert actions["signup.capacity_changed"].data == {"fields": ["capacity"], "old": 30, "new": 12}
    assert actions["signup.capacity_changed"].actor == people[PA]
    assert actions["signup.closed"].data["fields"] == ["signup_closed"]


def test_declined_partners_requested_members_and_anonymous_visitors_have_no_role(cast):
    from django.contrib.auth.models import AnonymousUser

    activity, people = cast
    invitation = Partner.objects.get(activity=activity, status="invited")
    invitation.status = Partner.Status.DECLINED
    invitation.save()
    requested = MembershipFactory(
        organisation=activity.lead_organisation, status=Membership.Status.REQUESTED
    ).user
    for person in (people["invited"], requested, AnonymousUser()):
        assert role_in(person, activity) is None
