"""What a revision of a published activity holds, and how it reads: the fields it covers, their
proposed values as stored in `Revision.changes`, and the diff the organiser and the coordinator
see. The services that propose, approve and reject revisions are in `activities.services`."""

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from estafette.activities.models import Activity, Revision
from estafette.relay.models import Stage

# The public text, time and place of an activity: an edit of a published activity changes
# these only when the coordinator approves. The sign-up settings that manage places (capacity,
# places per sign-up, confirmation) change at once, as do cancelling and closing sign-up.
REVISED_FIELDS = [
    "title", "summary", "description", "language", "lead_organisation", "format", "venue_name",
    "street_address", "postcode", "town", "province", "latitude", "longitude", "online_url",
    "starts_at", "ends_at", "stage", "national_moment", "accessibility_notes", "is_free",
    "cost_description", "signup_mode", "signup_url",
]  # fmt: skip
REVISED_RELATIONS = ["types", "themes", "audiences", "interactive_elements", "accessibility"]
IMMEDIATE_FIELDS = ["capacity", "max_places_per_signup", "signup_confirmation"]


def _field(name: str):
    return Activity._meta.get_field(name)


def stored_value(activity: Activity, name: str, relations: dict | None = None):
    """The value of one revised field as `Revision.changes` holds it (JSON-ready)."""
    if name in REVISED_RELATIONS:
        if relations is not None and name in relations:
            return sorted(item.pk for item in relations[name])
        return sorted(getattr(activity, name).values_list("pk", flat=True))
    value = getattr(activity, _field(name).attname)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return value


def python_value(name: str, value):
    """A value from `Revision.changes` as the model field holds it."""
    if name in REVISED_RELATIONS:
        return list(value or [])
    field = _field(name)
    if value is None:
        return None
    return field.target_field.to_python(value) if field.is_relation else field.to_python(value)


def apply_changes(activity: Activity, changes: dict) -> dict:
    """Put the proposed values on the (unsaved) activity; returns the proposed vocabularies as
    {relation: [pk, ...]}, for the caller to set after saving."""
    relations = {}
    for name, value in changes.items():
        if name in REVISED_RELATIONS:
            relations[name] = python_value(name, value)
        elif name in REVISED_FIELDS or name == "capacity":
            setattr(activity, _field(name).attname, python_value(name, value))
    return relations


def form_initial(changes: dict) -> dict:
    """The proposal as initial values of the activity form, so that an organiser who edits
    again starts from what they proposed."""
    derived = {"stage", "province", "latitude", "longitude"}  # the form works these out itself
    initial = {
        name: python_value(name, value) for name, value in changes.items() if name not in derived
    }
    if changes.get("stage"):
        stage = Stage.objects.filter(pk=changes["stage"]).first()
        initial["online_region"] = stage.region_id if stage else None
    if "national_moment" in changes:
        initial["is_national"] = bool(changes["national_moment"])
    return initial


def _display(name: str, value) -> str:
    """A stored value as a person reads it."""
    if name in REVISED_RELATIONS:
        model = _field(name).related_model
        items = model.objects.filter(pk__in=value or [])
        return ", ".join(sorted(str(item) for item in items))
    field = _field(name)
    value = python_value(name, value)
    if value is None or value == "":
        return ""
    if field.is_relation:
        target = field.related_model.objects.filter(pk=value).first()
        return str(target) if target is not None else ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
    return str(value)


def _label(name: str) -> str:
    field = _field(name)
    return str(field.verbose_name)


def diff(activity: Activity, changes: dict) -> list[dict]:
    """Field by field how the proposal differs from what is online: [{field, label, old, new}],
    in the order of the form. Values that are online already are left out."""
    rows = []
    for name in [*REVISED_FIELDS, "capacity", *REVISED_RELATIONS]:
        if name not in changes:
            continue
        old = stored_value(activity, name)
        if old == changes[name] or python_value(name, old) == python_value(name, changes[name]):
            continue
        rows.append(
            {
                "field": name,
                "label": _label(name),
                "old": _display(name, old),
                "new": _display(name, changes[name]),
            }
        )
    return rows


def pending_revision(activity: Activity):
    """The revision of this activity that waits for the coordinator, if any."""
    if activity.pk is None:
        return None
    return activity.revisions.pending().select_related("proposed_by").first()


def has_pending_revision():
    """An expression for querysets of activities: whether one waits for the coordinator."""
    return models.Exists(Revision.objects.pending().filter(activity_id=models.OuterRef("pk")))
