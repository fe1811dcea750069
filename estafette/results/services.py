"""Reporting results, adding materials, hiding a result, and the reminder to report."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from estafette.activities.models import Activity
from estafette.core import moderation
from estafette.core.audit import log_action
from estafette.core.caching import bump_public_version
from estafette.core.dates import local_date
from estafette.mail.services import queue_templated_mail_per_language
from estafette.organisations.services import admin_and_creator_emails
from estafette.results.models import Material, Result, ResultReminder
from estafette.results.permissions import can_hide, can_report, has_ended
from estafette.results.uploads import check_upload

# The reminder is for activities that ended recently; a first run never mails about old ones.
REMINDER_WINDOW_DAYS = 14


def _refuse_unless_reporter(by, activity):
    if activity.status != Activity.Status.PUBLISHED:
        raise ValidationError(_("Alleen van een gepubliceerde activiteit kunt u terugblikken."))
    if not has_ended(activity):
        raise ValidationError(
            _("U kunt de terugblik invullen vanaf de dag waarop de activiteit eindigt.")
        )
    if not can_report(by, activity):
        raise ValidationError(_("Alleen de organisatoren kunnen de terugblik invullen."))


@transaction.atomic
def report_result(
    *,
    activity,
    by,
    participants: int,
    professionals: int = 0,
    citizens: int = 0,
    summary: str,
    lessons: str = "",
) -> Result:
    """Create or update the activity's results; the public pages show them after commit."""
    _refuse_unless_reporter(by, activity)
    if professionals + citizens > participants:
        raise ValidationError(
            {
                "participants": _(
                    "Zorgprofessionals en burgers samen zijn meer dan het totale aantal deelnemers."
                )
            }
        )
    if not summary.strip():
        raise ValidationError({"summary": _("Vertel kort wat de activiteit heeft opgeleverd.")})
    result, created = Result.objects.select_for_update().get_or_create(
        activity=activity,
        defaults={
            "participants": participants,
            "professionals": professionals,
            "citizens": citizens,
            "summary": summary.strip(),
            "lessons": lessons.strip(),
            "reported_by": by,
        },
    )
    if not created:
        result.participants = participants
        result.professionals = professionals
        result.citizens = citizens
        result.summary = summary.strip()
        result.lessons = lessons.strip()
        result.save()
    log_action(
        actor=by,
        action="result.reported" if created else "result.updated",
        target=result,
        participants=participants,
        professionals=professionals,
        citizens=citizens,
    )
    bump_public_version(edition_id=activity.edition_id)  # its pages, not other editions'
    return result


@transaction.atomic
def add_material(
    *,
    result,
    by,
    kind: str,
    title: str,
    upload=None,
    url: str = "",
    alt_text: str = "",
    people_agreed: bool = False,
) -> Material:
    """Slides or a handout, a photo (only with the consent of the people shown) or a link."""
    _refuse_unless_reporter(by, result.activity)
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Geef het materiaal een titel.")})
    material = Material(result=result, kind=kind, title=title)
    if kind == Material.Kind.LINK:
        if not url:
            raise ValidationError({"url": _("Vul de link naar de opname of het verslag in.")})
        material.url = url
    elif kind in (Material.Kind.FILE, Material.Kind.PHOTO):
        if upload is None:
            raise ValidationError({"upload": _("Kies een bestand.")})
        is_photo = kind == Material.Kind.PHOTO
        if is_photo and not people_agreed:
            raise ValidationError(
                {
                    "people_agreed": _(
                        "Plaats een foto alleen als de mensen die erop staan dat goed vinden."
                    )
                }
            )
        if is_photo and not alt_text.strip():
            raise ValidationError(
                {"alt_text": _("Beschrijf wat er op de foto te zien is, voor wie hem niet ziet.")}
            )
        try:
            material.content_type = check_upload(upload, photo=is_photo)
        except ValidationError as error:
            raise ValidationError({"upload": error.messages}) from error
        material.size = upload.size
        material.alt_text = alt_text.strip()
        material.people_agreed = people_agreed
        material.file = upload
    else:
        raise ValidationError({"kind": _("Kies een soort materiaal.")})
    material.save()
    log_action(actor=by, action="result.material_added", target=result, material=title, kind=kind)
    bump_public_version(edition_id=result.activity.edition_id)
    return material


@transaction.atomic
def remove_material(*, material, by) -> None:
    result = material.result
    _refuse_unless_reporter(by, result.activity)
    log_action(actor=by, action="result.material_removed", target=result, material=material.title)
    stored, storage = material.file.name, material.file.storage
    material.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))
    bump_public_version(edition_id=result.activity.edition_id)


@transaction.atomic
def hide_result(*, result, by, reason: str) -> Result:
    """A coordinator takes a result off the public pages; the reason goes in the audit trail."""
    if not can_hide(by, result):
        raise ValidationError(_("Alleen de coördinator van de regio kan een terugblik verbergen."))
    moderation.hide(
        result, reason=reason, reason_missing=_("Schrijf op waarom u de terugblik verbergt.")
    )
    log_action(actor=by, action="result.hidden", target=result, message=result.hidden_reason)
    bump_public_version(edition_id=result.activity.edition_id)
    return result


@transaction.atomic
def show_result(*, result, by) -> Result:
    if not can_hide(by, result):
        raise ValidationError(_("Alleen de coördinator van de regio kan een terugblik tonen."))
    moderation.show(result)
    log_action(actor=by, action="result.shown", target=result)
    bump_public_version(edition_id=result.activity.edition_id)
    return result


def send_result_reminders(*, now=None) -> int:
    """The day after an activity ended, once: "how did it go? tell the next region".

    Idempotent: a ResultReminder row per activity is claimed before the mail is queued, in the
    same transaction, so two runs (or two servers) never mail twice."""
    now = now or timezone.now()
    today = local_date(now)
    due = (
        Activity.objects.filter(
            status=Activity.Status.PUBLISHED,
            ends_at__lt=now,
            ends_at__gte=now - dt.timedelta(days=REMINDER_WINDOW_DAYS),
            result__isnull=True,
        )
        .exclude(pk__in=ResultReminder.objects.values("activity_id"))
        .select_related("created_by", "lead_organisation")
    )
    sent = 0
    for activity in due:
        if local_date(activity.ends_at) >= today:
            continue  # ended today: the reminder goes tomorrow
        recipients = admin_and_creator_emails(activity.lead_organisation, activity.created_by)
        try:
            with transaction.atomic():
                ResultReminder.objects.create(activity=activity)
                if recipients:
                    queue_templated_mail_per_language(
                        to=recipients,
                        template="result_reminder",
                        context=lambda activity=activity: {
                            "activity": activity,
                            "report_path": reverse("results:report", kwargs={"pk": activity.pk}),
                        },
                    )
        except IntegrityError:
            continue  # another run claimed it
        sent += 1
    return sent
