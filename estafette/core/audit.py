"""Write and read the audit trail; every change of state in a service calls log_action.

Every action has a dotted code, `<what it is about>.<what happened>` (`activity.approved`,
`membership.role_changed`), registered in ACTIONS with the Dutch label the trail shows.
log_action refuses a code that is not registered, so the trail never holds a code nobody can
read; tests/core/test_audit_codes.py checks every call site.
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from estafette.core.bulk import insert_objects, new_ids
from estafette.core.models import AuditEntry

ACTIONS = {
    # An activity's life cycle (estafette.activities.services, .importer).
    "activity.created": _("aangemaakt"),
    "activity.edited": _("bewerkt"),
    "activity.submitted": _("ingediend"),
    "activity.approved": _("goedgekeurd"),
    "activity.changes_requested": _("aanpassing gevraagd"),
    "activity.rejected": _("afgewezen"),
    "activity.cancelled": _("geannuleerd"),
    "activity.duplicated": _("gekopieerd"),
    "activity.imported": _("geïmporteerd"),
    "activity.image.set": _("afbeelding gekozen"),
    "activity.image.removed": _("afbeelding verwijderd"),
    "activity.coordinator_note_changed": _("notitie voor coördinatoren gewijzigd"),
    # Revisions of a published activity (estafette.activities.services.propose_revision ...).
    "activity.revision.proposed": _("wijziging voorgesteld"),
    "activity.revision.withdrawn": _("wijziging ingetrokken"),
    "activity.revision.approved": _("wijziging goedgekeurd en online"),
    "activity.revision.rejected": _("wijziging afgewezen"),
    # Organisations and their members (estafette.organisations.services).
    "organisation.created": _("organisatie aangemaakt"),
    "organisation.edited": _("organisatiegegevens gewijzigd"),
    "organisation.activities_imported": _("activiteiten geïmporteerd"),
    "membership.requested": _("lidmaatschap aangevraagd"),
    "membership.approved": _("lidmaatschap goedgekeurd"),
    "membership.declined": _("lidmaatschap afgewezen"),
    "membership.role_changed": _("rol gewijzigd"),
    "membership.removed": _("lid verwijderd"),
    # Sign-ups for an activity (estafette.signups.services).
    "signup.capacity_changed": _("aantal plaatsen gewijzigd"),
    "signup.closed": _("aanmelden gesloten"),
    "signup.opened": _("aanmelden weer geopend"),
    "signup.participants_messaged": _("bericht aan deelnemers verstuurd"),
    "signup.cancelled": _("aanmelding geannuleerd"),
    "signup.attendance_marked": _("aanwezigheid bijgehouden"),
    # Partners of an activity (estafette.partners.services).
    "partner.invited": _("partner uitgenodigd"),
    "partner.accepted": _("partneruitnodiging aangenomen"),
    "partner.declined": _("partneruitnodiging afgeslagen"),
    # The partners-wanted board (estafette.board.services).
    "board.call_posted": _("oproep geplaatst"),
    "board.answer_accepted": _("reactie op oproep aangenomen"),
    "board.call_closed": _("oproep gesloten"),
    "board.call_hidden": _("oproep verborgen"),
    # Results (estafette.results.services).
    "result.reported": _("terugblik geschreven"),
    "result.updated": _("terugblik bijgewerkt"),
    "result.material_added": _("materiaal toegevoegd"),
    "result.material_removed": _("materiaal verwijderd"),
    "result.hidden": _("terugblik verborgen"),
    "result.shown": _("terugblik weer getoond"),
    # Figures exports with personal data (estafette.figures.services).
    "figures.region_exported": _("regiocijfers geëxporteerd"),
    "figures.evaluation_exported": _("evaluatie geëxporteerd"),
}
# Staff's edits in the Django admin (estafette.core.admin.StaffAuditMixin): three codes for each
# model whose rows staff may add, change or delete there, or in an inline of one.
STAFF_EDITED = {
    "activity": _("Activiteit"),
    "theme": _("Thema"),
    "activitytype": _("Soort activiteit"),
    "audience": _("Doelgroep"),
    "interactiveelement": _("Interactief element"),
    "accessibilityfacility": _("Toegankelijkheidsvoorziening"),
    "organisation": _("Organisatie"),
    "membership": _("Lidmaatschap"),
    "partner": _("Partner"),
    "signup": _("Aanmelding"),
    "result": _("Terugblik"),
    "material": _("Materiaal"),
    "call": _("Oproep"),
    "wantedkind": _("Gezochte partner"),
    "answer": _("Reactie op oproep"),
    "digestsubscription": _("Abonnement op oproepen"),
    "edition": _("Editie"),
    "stage": _("Regioweek"),
    "nationalmoment": _("Landelijk moment"),
    "region": _("Regio"),
    "province": _("Provincie"),
    "user": _("Account"),
}
STAFF_VERBS = {
    "added": _("toegevoegd in beheer"),
    "changed": _("gewijzigd in beheer"),
    "deleted": _("verwijderd in beheer"),
}
ACTIONS.update(
    {
        f"{model}.{verb}_by_staff": format_lazy("{} {}", noun, label)
        for model, noun in STAFF_EDITED.items()
        for verb, label in STAFF_VERBS.items()
    }
)
DOTTED = re.compile(r"^[a-z_]+(\.[a-z_]+)+$")


class UnknownAction(ValueError):
    """A developer error: log_action was given a code that ACTIONS does not list."""


def check_action(action: str) -> str:
    if action not in ACTIONS:
        raise UnknownAction(
            f"Unknown audit action {action!r}: add it with a Dutch label to "
            "estafette.core.audit.ACTIONS (dotted: '<object>.<what happened>')."
        )
    return action


def staff_code(target, verb: str) -> str:
    """The code of a staff edit in the admin: `<model>.<verb>_by_staff` (added, changed,
    deleted), refused when the model is not in STAFF_EDITED."""
    return check_action(f"{target._meta.model_name}.{verb}_by_staff")


def action_label(action: str) -> str:
    """The Dutch (or English) words for a code; an unknown code as it is."""
    return str(ACTIONS.get(action, action))


def log_action(*, actor, action: str, target, message: str = "", **data) -> AuditEntry:
    """Record one transition; from_status/to_status may be passed in data."""
    return AuditEntry.objects.create(**entry_fields(actor, action, target, message, data))


def log_actions(*, actor, action: str, targets, message: str = "", **data) -> None:
    """The same action on many objects of one model, written at once (bulk services)."""
    entries = [
        AuditEntry(**entry_fields(actor, action, target, message, data)) for target in targets
    ]
    for entry, pk in zip(entries, new_ids(AuditEntry, len(entries)), strict=True):
        entry.pk = pk
    insert_objects(AuditEntry, entries)


def entry_fields(actor, action: str, target, message: str, data: dict) -> dict:
    """The column values of one entry (for log_action and for bulk writers that log many)."""
    data = dict(data)
    return {
        "actor": actor if actor is not None and actor.is_authenticated else None,
        "action": check_action(action),
        "target_type": ContentType.objects.get_for_model(target),
        "target_id": target.pk,
        "from_status": data.pop("from_status", "") or "",
        "to_status": data.pop("to_status", "") or "",
        "message": message,
        "data": data,
    }


def audit_trail(target):
    """The entries about one object, newest first, with their actors."""
    return AuditEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=target.pk
    ).select_related("actor")
