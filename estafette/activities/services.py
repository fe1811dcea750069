"""The life cycle of an activity: create, edit, submit, review, cancel, duplicate.

Every function takes keyword-only arguments, runs in one transaction, records the transition in
the audit trail, queues its e-mails in the outbox and returns the changed activity.
"""

import datetime as dt
import functools
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    FieldDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from estafette.activities.models import Activity, CoordinatorNote, Revision
from estafette.activities.permissions import Action, can, can_moderate, may_see_for_moderation
from estafette.activities.revisions import (
    IMMEDIATE_FIELDS,
    REVISED_FIELDS,
    REVISED_RELATIONS,
    apply_changes,
    stored_value,
)
from estafette.activities.revisions import diff as revision_diff
from estafette.activities.vocabulary_bits import (
    BITS,
    bits_of,
    kind_bit,
    refresh_vocabulary_bits,
)
from estafette.agenda import search
from estafette.agenda.search import reindex_after_commit
from estafette.core.audit import audit_trail, log_action, log_actions
from estafette.core.bulk import insert_objects, insert_tuples, new_ids
from estafette.core.caching import bump_public_version
from estafette.mail.services import queue_templated_mail
from estafette.organisations.models import Membership, Organisation
from estafette.relay.models import Stage
from estafette.relay.queries import edition_at
from estafette.signups.services import (
    notify_participants_of_cancellation,
    notify_participants_of_change,
    set_capacity,
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


def _link(name: str, **kwargs) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, kwargs=kwargs)


def organiser_emails(activity: Activity) -> list[str]:
    """Who hears about decisions: the person who registered it, else the lead organisation's admins."""
    creator = activity.created_by
    if creator is not None and creator.email:
        return [creator.email]

    return list(
        Membership.objects.admins()
        .filter(organisation_id=activity.lead_organisation_id)
        .values_list("user__email", flat=True)
    )


def coordinator_emails(activity: Activity) -> list[str]:
    users = get_user_model().objects.filter(is_active=True)
    if activity.stage is not None:
        users = users.filter(coordinated_regions=activity.stage.region_id)
    else:
        users = users.filter(is_staff=True)
    return sorted(set(users.values_list("email", flat=True)))


def _mail_organiser(activity: Activity, template: str, *, also=(), **context) -> None:
    """To the organisers who hear about decisions (and to the addresses in `also`, once each)."""
    for address in dict.fromkeys([*organiser_emails(activity), *also]):
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


@functools.lru_cache(maxsize=8192)
def slug_for(title: str) -> str:
    """An activity's slug (the id in its address keeps it unique). Titles repeat across a
    seeded edition: each is slugified once."""
    return slugify(title)[:170] or "activiteit"


def _set_relations(activity: Activity, relations: dict | None) -> None:
    for name, items in (relations or {}).items():
        getattr(activity, name).set(items)
    # Also without new links: the lead organisation (its kind is counted) may have changed.
    refresh_vocabulary_bits([activity.pk])


@transaction.atomic
def create_activities(
    *,
    activities: list[tuple[Activity, dict]],
    by,
    source: str = "",
    stages: dict | None = None,
    keep_life_cycle: bool = False,
    documents: list[tuple] | None = None,
) -> list[Activity]:
    """Store many new activities at once (the importer, the demo seeder): the same rules as
    create_activity (draft, creator, slug, stage), their labels with the bits the agenda counts
    from, and an audit entry each, written as rows without a query per activity.

    `activities` holds (unsaved activity, {relation name: items}); `source` (a file name) goes
    into each audit entry. Drafts are not public: no search entry, no cache bump. With
    `keep_life_cycle` (the demo seeder) each activity keeps the status, timestamps and creator
    it comes with, and the caller bumps the public cache; `documents` (agenda.search.document
    of each, stemmed by the caller, who knows the partners' names) makes them searchable."""
    rows = [activity for activity, _relations in activities]
    kinds = dict(
        Organisation.objects.filter(pk__in={a.lead_organisation_id for a in rows}).values_list(
            "pk", "kind"
        )
    )
    for (activity, relations), pk in zip(activities, new_ids(Activity, len(rows)), strict=True):
        activity.pk = pk
        if not keep_life_cycle:
            activity.status = Status.DRAFT
            activity.created_by = by
        activity.slug = slug_for(activity.title)
        if activity.stage_id is None and activity.national_moment_id is None:
            activity.stage = stage_for(activity, edition=activity.edition, stages=stages)
        for relation, column in BITS.items():
            setattr(activity, column, bits_of(relations.get(relation, ())))
        activity.is_interactive = bool(relations.get("interactive_elements"))
        # Or'ed in: the seeder has set the kinds of the partners it adds as accepted.
        activity.organiser_kind_bits |= kind_bit(kinds[activity.lead_organisation_id])
    insert_objects(Activity, rows)
    if documents is not None:
        search.insert_documents(rows, documents)
    for name in REVIEWED_RELATIONS:
        field = getattr(Activity, name).field
        through = field.remote_field.through
        item_column = through._meta.get_field(field.m2m_reverse_field_name()).column
        links = [
            (activity.pk, item.pk)
            for activity, relations in activities
            for item in dict.fromkeys(relations.get(name, ()))
        ]
        insert_tuples(through._meta.db_table, [field.m2m_column_name(), item_column], links)
    for status in dict.fromkeys(activity.status for activity in rows):
        log_actions(
            actor=by,
            action="activity.imported",
            targets=[activity for activity in rows if activity.status == status],
            message=source,
            to_status=status,
        )
    return rows


@transaction.atomic
def create_activity(*, activity: Activity, by, relations: dict | None = None) -> Activity:
    """Store a new activity as a draft (it may still be incomplete)."""
    activity.status = Status.DRAFT
    activity.created_by = by
    activity.slug = slug_for(activity.title)
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
    """Save an organiser's edit. A draft or a submitted activity changes at once; of a published
    activity only the places change at once, its public text, time and place become a revision
    that waits for the coordinator (`propose_revision`).

    Only the lead organisation's admins hand the activity to another organisation, and only who
    may manage places changes their number."""
    before = _stored_values(activity)
    fields = _edited_fields(before, activity, relations)
    stored = Activity.objects.get(pk=activity.pk)
    if "lead_organisation" in fields and not can(by, stored, Action.LEAD_CHANGE):
        raise ValidationError(
            {"lead_organisation": _("Alleen een beheerder van de organisator kan dit wijzigen.")}
        )
    if "capacity" in fields and not can(by, stored, Action.CAPACITY):
        raise ValidationError(
            {"capacity": _("Uw rol bij deze activiteit geeft u hier geen toegang toe.")}
        )
    if stored.status == Status.CANCELLED:
        raise ValidationError(_("Deze activiteit kunt u niet meer bewerken."))
    if stored.status == Status.PUBLISHED:
        return propose_revision(activity=activity, by=by, relations=relations, fields=fields)
    activity.slug = slug_for(activity.title)
    activity.save()
    _set_relations(activity, relations)
    if fields:
        log_action(actor=by, action="activity.edited", target=activity, fields=fields)
    return activity


def _revision_changes(activity: Activity, fields: list[str], relations: dict | None) -> dict:
    """The proposed values of the revised fields among `fields` (capacity only when it is
    cleared: that goes with the sign-up mode it belongs to)."""
    revised = [name for name in fields if name in REVISED_FIELDS or name in REVISED_RELATIONS]
    if "capacity" in fields and activity.capacity is None:
        revised.append("capacity")
    return {name: stored_value(activity, name, relations) for name in revised}


def propose_revision(*, activity: Activity, by, relations: dict | None, fields: list[str]):
    """The edit of a published activity: the places change at once, the public text, time and
    place wait as a revision for the coordinator. A new edit replaces the waiting revision (and
    one that proposes nothing new withdraws it). Returns the activity as it is online."""
    changes = _revision_changes(activity, fields, relations)
    locked = Activity.objects.select_for_update().get(pk=activity.pk)
    if "capacity" in fields and "capacity" not in changes and activity.capacity is not None:
        # Places count only for sign-ups here; without a capacity there is nothing to resize.
        set_capacity(activity=locked, capacity=activity.capacity, by=by)
    immediate = [name for name in fields if name in IMMEDIATE_FIELDS and name != "capacity"]
    if immediate:
        for name in immediate:
            setattr(locked, name, getattr(activity, name))
        locked.save(update_fields=[*immediate, "updated_at"])
        log_action(actor=by, action="activity.edited", target=locked, fields=immediate)
        bump_public_version(edition_id=locked.edition_id)
    pending = locked.revisions.pending().select_for_update().first()
    if pending is not None and pending.changes == json_ready(changes):
        return locked  # saved again as it was proposed: the proposal stands
    if pending is not None:
        pending.status = Revision.Status.WITHDRAWN if not changes else Revision.Status.REPLACED
        pending.save(update_fields=["status"])
        if not changes:
            log_action(
                actor=by,
                action="activity.revision.withdrawn",
                target=locked,
                revision=pending.pk,
                fields=sorted(pending.changes),
            )
    if changes:
        revision = Revision.objects.create(activity=locked, proposed_by=by, changes=changes)
        log_action(
            actor=by,
            action="activity.revision.proposed",
            target=locked,
            revision=revision.pk,
            replaces=pending.pk if pending is not None else None,
            fields=list(changes),
        )
        if pending is None:
            for address in coordinator_emails(locked):
                queue_templated_mail(
                    to=address,
                    template="activity_revision_proposed",
                    context={
                        "activity": locked,
                        "link": _link("activities:review", pk=locked.pk),
                    },
                )
    return locked


def json_ready(changes: dict) -> dict:
    """The changes as the JSON field gives them back (to compare a new proposal with one stored)."""
    return json.loads(json.dumps(changes, cls=DjangoJSONEncoder))


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


def field_label(name: str) -> str:
    """The activity field's name as the form shows it ('begint om'); the name itself otherwise."""
    try:
        return str(getattr(Activity._meta.get_field(name), "verbose_name", name))
    except FieldDoesNotExist:
        return name


def _labelled_messages(error: ValidationError) -> list[str]:
    """A refusal in words an organiser can act on: 'Begint om: Deze datum valt buiten ...'"""
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    labelled = []
    for name, messages in error.message_dict.items():
        label = field_label(name) if name != NON_FIELD_ERRORS else ""
        labelled += [f"{label[:1].upper()}{label[1:]}: {m}" if label else m for m in messages]
    return labelled


def submit_activities(*, activities, by) -> tuple[list[Activity], list[tuple[Activity, list]]]:
    """Submit several drafts at once (an imported file), each through submit_activity with its
    full check and its own transaction: the sound ones go to the coordinators even when others
    need more work. Returns (submitted, [(refused activity, reasons)])."""
    submitted, refused = [], []
    for activity in activities:
        try:
            submitted.append(submit_activity(activity=activity, by=by))
        except ValidationError as error:
            refused.append((activity, _labelled_messages(error)))
    return submitted, refused


def _require_status(activity: Activity, allowed, message: str) -> None:
    if activity.status not in allowed:
        raise ValidationError(message)


@transaction.atomic
def approve_activity(*, activity: Activity, by) -> Activity:
    """Publish a submitted activity and remember what was reviewed. Its status is read afresh
    under the row's lock, so that two coordinators approving it at once (the review page, the
    queue's bulk approval) publish it once."""
    activity.status = (
        Activity.objects.select_for_update()
        .filter(pk=activity.pk)
        .values_list("status", flat=True)
        .get()
    )
    _require_status(
        activity, {Status.SUBMITTED}, _("Alleen een ingediende activiteit kan worden goedgekeurd.")
    )
    previous = activity.status
    activity.status = Status.PUBLISHED
    activity.published_at = activity.published_at or timezone.now()
    activity.sequence += 1
    activity.reviewed_snapshot = snapshot(activity)
    activity.save()
    log_action(
        actor=by,
        action="activity.approved",
        target=activity,
        from_status=previous,
        to_status=Status.PUBLISHED,
    )
    _mail_organiser(activity, "activity_approved")
    _show_publicly(activity, words_changed=True)  # newly public
    return activity


@dataclass
class BulkApproval:
    """What `approve_selected` did: the approved activities, and per refused item its title
    (empty for one the user may not see) and the reason."""

    approved: list[Activity] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)


def approve_selected(*, pks, by) -> BulkApproval:
    """Approve the items a coordinator checked in the queue, each as if approved on its own:
    a submitted activity is published (`approve_activity`), a waiting revision goes online
    (`approve_revision`). The permission is checked per item and each item has its own
    transaction, audit entry and mails, so one that cannot be approved (not in the user's
    queue, decided meanwhile) is reported and the others still go through."""
    outcome = BulkApproval()
    for pk in dict.fromkeys(pks):
        activity = (
            Activity.objects.select_related(
                "edition", "stage__region", "lead_organisation", "created_by"
            )
            .filter(pk=pk)
            .first()
        )
        if activity is None or not may_see_for_moderation(by, activity):
            # No title: whoever may not review it need not learn that it exists.
            outcome.refused.append(("", _("Een gekozen activiteit staat niet in uw wachtrij.")))
            continue
        if not can_moderate(by, activity):
            outcome.refused.append((activity.title, _("Stel eerst de tweestapsverificatie in.")))
            continue
        try:
            outcome.approved.append(_approve_item(activity, by=by))
        except ValidationError as error:
            outcome.refused.append((activity.title, " ".join(error.messages)))
    return outcome


def _approve_item(activity: Activity, *, by) -> Activity:
    """One queue item approved: its waiting revision, else the submitted activity."""
    revision = Revision.objects.pending().filter(activity_id=activity.pk).first()
    if revision is not None:
        return approve_revision(revision=revision, by=by)
    return approve_activity(activity=activity, by=by)


def _pending(revision: Revision) -> tuple[Revision, Activity]:
    """The revision and its activity, locked, if the revision still waits for a decision."""
    revision = Revision.objects.select_for_update().get(pk=revision.pk)
    if revision.status != Revision.Status.PENDING:
        raise ValidationError(
            _("Over deze wijziging is al besloten, of de organisator heeft haar vervangen.")
        )
    activity = (
        Activity.objects.select_for_update(of=("self",))
        .select_related("edition", "stage__region", "lead_organisation")
        .get(pk=revision.activity_id)
    )
    return revision, activity


def _decide_revision(
    revision: Revision, activity: Activity, *, by, approve: bool, fields: list, note: str = ""
) -> None:
    """Record the coordinator's decision on a revision (with the revised `fields` and the note
    of a rejection) in the revision and the trail, and mail it to the organisers who hear about
    decisions and to whoever proposed the revision."""
    revision.status = Revision.Status.APPROVED if approve else Revision.Status.REJECTED
    revision.note = note
    revision.decided_by = by
    revision.decided_at = timezone.now()
    revision.save(update_fields=["status", "note", "decided_by", "decided_at"])
    log_action(
        actor=by,
        action="activity.revision.approved" if approve else "activity.revision.rejected",
        target=activity,
        message=note,
        revision=revision.pk,
        fields=fields,
    )
    proposer = revision.proposed_by
    also = [proposer.email] if proposer is not None and proposer.email else []
    template = "activity_revision_approved" if approve else "activity_revision_rejected"
    _mail_organiser(activity, template, also=also, note=note)


@transaction.atomic
def approve_revision(*, revision: Revision, by) -> Activity:
    """Put the proposed text, time and place online: the activity as the coordinator saw it in
    the diff, its search entry and its edition's pages refreshed, the participants told when
    time or place moved, the organisers mailed."""
    revision, activity = _pending(revision)
    _require_status(
        activity,
        {Status.PUBLISHED},
        _("Alleen een wijziging van een gepubliceerde activiteit kan worden goedgekeurd."),
    )
    fields = [row["field"] for row in revision_diff(activity, revision.changes)]
    relations = apply_changes(activity, revision.changes)
    activity.slug = slug_for(activity.title)
    try:  # the form checked the proposal; what the database insists on may have changed since
        activity.validate_constraints()
    except ValidationError as error:
        raise ValidationError(
            _("Deze wijziging past niet (meer) bij de activiteit: %(errors)s")
            % {"errors": " ".join(error.messages)}
        ) from error
    schedule_changed = bool(set(fields) & set(SCHEDULE_FIELDS))
    if schedule_changed:
        activity.sequence += 1
    activity.save()
    for name, pks in (relations or {}).items():
        getattr(activity, name).set(pks)
    refresh_vocabulary_bits([activity.pk])  # the links, and the kind of a new lead organisation
    activity.reviewed_snapshot = snapshot(activity)
    activity.save(update_fields=["reviewed_snapshot"])
    _decide_revision(revision, activity, by=by, approve=True, fields=fields)
    _show_publicly(activity, words_changed=True)
    if schedule_changed:
        # Time or place moved: everyone holding a place gets the updated .ics (after commit,
        # through the outbox).
        notify_participants_of_change(activity=activity)
    return activity


@transaction.atomic
def reject_revision(*, revision: Revision, by, note: str) -> Activity:
    """Keep the published version; the organisers hear why."""
    if not (note or "").strip():
        raise ValidationError({"note": _("Schrijf waarom de wijziging niet online gaat.")})
    revision, activity = _pending(revision)
    fields = [row["field"] for row in revision_diff(activity, revision.changes)]
    _decide_revision(revision, activity, by=by, approve=False, fields=fields, note=note.strip())
    return activity


@dataclass(frozen=True)
class SendBack:
    """A coordinator's answer that sends a submitted activity back to its organisers with words
    for them (a question, a reason): what the words are called (the service's argument, the
    form's field, the mail's context) and what is said when they are missing or when the
    activity is no longer submitted (marked for translation, translated when said)."""

    words: str
    missing: str
    not_submitted: str


SEND_BACK = {
    Status.CHANGES_REQUESTED: SendBack(
        "message",
        gettext_noop("Schrijf wat de organisator moet aanpassen."),
        gettext_noop("Alleen een ingediende activiteit kan terug naar de organisator."),
    ),
    Status.REJECTED: SendBack(
        "reason",
        gettext_noop("Kies of schrijf een reden."),
        gettext_noop("Alleen een ingediende activiteit kan worden afgewezen."),
    ),
}


def request_changes(*, activity: Activity, by, message: str) -> Activity:
    """Send the activity back to its organisers with the coordinator's question."""
    return send_back(activity=activity, by=by, to_status=Status.CHANGES_REQUESTED, words=message)


def reject_activity(*, activity: Activity, by, reason: str) -> Activity:
    """Refuse the activity; its organisers hear the coordinator's reason."""
    return send_back(activity=activity, by=by, to_status=Status.REJECTED, words=reason)


@transaction.atomic
def send_back(*, activity: Activity, by, to_status, words: str) -> Activity:
    """The submitted activity goes to `to_status` (a key of SEND_BACK); the trail keeps the
    coordinator's words and the organisers get them by mail."""
    answer = SEND_BACK[to_status]
    words = (words or "").strip()
    if not words:
        raise ValidationError({answer.words: _(answer.missing)})
    _require_status(activity, {Status.SUBMITTED}, _(answer.not_submitted))
    activity.status = to_status
    activity.save(update_fields=["status", "updated_at"])
    rejected = to_status == Status.REJECTED
    log_action(
        actor=by,
        action="activity.rejected" if rejected else "activity.changes_requested",
        target=activity,
        message=words,
        from_status=Status.SUBMITTED,
        to_status=to_status,
    )
    template = "activity_rejected" if rejected else "activity_changes_requested"
    _mail_organiser(activity, template, **{answer.words: words})
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


@transaction.atomic
def set_coordinator_note(*, activity: Activity, by, text: str) -> CoordinatorNote:
    """Write the coordinators' note on an activity (empty text clears it). Only who may review
    the activity may; the audit entry says that the note changed, not what it says, so the note
    stays where coordinators alone read it."""
    if not can_moderate(by, activity):
        raise PermissionDenied(_("Alleen de coördinatoren van deze regio schrijven deze notitie."))
    text = (text or "").strip()
    # The activity's row lock lines up two coordinators saving at once, also the first note
    # (a row that does not exist yet cannot be locked).
    Activity.objects.select_for_update().filter(pk=activity.pk).values("pk").first()
    note = CoordinatorNote.objects.filter(activity=activity).first()
    if note is None:
        note = CoordinatorNote(activity=activity)
    if note.text == text:
        return note  # nothing changed: no new entry in the trail
    note.text = text
    note.updated_by = by
    note.save()
    log_action(
        actor=by, action="activity.coordinator_note_changed", target=activity, cleared=not text
    )
    return note


def latest_request(activity: Activity):
    """The coordinator's latest request for changes, if any."""

    return audit_trail(activity).filter(action="activity.changes_requested").first()
