"""The rules every activity obeys, wherever it comes from (form, import, API, admin).

"The dates fall in the region's week" lives here and only here.
"""

import datetime as dt

from django.utils.translation import gettext as _

# AMSTERDAM is re-exported for the importer, which reads it from here.
from estafette.core.dates import AMSTERDAM, local_date  # noqa: F401


def stage_week_message(stage) -> str:
    return _("Regio %(region)s is aan zet van %(period)s.") % {
        "region": stage.region.name,
        "period": stage.period_label,
    }


def stage_week_label(stage) -> str:
    """'Regio noord: 15 t/m 19 februari 2027', beside the date fields of the activity form."""
    return _("Regio %(region)s: %(period)s") % {
        "region": stage.region.name,
        "period": stage.period_label,
    }


def dates_in_stage_errors(stage, starts_at: dt.datetime, ends_at: dt.datetime) -> list[str]:
    """Why these times do not fit the region's week, or [] when they do."""
    first, last = local_date(starts_at), local_date(ends_at)
    if stage.contains(first) and stage.contains(last):
        return []
    return [
        _("Deze datum valt buiten de week van de regio. %(week)s Kies een datum in die week.")
        % {"week": stage_week_message(stage)}
    ]


def dates_on_moment_errors(moment, starts_at: dt.datetime, ends_at: dt.datetime) -> list[str]:
    if local_date(starts_at) == moment.date == local_date(ends_at):
        return []
    return [
        _("Een landelijke activiteit vindt plaats op het landelijke moment: %(moment)s.")
        % {"moment": str(moment)}
    ]


def activity_errors(activity) -> dict[str, list[str]]:
    """Every rule that spans fields, as {field: [messages]}; empty when the activity is sound."""
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    starts_at, ends_at = activity.starts_at, activity.ends_at
    if starts_at and ends_at and ends_at <= starts_at:
        add("ends_at", _("Het einde ligt vóór het begin. Controleer de tijden."))

    stage = activity.stage if activity.stage_id else None
    moment = activity.national_moment if activity.national_moment_id else None
    edition_id = activity.edition_id
    if stage is None and moment is None:
        add(
            "stage",
            _("Kies de regioweek waarin de activiteit plaatsvindt, of een landelijk moment."),
        )
    if stage is not None and edition_id and stage.edition_id != edition_id:
        add("stage", _("Deze regioweek hoort bij een andere editie."))
    if moment is not None and edition_id and moment.edition_id != edition_id:
        add("national_moment", _("Dit landelijke moment hoort bij een andere editie."))
    if starts_at and ends_at and ends_at > starts_at:
        if stage is not None:
            for message in dates_in_stage_errors(stage, starts_at, ends_at):
                add("starts_at", message)
        elif moment is not None:
            for message in dates_on_moment_errors(moment, starts_at, ends_at):
                add("starts_at", message)

    in_other_region = (
        stage is not None
        and activity.province_id
        and activity.has_venue
        and activity.province.region_id != stage.region_id
    )
    if in_other_region:
        add(
            "postcode",
            _("Deze locatie ligt in regio %(region)s, niet in regio %(stage)s.")
            % {"region": activity.province.region.name, "stage": stage.region.name},
        )

    if activity.has_venue and not (activity.town or activity.postcode):
        add("town", _("Vul de plaats of de postcode van de locatie in."))
    if activity.signup_mode == activity.SignupMode.PLATFORM and not activity.capacity:
        add("capacity", _("Geef het aantal plaatsen op (minstens 1)."))
    if activity.signup_mode == activity.SignupMode.EXTERNAL and not activity.signup_url:
        add("signup_url", _("Vul de link in waar bezoekers zich aanmelden."))
    return errors
