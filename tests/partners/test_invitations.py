"""Partners: invite an organisation on or off the platform; the partner's admins answer."""

import re

import pytest

from estafette.activities.permissions import Action, can
from estafette.mail.models import OutboxMessage
from estafette.organisations.models import Organisation
from estafette.partners.models import Partner
from estafette.partners.queries import pending_invitations_for
from tests.accounts.helpers import log_in
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity():
    return ActivityFactory(title="Zorgrobots in de wijk", status="submitted")


@pytest.fixture
def organiser(activity):
    return MembershipFactory(
        user=VerifiedUserFactory(), organisation=activity.lead_organisation
    ).user


@pytest.fixture
def partner_admin():
    return MembershipFactory(organisation=OrganisationFactory(name="GGD Twente")).user


def partner_of(user):
    return user.memberships.get().organisation


def invite(client, activity, organisation, capture):
    with capture(execute=True):
        return client.post(
            f"/activiteit/{activity.pk}/partners/uitnodigen/", {"organisation": organisation.pk}
        )


def answer(client, invitation, value, capture):
    with capture(execute=True):
        return client.post(f"/uitnodiging/{invitation.pk}/antwoord/", {"answer": value})


def test_invite_an_organisation_on_the_platform_and_it_accepts(
    client, activity, organiser, partner_admin, django_capture_on_commit_callbacks
):
    partner = partner_of(partner_admin)
    log_in(client, organiser)
    search = client.get(f"/activiteit/{activity.pk}/partners/", {"q": "GGD"}).content.decode()
    assert "GGD Twente" in search
    response = invite(client, activity, partner, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    invitation = Partner.objects.get(activity=activity, organisation=partner)
    assert invitation.status == "invited" and invitation.invited_by == organiser
    mail = OutboxMessage.objects.get(to=[partner_admin.email])
    assert "Zorgrobots in de wijk" in mail.subject
    assert not can(partner_admin, activity, Action.EDIT)

    client.logout()
    log_in(client, partner_admin)
    assert list(pending_invitations_for(partner_admin)) == [invitation]
    assert "Zorgrobots in de wijk" in client.get("/account/").content.decode()
    answer(client, invitation, "accept", django_capture_on_commit_callbacks)
    invitation.refresh_from_db()
    assert invitation.status == "accepted" and invitation.answered_at
    assert can(partner_admin, activity, Action.EDIT)
    assert list(pending_invitations_for(partner_admin)) == []
    reply = OutboxMessage.objects.get(to=[organiser.email])
    assert "GGD Twente organiseert mee" in reply.subject


def test_partner_declines(
    client, activity, organiser, partner_admin, django_capture_on_commit_callbacks
):
    invitation = Partner.objects.create(
        activity=activity, organisation=partner_of(partner_admin), invited_by=organiser
    )
    log_in(client, partner_admin)
    answer(client, invitation, "decline", django_capture_on_commit_callbacks)
    invitation.refresh_from_db()
    assert invitation.status == "declined"
    assert not can(partner_admin, activity, Action.EDIT)
    assert "afgeslagen" in OutboxMessage.objects.get(to=[organiser.email]).subject


def test_a_member_who_is_not_admin_cannot_answer(
    client, activity, partner_admin, django_capture_on_commit_callbacks
):
    partner = partner_of(partner_admin)
    member = MembershipFactory(organisation=partner, role="member").user
    invitation = Partner.objects.create(activity=activity, organisation=partner)
    log_in(client, member)
    response = answer(client, invitation, "accept", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "invited"
    assert list(pending_invitations_for(member)) == []


def test_an_outsider_cannot_answer_or_invite(
    client, activity, partner_admin, django_capture_on_commit_callbacks
):
    invitation = Partner.objects.create(activity=activity, organisation=partner_of(partner_admin))
    outsider = MembershipFactory().user
    log_in(client, outsider)
    answer(client, invitation, "accept", django_capture_on_commit_callbacks)
    invitation.refresh_from_db()
    assert invitation.status == "invited"
    assert client.get(f"/activiteit/{activity.pk}/partners/").status_code == 404
    response = invite(client, activity, partner_of(outsider), django_capture_on_commit_callbacks)
    assert response.status_code == 404


def test_inviting_twice_or_inviting_oneself_is_refused(
    client, activity, organiser, partner_admin, django_capture_on_commit_callbacks
):
    log_in(client, organiser)
    partner = partner_of(partner_admin)
    invite(client, activity, partner, django_capture_on_commit_callbacks)
    response = client.post(
        f"/activiteit/{activity.pk}/partners/uitnodigen/", {"organisation": partner.pk}, follow=True
    )
    assert "al uitgenodigd" in response.content.decode()
    response = client.post(
        f"/activiteit/{activity.pk}/partners/uitnodigen/",
        {"organisation": activity.lead_organisation.pk},
        follow=True,
    )
    assert "Dit is de organisator zelf" in response.content.decode()
    assert Partner.objects.filter(activity=activity).count() == 1


def test_bad_email_invitation_keeps_what_was_typed(client, activity, organiser):
    log_in(client, organiser)
    response = client.post(
        f"/activiteit/{activity.pk}/partners/uitnodigen/",
        {"name": "Thuiszorg Oost", "email": "geen-adres"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Thuiszorg Oost"' in html
    assert 'id="id_email_error"' in html


def test_off_platform_invitation_is_picked_up_after_sign_up(
    client, activity, organiser, django_capture_on_commit_callbacks
):
    log_in(client, organiser)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/activiteit/{activity.pk}/partners/uitnodigen/",
            {"name": "Thuiszorg Oost", "email": "Info@Thuiszorg-Oost.nl"},
        )
    invitation = Partner.objects.get(activity=activity)
    assert invitation.organisation is None and invitation.invited_email == "info@thuiszorg-oost.nl"
    mail = OutboxMessage.objects.get(to=["info@thuiszorg-oost.nl"])
    assert "/account/signup/" in mail.body_text
    client.logout()

    # The partner signs up with the invited address, confirms it and adds the organisation.
    newcomer = client.__class__()
    password = "Zorg-estafette-2024!"
    with django_capture_on_commit_callbacks(execute=True):
        newcomer.post(
            "/account/signup/",
            {
                "full_name": "Fatima El Amrani",
                "email": "info@thuiszorg-oost.nl",
                "password1": password,
                "password2": password,
            },
        )
    confirmation = OutboxMessage.objects.filter(to=["info@thuiszorg-oost.nl"]).latest("id")
    link = re.search(r"(/account/confirm-email/[^\s]+/)", confirmation.body_text).group(1)
    newcomer.post(link)
    newcomer.post(
        "/organisaties/nieuw/",
        {"name": "Thuiszorg Oost", "kind": "care_provider", "postcode": "7411 AB"},
    )
    partner = Organisation.objects.get(name="Thuiszorg Oost")
    invitation.refresh_from_db()
    assert invitation.organisation is None  # nothing attached it: it is matched when read
    assert "Zorgrobots in de wijk" in newcomer.get("/account/").content.decode()
    newcomer.post(
        f"/uitnodiging/{invitation.pk}/antwoord/",
        {"answer": "accept", "organisation": partner.pk},
    )
    invitation.refresh_from_db()
    assert invitation.status == "accepted" and invitation.organisation == partner


def test_an_email_invitation_is_shown_to_whoever_verified_that_address(client, activity):
    from allauth.account.models import EmailAddress

    invitation = Partner.objects.create(activity=activity, invited_email="zorg@ggd.nl")
    admin = MembershipFactory(organisation=OrganisationFactory(name="GGD Twente")).user
    assert list(pending_invitations_for(admin)) == []
    address = EmailAddress.objects.create(user=admin, email="zorg@ggd.nl", verified=False)
    assert list(pending_invitations_for(admin)) == []  # unverified: not theirs yet
    address.verified = True
    address.save()
    assert list(pending_invitations_for(admin)) == [invitation]
    stranger = MembershipFactory().user
    log_in(client, stranger)
    client.post(f"/uitnodiging/{invitation.pk}/antwoord/", {"answer": "accept"})
    invitation.refresh_from_db()
    assert invitation.status == "invited" and invitation.organisation is None

    client.logout()
    log_in(client, admin)
    page = client.get("/account/").content.decode()
    assert "GGD Twente" in page and "Met welke organisatie" in page
    client.post(f"/uitnodiging/{invitation.pk}/antwoord/", {"answer": "accept"})
    invitation.refresh_from_db()
    assert invitation.status == "accepted"
    assert invitation.organisation == partner_of(admin)
    assert can(admin, activity, Action.EDIT)


def test_the_invite_service_is_keyword_only(activity, organiser, partner_admin):
    from estafette.partners.services import invite_partner

    with pytest.raises(TypeError):
        invite_partner(activity, organiser)  # the board calls it with names
    invitation = invite_partner(
        activity=activity, by=organiser, organisation=partner_of(partner_admin)
    )
    assert invitation.status == "invited"


# Not an open mail relay -------------------------------------------------------------------


@pytest.mark.parametrize("status", ["draft", "changes_requested", "rejected", "cancelled"])
def test_no_invitations_for_activities_nobody_reviewed(activity, organiser, status):
    from django.core.exceptions import ValidationError

    from estafette.partners.services import invite_partner

    activity.status = status
    activity.save()
    with pytest.raises(ValidationError, match="ingediend of gepubliceerd"):
        invite_partner(activity=activity, by=organiser, email="iemand@example.nl", name="X")
    assert not OutboxMessage.objects.exists()


def test_no_invitations_from_an_unverified_organiser(activity):
    from django.core.exceptions import ValidationError

    from estafette.partners.services import invite_partner

    unverified = MembershipFactory(organisation=activity.lead_organisation).user
    with pytest.raises(ValidationError, match="Bevestig eerst uw e-mailadres"):
        invite_partner(activity=activity, by=unverified, email="iemand@example.nl", name="X")


def test_invitations_are_rate_limited(client, activity, organiser, settings):
    settings.PARTNER_INVITATIONS_PER_HOUR = 3
    log_in(client, organiser)
    for number in range(5):
        client.post(
            f"/activiteit/{activity.pk}/partners/uitnodigen/",
            {"name": f"Organisatie {number}", "email": f"adres{number}@example.nl"},
        )
    invited = [m for m in OutboxMessage.objects.all() if m.to[0].startswith("adres")]
    assert len(invited) == 3
    page = client.get(f"/activiteit/{activity.pk}/partners/").content.decode()
    assert "al veel partners uitgenodigd" in page


def test_a_name_with_an_address_is_never_a_link(
    activity, organiser, django_capture_on_commit_callbacks
):
    from estafette.partners.services import invite_partner

    invite_partner(
        activity=activity,
        by=organiser,
        email="doelwit@example.nl",
        name="Gratis iPhone! Klik http://evil.example",
    )
    mail = OutboxMessage.objects.get(to=["doelwit@example.nl"])
    assert "Gratis iPhone! Klik http://evil.example" in mail.body_html
    assert 'href="http://evil.example' not in mail.body_html
    assert "<a href=" in mail.body_html  # our own sign-up address is still a link
