"""A new organiser creates an organisation or asks to join one; its admins decide."""

import pytest

from estafette.mail.models import OutboxMessage
from estafette.organisations.models import Membership, Organisation
from tests.accounts.helpers import log_in
from tests.factories import MembershipFactory, OrganisationFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


def test_creating_an_organisation_makes_the_creator_its_admin(client):
    user = VerifiedUserFactory()
    log_in(client, user)
    response = client.post(
        "/organisaties/nieuw/",
        {
            "name": "Bibliotheek Twente",
            "kind": "library",
            "postcode": "7511 AA",
            "town": "Enschede",
            "website": "bibliotheektwente.nl",
            "description": "Wij helpen inwoners digitaal vaardig te worden.",
        },
    )
    organisation = Organisation.objects.get(name="Bibliotheek Twente")
    assert response["Location"] == f"/organisatie/{organisation.slug}/leden/"
    assert organisation.province.code == "NL-OV"  # derived from the postcode
    assert organisation.website == "https://bibliotheektwente.nl"
    membership = Membership.objects.get(user=user, organisation=organisation)
    assert (membership.role, membership.status) == ("admin", "active")


def test_a_second_organisation_with_the_same_name_gets_its_own_address(client):
    OrganisationFactory(name="Zorggroep Noord", slug="zorggroep-noord")
    log_in(client, VerifiedUserFactory())
    client.post(
        "/organisaties/nieuw/",
        {"name": "Zorggroep Noord", "kind": "care_provider", "province": _province("NL-GR")},
    )
    assert Organisation.objects.filter(slug="zorggroep-noord-2").exists()


def _province(code):
    from estafette.relay.models import Province

    return Province.objects.get(code=code).pk


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "X", "kind": "library"}, "Kies de provincie of vul de postcode"),
        ({"name": "X", "kind": "library", "postcode": "12"}, "geen geldige postcode"),
        (
            {"name": "", "kind": "library", "postcode": "7511 AA"},
            "verplicht",
        ),  # Django or Wagtail wording
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(client, data, message):
    log_in(client, VerifiedUserFactory())
    response = client.post("/organisaties/nieuw/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert not Organisation.objects.filter(name="X").exists()
    if data.get("postcode"):
        assert f'value="{data["postcode"]}"' in html


def test_search_finds_organisations_by_name(client):
    OrganisationFactory(name="GGD Twente", slug="ggd-twente")
    OrganisationFactory(name="Gemeente Zwolle", slug="gemeente-zwolle")
    html = client.get("/organisaties/", {"q": "twente"}).content.decode()
    assert "GGD Twente" in html
    assert "Gemeente Zwolle" not in html


def test_join_request_mails_the_admins_who_approve(client, django_capture_on_commit_callbacks):
    admin = MembershipFactory().user
    organisation = admin.memberships.get().organisation
    requester = VerifiedUserFactory(full_name="Piet Jansen")
    log_in(client, requester)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/organisatie/{organisation.slug}/lid-worden/")
    assert response.status_code == 302
    membership = Membership.objects.get(user=requester, organisation=organisation)
    assert membership.status == "requested"
    request_mail = OutboxMessage.objects.get(to=[admin.email])
    assert "Piet Jansen wil lid worden" in request_mail.subject
    assert f"/organisatie/{organisation.slug}/leden/" in request_mail.body_text

    client.logout()
    log_in(client, admin)
    page = client.get(f"/organisatie/{organisation.slug}/leden/").content.decode()
    assert requester.email in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/organisatie/{organisation.slug}/leden/{membership.pk}/besluit/",
            {"decision": "approve"},
        )
    membership.refresh_from_db()
    assert membership.status == "active"
    decision = OutboxMessage.objects.get(to=[requester.email])
    assert "U bent lid van" in decision.subject


def test_declined_request_is_mailed_to_the_requester(client, django_capture_on_commit_callbacks):
    admin = MembershipFactory().user
    organisation = admin.memberships.get().organisation
    membership = MembershipFactory(
        organisation=organisation, role="member", status=Membership.Status.REQUESTED
    )
    log_in(client, admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/organisatie/{organisation.slug}/leden/{membership.pk}/besluit/",
            {"decision": "decline"},
        )
    membership.refresh_from_db()
    assert membership.status == "declined"
    assert "afgewezen" in OutboxMessage.objects.get(to=[membership.user.email]).body_text


def test_asking_twice_is_refused_kindly(client):
    organisation = MembershipFactory().organisation
    user = VerifiedUserFactory()
    log_in(client, user)
    client.post(f"/organisatie/{organisation.slug}/lid-worden/")
    response = client.post(f"/organisatie/{organisation.slug}/lid-worden/", follow=True)
    assert "U heeft al gevraagd" in response.content.decode()


def test_members_cannot_manage_members(client):
    membership = MembershipFactory(role="member")
    log_in(client, membership.user)
    slug = membership.organisation.slug
    assert client.get(f"/organisatie/{slug}/leden/").status_code == 403
    response = client.post(f"/organisatie/{slug}/leden/{membership.pk}/rol/", {"role": "admin"})
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.role == "member"


def test_admin_changes_roles_but_never_leaves_the_organisation_without_admin(client):
    admin_membership = MembershipFactory()
    organisation = admin_membership.organisation
    member = MembershipFactory(organisation=organisation, role="member")
    log_in(client, admin_membership.user)
    base = f"/organisatie/{organisation.slug}/leden/"

    response = client.post(f"{base}{admin_membership.pk}/rol/", {"role": "member"}, follow=True)
    assert "geen beheerder meer" in response.content.decode()
    admin_membership.refresh_from_db()
    assert admin_membership.role == "admin"

    response = client.post(f"{base}{admin_membership.pk}/verwijderen/", follow=True)
    assert "laatste beheerder" in response.content.decode()
    assert Membership.objects.filter(pk=admin_membership.pk).exists()

    client.post(f"{base}{member.pk}/rol/", {"role": "admin"})
    member.refresh_from_db()
    assert member.role == "admin"
    client.post(f"{base}{member.pk}/verwijderen/")
    assert not Membership.objects.filter(pk=member.pk).exists()


def test_pages_for_organisers_require_logging_in(client):
    organisation = OrganisationFactory()
    for url in ["/organisaties/nieuw/", f"/organisatie/{organisation.slug}/lid-worden/"]:
        assert client.get(url)["Location"].startswith("/account/login/")


def test_admin_edits_the_profile_and_the_public_page_shows_it(
    client, django_capture_on_commit_callbacks
):
    membership = MembershipFactory()
    organisation = membership.organisation
    client.get(organisation.get_absolute_url())  # now in the public cache
    log_in(client, membership.user)
    with django_capture_on_commit_callbacks(execute=True):  # the cache is bumped after commit
        response = client.post(
            f"/organisatie/{organisation.slug}/bewerken/",
            {"name": "Zorggroep Oost", "kind": "care_provider", "postcode": "8011 AA"},
        )
    assert response["Location"] == organisation.get_absolute_url()
    organisation.refresh_from_db()
    assert (organisation.name, organisation.province.code) == ("Zorggroep Oost", "NL-OV")
    client.logout()
    assert "Zorggroep Oost" in client.get(organisation.get_absolute_url()).content.decode()


def test_members_cannot_edit_the_profile(client):
    membership = MembershipFactory(role="member")
    log_in(client, membership.user)
    slug = membership.organisation.slug
    response = client.post(f"/organisatie/{slug}/bewerken/", {"name": "Gekaapt", "kind": "other"})
    assert response.status_code == 403
