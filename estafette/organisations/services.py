"""Changes to organisations: create, join, decide, roles, and co-organisation invitations."""

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from estafette.activities.models import CoOrganisation
from estafette.core.caching import bump_public_version
from estafette.mail.services import queue_templated_mail
from estafette.organisations.models import Membership, Organisation
from estafette.organisations.permissions import can_act_for_activity, is_admin_of
from estafette.relay.postcodes import InvalidPostcode, UnknownPostcode, lookup_postcode


def _unique_slug(name: str) -> str:
    base = slugify(name)[:200] or "organisatie"
    slug, number = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def province_from_postcode(postcode: str):
    try:
        return lookup_postcode(postcode)[1]
    except (InvalidPostcode, UnknownPostcode) as error:
        raise ValidationError({"postcode": str(error)}) from error


def admin_emails(organisation) -> list[str]:
    return list(
        organisation.memberships.filter(
            role=Membership.Role.ADMIN, status=Membership.Status.ACTIVE
        ).values_list("user__email", flat=True)
    )


def active_admin_count(organisation) -> int:
    return organisation.memberships.filter(
        role=Membership.Role.ADMIN, status=Membership.Status.ACTIVE
    ).count()


@transaction.atomic
def create_organisation(
    *,
    name: str,
    kind: str,
    by,
    province=None,
    postcode: str = "",
    town: str = "",
    website: str = "",
    description: str = "",
) -> Organisation:
    """Create the organisation with its creator as admin; pick up invitations sent to them."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Vul de naam van de organisatie in.")})
    if province is None:
        if not postcode:
            raise ValidationError(
                {"province": _("Kies de provincie of vul de postcode van de organisatie in.")}
            )
        province = province_from_postcode(postcode)
    organisation = Organisation.objects.create(
        name=name,
        slug=_unique_slug(name),
        kind=kind,
        province=province,
        town=town.strip(),
        website=website,
        description=description.strip(),
    )
    Membership.objects.create(
        user=by,
        organisation=organisation,
        role=Membership.Role.ADMIN,
        status=Membership.Status.ACTIVE,
    )
    attach_invitations_for(user=by, organisation=organisation)
    bump_public_version()
    return organisation


@transaction.atomic
def update_organisation(
    *,
    organisation,
    by,
    name: str,
    kind: str,
    province=None,
    postcode: str = "",
    town: str = "",
    website: str = "",
    description: str = "",
) -> Organisation:
    """An admin changes the profile; the address (slug) stays so links keep working."""
    if not is_admin_of(by, organisation):
        raise ValidationError(
            _("Alleen beheerders van de organisatie kunnen haar gegevens wijzigen.")
        )
    if not name.strip():
        raise ValidationError({"name": _("Vul de naam van de organisatie in.")})
    if province is None:
        if not postcode:
            raise ValidationError(
                {"province": _("Kies de provincie of vul de postcode van de organisatie in.")}
            )
        province = province_from_postcode(postcode)
    organisation.name = name.strip()
    organisation.kind = kind
    organisation.province = province
    organisation.town = town.strip()
    organisation.website = website
    organisation.description = description.strip()
    organisation.save()
    bump_public_version()
    return organisation


@transaction.atomic
def request_membership(*, organisation, by) -> Membership:
    """Ask to join; the organisation's admins get an e-mail and decide."""
    membership = Membership.objects.filter(user=by, organisation=organisation).first()
    if membership and membership.status == Membership.Status.ACTIVE:
        raise ValidationError(_("U bent al lid van %(name)s.") % {"name": organisation.name})
    if membership and membership.status == Membership.Status.REQUESTED:
        raise ValidationError(
            _("U heeft al gevraagd om lid te worden van %(name)s.") % {"name": organisation.name}
        )
    if membership:  # declined before: asking again is allowed
        membership.status = Membership.Status.REQUESTED
        membership.role = Membership.Role.MEMBER
        membership.save(update_fields=["status", "role"])
    else:
        membership = Membership.objects.create(
            user=by,
            organisation=organisation,
            role=Membership.Role.MEMBER,
            status=Membership.Status.REQUESTED,
        )
    recipients = admin_emails(organisation)
    if recipients:
        queue_templated_mail(
            to=recipients,
            template="account_membership_requested",
            context={
                "organisation": organisation,
                "requester": by,
                "members_path": reverse("organisations:members", args=[organisation.slug]),
            },
        )
    return membership


@transaction.atomic
def decide_membership(*, membership, approve: bool, by) -> Membership:
    """An admin approves or declines a request; the requester hears the decision by e-mail."""
    organisation = membership.organisation
    if not is_admin_of(by, organisation):
        raise ValidationError(_("Alleen beheerders van de organisatie kunnen hierover beslissen."))
    if membership.status != Membership.Status.REQUESTED:
        raise ValidationError(_("Over dit verzoek is al besloten."))
    membership.status = Membership.Status.ACTIVE if approve else Membership.Status.DECLINED
    membership.save(update_fields=["status"])
    if approve:
        attach_invitations_for(user=membership.user, organisation=organisation)
    queue_templated_mail(
        to=membership.user.email,
        template="account_membership_decided",
        context={
            "organisation": organisation,
            "approved": approve,
            "account_path": reverse("accounts:overview"),
        },
    )
    return membership


def _lock_admins(organisation):
    # Serialises concurrent role changes so two admins cannot demote each other at once.
    return list(
        Organisation.objects.select_for_update().filter(pk=organisation.pk).values_list("pk")
    )


@transaction.atomic
def change_role(*, membership, role: str, by) -> Membership:
    organisation = membership.organisation
    if not is_admin_of(by, organisation):
        raise ValidationError(_("Alleen beheerders van de organisatie kunnen rollen wijzigen."))
    if role not in Membership.Role.values:
        raise ValidationError(_("Kies een bestaande rol."))
    if membership.status != Membership.Status.ACTIVE:
        raise ValidationError(_("Alleen leden kunnen een andere rol krijgen."))
    _lock_admins(organisation)
    if (
        membership.role == Membership.Role.ADMIN
        and role != Membership.Role.ADMIN
        and active_admin_count(organisation) <= 1
    ):
        raise ValidationError(
            _("%(name)s heeft dan geen beheerder meer. Maak eerst iemand anders beheerder.")
            % {"name": organisation.name}
        )
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_member(*, membership, by) -> None:
    organisation = membership.organisation
    if not is_admin_of(by, organisation):
        raise ValidationError(_("Alleen beheerders van de organisatie kunnen leden verwijderen."))
    _lock_admins(organisation)
    if (
        membership.role == Membership.Role.ADMIN
        and membership.status == Membership.Status.ACTIVE
        and active_admin_count(organisation) <= 1
    ):
        raise ValidationError(
            _(
                "De laatste beheerder kan niet worden verwijderd. Maak eerst iemand anders beheerder."
            )
        )
    membership.delete()


# Co-organisation ---------------------------------------------------------------------------


def verified_emails(user) -> list[str]:
    return [
        email.lower()
        for email in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    ]


def attach_invitations_for(*, user, organisation=None) -> list[CoOrganisation]:
    """Invitations e-mailed to one of the user's verified addresses now go to their organisation.

    Without `organisation` (e.g. right after e-mail confirmation) the user's organisation is used
    when there is exactly one where they are admin; otherwise the invitations wait.
    """
    if organisation is None:
        admin_of = list(
            Organisation.objects.filter(
                memberships__user=user,
                memberships__status=Membership.Status.ACTIVE,
                memberships__role=Membership.Role.ADMIN,
            )
        )
        if len(admin_of) != 1:
            return []
        organisation = admin_of[0]
    emails = verified_emails(user)
    if not emails:
        return []
    attached = []
    waiting = CoOrganisation.objects.filter(
        organisation__isnull=True, status=CoOrganisation.Status.INVITED
    ).select_related("activity")
    for invitation in waiting:
        if invitation.invited_email.lower() not in emails:
            continue
        if invitation.activity.lead_organisation_id == organisation.pk:
            continue
        if CoOrganisation.objects.filter(
            activity=invitation.activity, organisation=organisation
        ).exists():
            continue
        invitation.organisation = organisation
        invitation.save(update_fields=["organisation"])
        attached.append(invitation)
    return attached


def partner_label(invitation) -> str:
    return str(invitation.organisation or invitation.invited_name or invitation.invited_email)


@transaction.atomic
def invite_partner(
    *, activity, by, organisation=None, email: str | None = None, name: str | None = None
) -> CoOrganisation:
    """Invite an organisation on the platform, or one by e-mail that is not on it yet."""
    if not can_act_for_activity(by, activity):
        raise ValidationError(_("U kunt geen partners uitnodigen voor deze activiteit."))
    email = (email or "").strip().lower()
    if organisation is None and not email:
        raise ValidationError(_("Kies een organisatie of vul een e-mailadres in."))
    if organisation is not None:
        if organisation.pk == activity.lead_organisation_id:
            raise ValidationError(_("Dit is de organisator zelf."))
        if CoOrganisation.objects.filter(activity=activity, organisation=organisation).exists():
            raise ValidationError(
                _("%(name)s is al uitgenodigd voor deze activiteit.") % {"name": organisation.name}
            )
        try:
            with transaction.atomic():
                invitation = CoOrganisation.objects.create(
                    activity=activity, organisation=organisation, invited_by=by
                )
        except IntegrityError as error:
            raise ValidationError(_("Deze organisatie is al uitgenodigd.")) from error
        recipients = admin_emails(organisation)
        if recipients:
            queue_templated_mail(
                to=recipients,
                template="invitation_received",
                context={
                    "invitation": invitation,
                    "activity": activity,
                    "inviter": by,
                    "invitations_path": reverse("organisations:invitations"),
                },
            )
        return invitation
    if CoOrganisation.objects.filter(activity=activity, invited_email__iexact=email).exists():
        raise ValidationError(_("Dit e-mailadres is al uitgenodigd voor deze activiteit."))
    invitation = CoOrganisation.objects.create(
        activity=activity, invited_email=email, invited_name=(name or "").strip(), invited_by=by
    )
    queue_templated_mail(
        to=email,
        template="invitation_offplatform",
        context={
            "invitation": invitation,
            "activity": activity,
            "inviter": by,
            "signup_path": reverse("account_signup"),
        },
    )
    return invitation


@transaction.atomic
def answer_invitation(*, invitation, accept: bool, by) -> CoOrganisation:
    """A partner organisation's admin accepts or declines; the inviter hears the answer."""
    if invitation.organisation is None or not is_admin_of(by, invitation.organisation):
        raise ValidationError(
            _(
                "Alleen beheerders van de uitgenodigde organisatie kunnen deze uitnodiging beantwoorden."
            )
        )
    if invitation.status != CoOrganisation.Status.INVITED:
        raise ValidationError(_("Deze uitnodiging is al beantwoord."))
    invitation.status = CoOrganisation.Status.ACCEPTED if accept else CoOrganisation.Status.DECLINED
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    if invitation.activity.is_public:
        bump_public_version()  # the public page lists all organisers
    if invitation.invited_by and invitation.invited_by.email:
        queue_templated_mail(
            to=invitation.invited_by.email,
            template="invitation_answered",
            context={
                "invitation": invitation,
                "activity": invitation.activity,
                "accepted": accept,
                "partner": partner_label(invitation),
            },
        )
    return invitation
