"""Posting a call, answering it, accepting an answer (a partner invitation), closing, hiding,
and the weekly mail of new calls."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from estafette.activities.permissions import Action, can
from estafette.board.models import Answer, Call, DigestSubscription, WantedKind
from estafette.board.permissions import can_decide, can_hide, can_post_for, can_subscribe
from estafette.core import moderation
from estafette.core.audit import log_action
from estafette.core.caching import bump_public_version
from estafette.core.dates import local_date, local_today
from estafette.mail.services import queue_templated_mail_per_language
from estafette.organisations.models import Organisation
from estafette.organisations.permissions import is_member_of
from estafette.organisations.services import admin_and_creator_emails, admin_emails
from estafette.partners.services import invite_partner
from estafette.signups.limits import hit

# Abuse limits, as for the public forms: per user, fixed windows in the shared cache.
CALLS_PER_DAY = 10
ANSWERS_PER_HOUR = 20
DIGEST_EVERY = dt.timedelta(days=6, hours=12)  # weekly, with room for a late cron run


def _limit(key: str, *, limit: int, window: int):
    if not hit(f"board:{key}", limit=limit, window=window):
        raise ValidationError(_("U heeft dit te vaak gedaan. Probeer het later nog eens."))


@transaction.atomic
def post_call(
    *,
    organisation,
    by,
    stage,
    title: str,
    plan: str,
    kinds: list[str],
    themes=(),
    activity=None,
) -> Call:
    """A member of an organisation asks for a partner, before the region's week begins."""
    if not can_post_for(by, organisation):
        raise ValidationError(_("U kunt alleen een oproep plaatsen voor uw eigen organisatie."))
    if local_today() >= stage.starts_on:
        raise ValidationError(
            {"stage": _("Een oproep plaatst u vóór de week van de regio. Die week is al begonnen.")}
        )
    kinds = [kind for kind in dict.fromkeys(kinds) if kind in Organisation.Kind.values]
    if not kinds:
        raise ValidationError({"kinds": _("Kies welke soort partner u zoekt.")})
    if not title.strip() or not plan.strip():
        raise ValidationError(_("Vul een titel in en vertel wat u van plan bent."))
    if activity is not None and not can(by, activity, Action.PARTNERS):
        raise ValidationError({"activity": _("Kies een activiteit van uw eigen organisatie.")})
    _limit(f"call:{by.pk}", limit=CALLS_PER_DAY, window=86400)
    call = Call.objects.create(
        organisation=organisation,
        created_by=by,
        stage=stage,
        activity=activity,
        title=title.strip(),
        plan=plan.strip(),
    )
    WantedKind.objects.bulk_create([WantedKind(call=call, kind=kind) for kind in kinds])
    call.themes.set(themes)
    log_action(actor=by, action="board.call_posted", target=call)
    # The board and the call's edition's pages; other editions' cached pages stay warm.
    bump_public_version(edition_id=stage.edition_id)
    return call


@transaction.atomic
def answer_call(*, call, organisation, by, message: str) -> Answer:
    """Another organisation offers to organise together; the caller hears it by e-mail."""
    if not is_member_of(by, organisation):
        raise ValidationError(_("U kunt alleen reageren namens uw eigen organisatie."))
    if organisation.pk == call.organisation_id:
        raise ValidationError(_("Dit is uw eigen oproep."))
    if not Call.objects.open_on(local_today()).filter(pk=call.pk).exists():
        raise ValidationError(_("Deze oproep is gesloten."))
    if not message.strip():
        raise ValidationError({"message": _("Schrijf kort wat uw organisatie wil bijdragen.")})
    _limit(f"answer:{by.pk}", limit=ANSWERS_PER_HOUR, window=3600)
    try:
        with transaction.atomic():
            answer = Answer.objects.create(
                call=call, organisation=organisation, created_by=by, message=message.strip()
            )
    except IntegrityError as error:
        raise ValidationError(
            _("%(name)s heeft al op deze oproep gereageerd.") % {"name": organisation.name}
        ) from error
    recipients = admin_and_creator_emails(call.organisation, call.created_by)
    if recipients:
        queue_templated_mail_per_language(
            to=recipients,
            template="board_answer_received",
            context=lambda: {"call": call, "answer": answer, "call_path": call.get_absolute_url()},
        )
    return answer


@transaction.atomic
def accept_answer(*, answer, by, activity=None) -> Answer:
    """The caller accepts: the answering organisation is invited as partner on the activity."""
    call = answer.call
    if not can_decide(by, call):
        raise ValidationError(_("Alleen de organisatie die de oproep plaatste, kan dit doen."))
    if answer.status != Answer.Status.OPEN:
        raise ValidationError(_("Over deze reactie is al besloten."))
    activity = activity or call.activity
    if activity is None:
        raise ValidationError(
            {"activity": _("Kies de activiteit waarvoor u de partner uitnodigt.")}
        )
    invitation = invite_partner(activity=activity, by=by, organisation=answer.organisation)
    answer.status = Answer.Status.ACCEPTED
    answer.invitation = invitation
    answer.decided_at = timezone.now()
    answer.save(update_fields=["status", "invitation", "decided_at"])
    log_action(
        actor=by,
        action="board.answer_accepted",
        target=call,
        organisation=answer.organisation.name,
        activity=activity.pk,
    )
    return answer


@transaction.atomic
def decline_answer(*, answer, by) -> Answer:
    if not can_decide(by, answer.call):
        raise ValidationError(_("Alleen de organisatie die de oproep plaatste, kan dit doen."))
    if answer.status != Answer.Status.OPEN:
        raise ValidationError(_("Over deze reactie is al besloten."))
    answer.status = Answer.Status.DECLINED
    answer.decided_at = timezone.now()
    answer.save(update_fields=["status", "decided_at"])
    return answer


@transaction.atomic
def close_call(*, call, by) -> Call:
    if not can_decide(by, call):
        raise ValidationError(_("Alleen de organisatie die de oproep plaatste, kan dit doen."))
    call.closed_at = timezone.now()
    call.save(update_fields=["closed_at"])
    log_action(actor=by, action="board.call_closed", target=call)
    bump_public_version(edition_id=call.stage.edition_id)
    return call


@transaction.atomic
def hide_call(*, call, by, reason: str) -> Call:
    """Moderation as for activities: the region's coordinator takes a call off the board."""
    if not can_hide(by, call):
        raise ValidationError(_("Alleen de coördinator van de regio kan een oproep verbergen."))
    moderation.hide(
        call, reason=reason, reason_missing=_("Schrijf op waarom u de oproep verbergt.")
    )
    log_action(actor=by, action="board.call_hidden", target=call, message=call.hidden_reason)
    bump_public_version(edition_id=call.stage.edition_id)
    return call


@transaction.atomic
def set_subscription(*, organisation, by, wanted: bool) -> DigestSubscription | None:
    if not can_subscribe(by, organisation):
        raise ValidationError(
            _("Alleen beheerders van de organisatie kunnen de wekelijkse mail aanzetten.")
        )
    if not wanted:
        DigestSubscription.objects.filter(organisation=organisation).delete()
        return None
    subscription, _created = DigestSubscription.objects.get_or_create(
        organisation=organisation, defaults={"created_by": by, "last_sent_at": timezone.now()}
    )
    return subscription


def new_calls_for(organisation, *, since, today):
    """Open calls posted since `since` in the organisation's region asking for its kind."""
    return (
        Call.objects.open_on(today)
        .filter(
            created_at__gt=since,
            stage__region_id=organisation.province.region_id,
            wanted_kinds__kind=organisation.kind,
        )
        .exclude(organisation=organisation)
        .select_related("organisation", "stage__region")
        .order_by("stage__starts_on", "-created_at")
    )


def send_board_digests(*, now=None) -> int:
    """The weekly mail to organisations that opted in; at most one per organisation per week
    (claimed with a conditional update, so a second run or a second server sends nothing)."""
    now = now or timezone.now()
    today = local_date(now)
    due = DigestSubscription.objects.filter(last_sent_at__lte=now - DIGEST_EVERY).select_related(
        "organisation__province"
    )
    sent = 0
    for subscription in due:
        since = subscription.last_sent_at
        with transaction.atomic():
            claimed = DigestSubscription.objects.filter(
                pk=subscription.pk, last_sent_at=since
            ).update(last_sent_at=now)
            if not claimed:
                continue
            organisation = subscription.organisation
            calls = list(new_calls_for(organisation, since=since, today=today))
            recipients = admin_emails(organisation)
            if calls and recipients:
                queue_templated_mail_per_language(
                    to=recipients,
                    template="board_digest",
                    context=lambda organisation=organisation, calls=calls: {
                        "organisation": organisation,
                        "calls": calls,
                        "board_path": reverse("board:list"),
                        "settings_path": reverse("board:subscriptions"),
                    },
                )
                sent += 1
    return sent
