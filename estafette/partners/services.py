"""Changes to partners: invite an organisation to organise an activity along, and answer."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from estafette.activities.models import Activity
from estafette.activities.permissions import Action, can
from estafette.activities.vocabulary_bits import refresh_vocabulary_bits
from estafette.agenda.search import reindex_after_commit
from estafette.core.audit import log_action
from estafette.core.caching import bump_public_version
from estafette.core.clients import hit
from estafette.mail.services import queue_templated_mail
from estafette.organisations.models import Organisation
from estafette.organisations.permissions import admin_organisations, is_admin_of
from estafette.organisations.services import admin_emails
from estafette.partners.models import Partner
from estafette.partners.queries import verified_emails


def _create(*, activity, by, **fields) -> Partner:
    try:
        with transaction.atomic():
            partner = Partner.objects.create(activity=activity, invited_by=by, **fields)
    except IntegrityError as error:
        raise ValidationError(_("Deze organisatie is al uitgenodigd.")) from error
    log_action(
        actor=by,
        action="partner.invited",
        target=activity,
        message=partner.label,
        partner=partner.pk,
    )
    return partner


def _refuse_unless_new_partner(activity, organisation) -> None:
    """An organisation is a partner of an activity once, and never of one it leads."""
    if organisation.pk == activity.lead_organisation_id:
        raise ValidationError(_("Dit is de organisator zelf."))
    if Partner.objects.filter(activity=activity, organisation=organisation).exists():
        raise ValidationError(
            _("%(name)s is al uitgenodigd voor deze activiteit.") % {"name": organisation.name}
        )


INVITING_STATUSES = {Activity.Status.SUBMITTED, Activity.Status.PUBLISHED}


def _check_may_send_invitations(*, activity, by) -> None:
    """Invitations are e-mails to any address: only for activities a coordinator will see or has
    seen, only from organisers with a verified address, and not too many (no open relay)."""
    if activity.status not in INVITING_STATUSES:
        raise ValidationError(
            _("U kunt partners uitnodigen zodra de activiteit is ingediend of gepubliceerd.")
        )
    if (by.email or "").lower() not in verified_emails(by):
        raise ValidationError(
            _("Bevestig eerst uw e-mailadres; daarna kunt u partners uitnodigen.")
        )
    if not hit(f"invite:{by.pk}", limit=settings.PARTNER_INVITATIONS_PER_HOUR, window=3600):
        raise ValidationError(
            _("U heeft het afgelopen uur al veel partners uitgenodigd. Probeer het later opnieuw.")
        )


@transaction.atomic
def invite_partner(
    *, activity, by, organisation=None, email: str | None = None, name: str | None = None
) -> Partner:
    """Invite an organisation on the platform, or one by e-mail that is not on it yet."""
    if not can(by, activity, Action.PARTNERS):
        raise ValidationError(_("U kunt geen partners uitnodigen voor deze activiteit."))
    _check_may_send_invitations(activity=activity, by=by)
    email = (email or "").strip().lower()
    if organisation is None and not email:
        raise ValidationError(_("Kies een organisatie of vul een e-mailadres in."))
    context = {"activity": activity, "inviter": by}
    if organisation is not None:
        _refuse_unless_new_partner(activity, organisation)
        partner = _create(activity=activity, by=by, organisation=organisation)
        recipients = admin_emails(organisation)
        if recipients:
            queue_templated_mail(
                to=recipients,
                template="invitation_received",
                context={
                    **context,
                    "invitation": partner,
                    "invitations_path": reverse("partners:invitations"),
                },
            )
        return partner
    if Partner.objects.filter(activity=activity, invited_email__iexact=email).exists():
        raise ValidationError(_("Dit e-mailadres is al uitgenodigd voor deze activiteit."))
    partner = _create(
        activity=activity, by=by, invited_email=email, invited_name=(name or "").strip()
    )
    queue_templated_mail(
        to=email,
        template="invitation_offplatform",
        context={**context, "invitation": partner, "signup_path": reverse("account_signup")},
    )
    return partner


def _not_yours() -> ValidationError:
    return ValidationError(
        _("Alleen beheerders van de uitgenodigde organisatie kunnen deze uitnodiging beantwoorden.")
    )


def _accepting_organisation(invitation: Partner, by, organisation) -> Organisation:
    """For an invitation by e-mail: the organisation (one the user is admin of) that joins."""
    if organisation is None:
        mine = list(admin_organisations(by)[:2])
        if len(mine) != 1:
            raise ValidationError(_("Kies de organisatie waarmee u mee organiseert."))
        organisation = mine[0]
    if not is_admin_of(by, organisation):
        raise _not_yours()
    _refuse_unless_new_partner(invitation.activity, organisation)
    return organisation


@transaction.atomic
def answer_invitation(*, invitation: Partner, accept: bool, by, organisation=None) -> Partner:
    """The invited organisation's admin accepts or declines; the inviter hears the answer.

    An invitation by e-mail is answered by whoever has that address verified, for one of the
    organisations they are admin of."""
    invitation = (
        Partner.objects.select_for_update(of=("self",))
        .select_related("activity", "organisation", "invited_by")
        .get(pk=invitation.pk)
    )
    if invitation.organisation_id is not None:
        if not is_admin_of(by, invitation.organisation):
            raise _not_yours()
    elif invitation.invited_email.lower() not in verified_emails(by):
        raise _not_yours()
    if invitation.status != Partner.Status.INVITED:
        raise ValidationError(_("Deze uitnodiging is al beantwoord."))
    if invitation.organisation_id is None and accept:
        invitation.organisation = _accepting_organisation(invitation, by, organisation)
    invitation.status = Partner.Status.ACCEPTED if accept else Partner.Status.DECLINED
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["organisation", "status", "answered_at"])
    if accept:
        refresh_vocabulary_bits([invitation.activity_id])  # the agenda counts its kind
    log_action(
        actor=by,
        action="partner.accepted" if accept else "partner.declined",
        target=invitation.activity,
        message=invitation.label,
        partner=invitation.pk,
    )
    if invitation.activity.is_public and accept:
        # The public page lists all organisers, and their names are searchable.
        reindex_after_commit([invitation.activity_id])
        bump_public_version(edition_id=invitation.activity.edition_id)
    if invitation.invited_by and invitation.invited_by.email:
        queue_templated_mail(
            to=invitation.invited_by.email,
            template="invitation_answered",
            context={
                "invitation": invitation,
                "activity": invitation.activity,
                "accepted": accept,
                "partner": invitation.label,
            },
        )
    return invitation
