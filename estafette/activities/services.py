"""The life cycle of an activity: create, edit, submit, review, cancel, duplicate.

Every function takes keyword-only arguments, runs in one transaction, records the transition in
the audit trail, queues its e-mails in the outbox and returns the changed activity.
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Field
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from estafette.activities.models import Activity
from estafette.activities.permissions import Action, can
from estafette.activities.vocabulary_bits import refresh_vocabulary_bits
from estafette.agenda.search import reindex_after_commit
from estafette.core.audit import audit_trail, log_action, log_actions
from estafette.core.caching import bump_public_version
from estafette.mail.services import queue_templated_mail
from estafette.organisations.models import Membership
from estafette.relay.models import Stage
from estafette.relay.queries import edition_at
from estafette.signups.services import (
    notify_participants_of_cancellation,
    notify_participants_of_change,
)

Status = Activity.Status

# What the coordinator reviews: a change to any of these shows up in the diff.
REVIEWED_FIELDS = [
    "title", "summary", "description", "language", "format", "venue_name", "street_address",
    "postcode", "town", "online_url", "starts_at", "ends_at", "accessibility_notes", "is_free",
    "cost_description", "signup_mode", "capacity", "signup_url",
]  # fmt: skip
REVIEWED_RELATIONS = ["types", "themes", "audiences", "interactive_elements", "accessibility"]
# A change to these makes calendars update their copy (iCalendar SEQUENCE).
SCHEDULE_FIELDS = ["starts_at", "ends_at", "format", "venue_name", "street_address", "postcode",
                   "town", "online_url", "status"]  # fmt: skip

REJECTION_REASONS = [
    ("outside_theme", _("De activiteit past niet bij het thema zorginnovatie.")),
    ("commercial", _("De activiteit is vooral reclame of verkoop.")),
    ("duplicate", _("Deze activiteit staat al op het platform.")),
    ("incomplete", _("Er ontbreekt te veel informatie.")),
]


def open_edition(at: dt.datetime | None = None):
    """The edition that organisers register for now: the running one or the next."""
    return edition_at(at or timezone.now())


def stage_for(activity: Activity, *, edition, region=None, stages: dict | None = None):
    """The stage of the activity: its location's region, else the chosen region (online),
    else the lead organisation's region. `stages` ({region id: stage} of the edition) spares
    a query per activity when many are placed at once."""
    if region is None and activity.has_venue and activity.province is not None:
        region = activity.province.region
    if region is None and activity.lead_organisation_id and activity.lead_organisation.province_id:
        region = activity.lead_organisation.province.region
    if region is None or edition is None:
        return None
    if stages is not None:
        return stages.get(region.pk)
    return (
        Stage.objects.select_related("region", "edition")
        .filter(edition=edition, region=region)
        .first()
    )


def snapshot(activity: Activity) -> dict:
    """The reviewed fields as plain strings, to compare with later."""
    data = {}
    for name in REVIEWED_FIELDS:
        value = getattr(activity, name)
        if isinstance(value, dt.datetime):
            value = timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
        data[name] = "" if value is None else str(value)
    if activity.pk:
        for name in REVIEWED_RELATIONS:
            data[name] = ", ".join(sorted(str(item) for item in getattr(activity, name).all()))
    return data


def changes_since_review(activity: Activity) -> list[dict]:
    """Field by field what changed since the last approval: [{field, label, old, new}]."""
    before = activity.reviewed_snapshot or {}
    if not before:
        return []
    now = snapshot(activity)
    return [
        {
            "field": name,
            "label": _verbose_name(name),
            "old": before.get(name, ""),
            "new": value,
        }
        for name, value in now.items()
        if before.get(name, "") != value
    ]


def _verbose_name(name: str):
    field = Activity._meta.get_field(name)
    assert isinstance(field, Field), f"{name} is not a field of the activity"
    return field.verbose_name


def _link(name: str, **kwargs) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, kwargs=kwargs)


def organiser_emails(activity: Activity) -> list[str]:
    """Who hears about decisions: the person who registered it, else the lead organisation's admins."""
    creator = activity.created_by
    if creator is not None and creator.email:
        return [creator.email]

    return list(
        Membership.objects.filter(
            organisation_id=activity.lead_organisation_id,
            status=Membership.Status.ACTIVE,
            role=Membership.Role.ADMIN,
        ).values_list("user__email", flat=True)
    )


def coordinator_emails(activity: Activity) -> list[str]:
    users = get_user_model().objects.filter(is_active=True)
    if activity.stage is not None:
        users = users.filter(coordinated_regions=activity.stage.region_id)
    else:
        users = users.filter(is_staff=True)
    return sorted(set(users.values_list("email", flat=True)))


def _mail_organiser(activity: Activity, template: str, **context) -> None:
    for address in organiser_emails(activity):
        queue_templated_mail(
            to=address,
            template=template,
            context={
                "activity": activity,
                "link": _link("activities:edit", pk=activity.pk),
                "public_link": settings.SITE_URL.rstrip("/") + activity.get_absolute_url(),
                **context,
            },
        )


def _show_publicly(activity: Activity, *, words_changed: bool) -> None:
    """After commit, the public sees this activity as it is now: its search entry (when words
    the public searches may have changed) and the cached pages of its edition. Called only
    where a service has decided that something public changed; drafts stay out of both."""
    if words_changed:
        reindex_after_commit([activity.pk])
    bump_public_version(edition_id=activity.edition_id)


def _unique_slug(title: str) -> str:
    return slugify(title)[:170] or "activiteit"


def _set_relations(activity: Activity, relations: dict | None) -> None:
    for name, items in (relations or {}).items():
        getattr(activity, name).set(items)
    if relations:
        refresh_vocabulary_bits([activity.pk])


@transaction.atomic
def create_activities(
    *, activities: list[tuple[Activity, dict]], by, source: str = "", stages: dict | None = None
) -> list[Activity]:
    """Store many new activities as drafts at once (the importer): the same rules as
    create_activity (draft, creator, slug, stage), their labels, and an audit entry each.

    `activities` holds (unsaved activity, {relation name: items}); `source` (a file name) goes
    into each audit entry. Drafts are not public: no search entry, no cache bump."""
    rows = [activity for activity, _relations in activities]
    for activity in rows:
        activity.status = Status.DRAFT
        activity.created_by = by
        activity.slug = _unique_slug(activity.title)
        if activity.stage_id is None and activity.national_moment_id is None:
            activity.stage = stage_for(activity, edition=activity.edition, stages=stages)
    Activity.objects.bulk_create(rows, batch_size=500)
    for name in REVIEWED_RELATIONS:
        through = getattr(Activity, name).through
        column = getattr(Activity, name).field.m2m_reverse_field_name()
        links = [
            through(activity_id=activity.pk, **{f"{column}_id": item.pk})
            for activity, relations in activities
            for item in relations.get(name, [])
        ]
        through.objects.bulk_create(links, batch_size=1000, ignore_conflicts=True)
    refresh_vocabulary_bits([activity.pk for activity in rows])
    log_actions(
        actor=by,
        action="activity.imported",
        targets=rows,
        message=source,
        to_status=Status.DRAFT,
    )
    return rows


@transaction.atomic
def create_activity(*, activity: Activity, by, relations: dict | None = None) -> Activity:
    """Store a new activity as a draft (it may still be incomplete)."""
    activity.status = Status.DRAFT
    activity.created_by = by
    activity.slug = _unique_slug(activity.title)
    activity.save()
    _set_relations(activity, relations)
    log_action(actor=by, action="activity.created", target=activity, to_status=Status.DRAFT)
    return activity


# What an organiser's edit may change; the rest is kept by the services themselves.
EDITED_FIELDS = [
    "title", "summary", "description", "language", "lead_organisation", "format", "venue_name",
    "street_address", "postcode", "town", "province", "latitude", "longitude", "online_url",
    "starts_at", "ends_at", "stage", "national_moment", "accessibility_notes", "is_free",
    "cost_description", "signup_mode", "capacity", "max_places_per_signup",
    "signup_confirmation", "signup_url",
]  # fmt: skip
# Model field name to database column attribute (`stage` to `stage_id`).
ATTNAMES = {field.name: field.attname for field in Activity._meta.concrete_fields}


def _stored_values(activity: Activity) -> dict:
    names = [ATTNAMES[name] for name in EDITED_FIELDS]
    row = Activity.objects.filter(pk=activity.pk).values(*names).first() or {}
    for name in REVIEWED_RELATIONS:
        row[name] = set(getattr(activity, name).values_list("pk", flat=True))
    return row


def _edited_fields(before: dict, activity: Activity, relations: dict | None) -> list[str]:
    """The names of the fields whose stored value differs from `before`."""
    changed = [
        name
        for name in EDITED_FIELDS
        if before.get(ATTNAMES[name]) != getattr(activity, ATTNAMES[name])
    ]
    for name, items in (relations or {}).items():
        if before.get(name, set()) != {item.pk for item in items}:
            changed.append(name)
    return changed


@transaction.atomic
def update_activity(*, activity: Activity, by, relations: dict | None = None) -> Activity:
    """Save an edit. A published activity stays published; the coordinator sees the diff.

    Only the lead organisation's admins hand the activity to another organisation."""
    before = _stored_values(activity)
    fields = _edited_fields(before, activity, relations)
    if "lead_organisation" in fields:
        stored = Activity.objects.get(pk=activity.pk)
        if not can(by, stored, Action.LEAD_CHANGE):
            raise ValidationError(
                {
                    "lead_organisation": _(
                        "Alleen een beheerder van de organisator kan dit wijzigen."
                    )
                }
            )
    schedule_changed = bool(set(fields) & set(SCHEDULE_FIELDS))
    if schedule_changed and activity.status in {Status.PUBLISHED, Status.CANCELLED}:
        activity.sequence += 1
    activity.slug = _unique_slug(activity.title)
    activity.save()
    _set_relations(activity, relations)
    if (
        activity.status == Status.PUBLISHED
        and not activity.changed_since_review
        and changes_since_review(activity)
    ):
        activity.changed_since_review = True
        activity.save(update_fields=["changed_since_review"])
    if fields:
        log_action(actor=by, action="activity.edited", target=activity, fields=fields)
    if activity.is_public:  # an edit of a draft or a submitted activity changes nothing public
        _show_publicly(activity, words_changed=True)
    if schedule_changed and activity.status == Status.PUBLISHED:
        # Time or place moved: everyone holding a place gets the updated .ics (after commit,
        # through the outbox).
        notify_participants_of_change(activity=activity)
    return activity


def submission_errors(activity: Activity) -> dict:
    """Everything that keeps an activity from being submitted, as {field: [messages]}."""
    errors = {}
    try:
        activity.full_clean(exclude=["slug"], validate_unique=False)
    except ValidationError as error:
        errors = {key: list(value) for key, value in error.message_dict.items()}
    if activity.pk:
        for name, label in (
            ("types", _("Kies minstens één soort activiteit.")),
            ("themes", _("Kies minstens één thema.")),
            ("audiences", _("Kies minstens één doelgroep.")),
        ):
            if not getattr(activity, name).exists():
                errors.setdefault(name, []).append(label)
    if activity.has_venue and not activity.postcode:
        errors.setdefault("postcode", []).append(_("Vul de postcode van de locatie in."))
    if activity.is_online and not activity.online_url:
        errors.setdefault("online_url", []).append(_("Vul de link naar de online bijeenkomst in."))
    return errors


@transaction.atomic
def submit_activity(*, activity: Activity, by) -> Activity:
    """Send the activity to the region's coordinators, after the full check."""
    if activity.status not in {Status.DRAFT, Status.CHANGES_REQUESTED}:
        raise ValidationError(_("Deze activiteit is al ingediend."))
    errors = submission_errors(activity)
    if errors:
        raise ValidationError(errors)
    previous = activity.status
    activity.status = Status.SUBMITTED
    activity.submitted_at = timezone.now()
    activity.save(update_fields=["status", "submitted_at", "updated_at"])
    log_action(
        actor=by,
        action="activity.submitted",
        target=activity,
        from_status=previous,
        to_status=Status.SUBMITTED,
    )
    for address in coordinator_emails(activity):
        queue_templated_mail(
            to=address,
            template="activity_submitted",
            context={"activity": activity, "link": _link("activities:review", pk=activity.pk)},
        )
    return activity


def _require_status(activity: Activity, allowed, message: str) -> None:
    if activity.status not in allowed:
        raise ValidationError(message)


@transaction.atomic
def approve_activity(*, activity: Activity, by) -> Activity:
    """Publish the activity (or accept the edits of a published one) and remember what was reviewed."""
    _require_status(
        activity,
        {Status.SUBMITTED, Status.PUBLISHED},
        _("Alleen een ingediende of gepubliceerde activiteit kan worden goedgekeurd."),
    )
    previous = activity.status
    diff = changes_since_review(activity)
    activity.status = Status.PUBLISHED
    activity.published_at = activity.published_at or timezone.now()
    if previous != Status.PUBLISHED:
        activity.sequence += 1
    activity.reviewed_snapshot = snapshot(activity)
    activity.changed_since_review = False
    activity.save()
    log_action(
        actor=by,
        action="activity.approved",
        target=activity,
        from_status=previous,
        to_status=Status.PUBLISHED,
        fields=[row["field"] for row in diff],
    )
    _mail_organiser(activity, "activity_approved")
    _show_publicly(activity, words_changed=True)  # newly public, or its edits accepted
    return activity


@transaction.atomic
def request_changes(*, activity: Activity, by, message: str) -> Activity:
    """Send the activity back to its organisers with the coordinator's question."""
    if not (message or "").strip():
        raise ValidationError({"message": _("Schrijf wat de organisator moet aanpassen.")})
    _require_status(
        activity,
        {Status.SUBMITTED},
        _("Alleen een ingediende activiteit kan terug naar de organisator."),
    )
    activity.status = Status.CHANGES_REQUESTED
    activity.save(update_fields=["status", "updated_at"])
    log_action(
        actor=by,
        action="activity.changes_requested",
        target=activity,
        message=message.strip(),
        from_status=Status.SUBMITTED,
        to_status=Status.CHANGES_REQUESTED,
    )
    _mail_organiser(activity, "activity_changes_requested", message=message.strip())
    return activity


@transaction.atomic
def reject_activity(*, activity: Activity, by, reason: str) -> Activity:
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Kies of schrijf een reden.")})
    _require_status(
        activity, {Status.SUBMITTED}, _("Alleen een ingediende activiteit kan worden afgewezen.")
    )
    activity.status = Status.REJECTED
    activity.save(update_fields=["status", "updated_at"])
    log_action(
        actor=by,
        action="activity.rejected",
        target=activity,
        message=reason.strip(),
        from_status=Status.SUBMITTED,
        to_status=Status.REJECTED,
    )
    _mail_organiser(activity, "activity_rejected", reason=reason.strip())
    return activity


@transaction.atomic
def cancel_activity(*, activity: Activity, by, reason: str) -> Activity:
    """Cancel; the reason is shown on the public page and everyone signed up hears it."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Schrijf waarom de activiteit niet doorgaat.")})
    _require_status(
        activity,
        {Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.PUBLISHED},
        _("Deze activiteit kan niet meer worden geannuleerd."),
    )
    previous = activity.status
    activity.status = Status.CANCELLED
    activity.cancellation_reason = reason.strip()
    activity.sequence += 1
    activity.save()
    log_action(
        actor=by,
        action="activity.cancelled",
        target=activity,
        message=activity.cancellation_reason,
        from_status=previous,
        to_status=Status.CANCELLED,
    )
    if previous == Status.PUBLISHED:
        notify_participants_of_cancellation(activity=activity)
        _show_publicly(activity, words_changed=False)  # shown as cancelled, with the reason
    return activity


@transaction.atomic
def duplicate_activity(*, activity: Activity, by, into_edition) -> Activity:
    """Copy an activity into another edition as a draft; the dates move into the new region week
    as placeholders the organiser must check."""
    if into_edition is None:
        raise ValidationError(_("Er is nog geen nieuwe editie om naar te kopiëren."))
    relations = {name: list(getattr(activity, name).all()) for name in REVIEWED_RELATIONS}
    copy = Activity.objects.get(pk=activity.pk)
    copy.pk = None
    copy.id = None
    copy._state.adding = True
    copy.edition = into_edition
    copy.copied_from = activity
    copy.national_moment = None
    copy.stage = stage_for(
        copy,
        edition=into_edition,
        region=activity.stage.region if activity.stage is not None else None,
    )
    if copy.stage is None:
        moment = into_edition.national_moments.first()
        if moment is None:
            raise ValidationError(_("Deze editie heeft nog geen regioweken."))
        copy.national_moment = moment
        first_day = moment.date
    else:
        first_day = copy.stage.starts_on
    duration = activity.ends_at - activity.starts_at
    local_start = timezone.localtime(activity.starts_at)
    copy.starts_at = timezone.make_aware(dt.datetime.combine(first_day, local_start.time()))
    copy.ends_at = copy.starts_at + duration
    copy.status = Status.DRAFT
    copy.cancellation_reason = ""
    copy.results = ""
    copy.places_taken = 0
    copy.sequence = 0
    copy.submitted_at = copy.published_at = None
    copy.reviewed_snapshot = {}
    copy.created_by = by
    copy.save()
    _set_relations(copy, relations)
    log_action(
        actor=by,
        action="activity.duplicated",
        target=copy,
        to_status=Status.DRAFT,
        copied_from=activity.pk,
    )
    return copy


def latest_request(activity: Activity):
    """The coordinator's latest request for changes, if any."""

    return audit_trail(activity).filter(action="activity.changes_requested").first()
