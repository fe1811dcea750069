"""Changes to organisations: create, join, decide, roles."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from estafette.activities.vocabulary_bits import refresh_organiser_kinds
from estafette.agenda.search import reindex_after_commit
from estafette.core.audit import log_action
from estafette.core.caching import bump_public_version
from estafette.mail.services import queue_templated_mail
from estafette.organisations.models import Membership, Organisation
from estafette.organisations.permissions import is_admin_of
from estafette.organisations.queries import public_activity_ids_of
from estafette.relay.models import Province
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
    return list(organisation.memberships.admins().values_list("user__email", flat=True))


def admin_and_creator_emails(organisation, creator) -> list[str]:
    """Who hears about what someone made for the organisation (a call, an activity's results):
    the organisation's admins and the person who made it, each address once."""
    emails = set(admin_emails(organisation))
    if creator is not None and creator.email:
        emails.add(creator.email)
    return sorted(email for email in emails if email)


@dataclass(frozen=True)
class OrganisationProfile:
    """What an organisation says about itself, as its admin fills it in: a name, and a province
    or a postcode to find it by."""

    name: str
    kind: str
    province: Province | None = None
    postcode: str = ""
    town: str = ""
    website: str = ""
    description: str = ""

    def fields(self) -> dict:
        """The organisation's fields, once the profile's rules are met."""
        name = self.name.strip()
        if not name:
            raise ValidationError({"name": _("Vul de naam van de organisatie in.")})
        province = self.province
        if province is None and not self.postcode:
            raise ValidationError(
                {"province": _("Kies de provincie of vul de postcode van de organisatie in.")}
            )
        if province is None:
            province = province_from_postcode(self.postcode)
        return {
            "name": name,
            "kind": self.kind,
            "province_id": province.pk,
            "town": self.town.strip(),
            "website": self.website,
            "description": self.description.strip(),
        }


@transaction.atomic
def create_organisation(*, profile: OrganisationProfile, by) -> Organisation:
    """Create the organisation with its creator as admin."""
    fields = profile.fields()
    organisation = Organisation.objects.create(slug=_unique_slug(fields["name"]), **fields)
    Membership.objects.create(
        user=by,
        organisation=organisation,
        role=Membership.Role.ADMIN,
        status=Membership.Status.ACTIVE,
    )
    log_action(actor=by, action="organisation.created", target=organisation)
    bump_public_version()
    return organisation


@transaction.atomic
def update_organisation(*, organisation, profile: OrganisationProfile, by) -> Organisation:
    """An admin changes the profile; the address (slug) stays so links keep working."""
    if not is_admin_of(by, organisation):
        raise ValidationError(
            _("Alleen beheerders van de organisatie kunnen haar gegevens wijzigen.")
        )
    new = profile.fields()
    fields = [key for key, value in new.items() if getattr(organisation, key) != value]
    for key, value in new.items():
        setattr(organisation, key, value)
    organisation.save()
    if "kind" in fields:
        refresh_organiser_kinds(organisation)  # the agenda counts its activities by kind
    if fields:
        fields = [key.removesuffix("_id") for key in fields]
        log_action(actor=by, action="organisation.edited", target=organisation, fields=fields)
    # Its name is in the pages and search entries of every public activity it organises.
    reindex_after_commit(public_activity_ids_of(organisation))
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
    log_action(actor=by, action="membership.requested", **_member(membership))
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
    log_action(
        actor=by,
        action="membership.approved" if approve else "membership.declined",
        **_member(membership),
    )
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


def _member(membership) -> dict:
    """What the organisation's trail keeps of a membership: ids only (the member may go)."""
    return {
        "target": membership.organisation,
        "member": membership.user_id,
        "membership": membership.pk,
    }


def _lock_admins(organisation):
    # Serialises concurrent role changes so two admins cannot demote each other at once.
    return list(
        Organisation.objects.select_for_update().filter(pk=organisation.pk).values_list("pk")
    )


def _is_last_admin(membership) -> bool:
    """The organisation's only active admin: an organisation always keeps one. Ask with the
    admins locked (`_lock_admins`), or two admins could each step down at once."""
    return (
        membership.role == Membership.Role.ADMIN
        and membership.status == Membership.Status.ACTIVE
        and membership.organisation.memberships.admins().count() <= 1
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
    if role != Membership.Role.ADMIN and _is_last_admin(membership):
        raise ValidationError(
            _("%(name)s heeft dan geen beheerder meer. Maak eerst iemand anders beheerder.")
            % {"name": organisation.name}
        )
    before = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    if before != role:
        log_action(
            actor=by, action="membership.role_changed", old=before, new=role, **_member(membership)
        )
    return membership


@transaction.atomic
def remove_member(*, membership, by) -> None:
    organisation = membership.organisation
    if not is_admin_of(by, organisation):
        raise ValidationError(_("Alleen beheerders van de organisatie kunnen leden verwijderen."))
    _lock_admins(organisation)
    if _is_last_admin(membership):
        raise ValidationError(
            _(
                "De laatste beheerder kan niet worden verwijderd. Maak eerst iemand anders beheerder."
            )
        )
    log_action(actor=by, action="membership.removed", role=membership.role, **_member(membership))
    membership.delete()
