"""Every change to an organisation and its members is in the organisation's audit trail."""

import pytest

from estafette.core.audit import audit_trail
from estafette.organisations.models import Membership, Organisation
from tests.accounts.helpers import log_in
from tests.factories import MembershipFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


def actions(organisation) -> list[str]:
    return [entry.action for entry in reversed(audit_trail(organisation))]


def test_creating_and_editing_an_organisation_are_logged(client):
    user = VerifiedUserFactory()
    log_in(client, user)
    client.post(
        "/organisaties/nieuw/",
        {"name": "Bibliotheek Twente", "kind": "library", "postcode": "7511 AA"},
    )
    organisation = Organisation.objects.get(name="Bibliotheek Twente")
    client.post(
        f"/organisatie/{organisation.slug}/bewerken/",
        {
            "name": "Bibliotheek Twente",
            "kind": "library",
            "postcode": "9711 AA",
            "town": "Groningen",
        },
    )
    created, edited = audit_trail(organisation).order_by("pk")
    assert (created.action, created.actor) == ("organisation.created", user)
    assert (edited.action, edited.actor) == ("organisation.edited", user)
    assert edited.data == {"fields": ["province", "town"]}


def test_an_edit_that_changes_nothing_is_not_logged(client):
    membership = MembershipFactory()
    organisation = membership.organisation
    log_in(client, membership.user)
    client.post(
        f"/organisatie/{organisation.slug}/bewerken/",
        {
            "name": organisation.name,
            "kind": organisation.kind,
            "province": organisation.province_id,
            "town": organisation.town,
            "website": organisation.website,
            "description": organisation.description,
        },
    )
    assert actions(organisation) == []


def test_join_request_decision_role_change_and_removal_are_logged(client):
    admin_membership = MembershipFactory()
    admin, organisation = admin_membership.user, admin_membership.organisation
    requester = VerifiedUserFactory()
    log_in(client, requester)
    client.post(f"/organisatie/{organisation.slug}/lid-worden/")
    membership = Membership.objects.get(user=requester)
    client.logout()
    log_in(client, admin)
    base = f"/organisatie/{organisation.slug}/leden/{membership.pk}/"
    client.post(f"{base}besluit/", {"decision": "approve"})
    client.post(f"{base}rol/", {"role": "admin"})
    client.post(f"{base}verwijderen/")
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert actions(organisation) == [
        "membership.requested",
        "membership.approved",
        "membership.role_changed",
        "membership.removed",
    ]
    requested, approved, role_changed, removed = audit_trail(organisation).order_by("pk")
    assert requested.actor == requester
    assert {approved.actor, role_changed.actor, removed.actor} == {admin}
    assert role_changed.data == {
        "member": requester.pk,
        "membership": membership.pk,
        "old": "member",
        "new": "admin",
    }
    assert removed.data["member"] == requester.pk  # the member is gone, the trail keeps the id


def test_a_declined_request_is_logged(client):
    admin_membership = MembershipFactory()
    organisation = admin_membership.organisation
    membership = MembershipFactory(organisation=organisation, role="member", status="requested")
    log_in(client, admin_membership.user)
    client.post(
        f"/organisatie/{organisation.slug}/leden/{membership.pk}/besluit/", {"decision": "decline"}
    )
    assert actions(organisation) == ["membership.declined"]
