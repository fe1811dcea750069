"""Spreadsheets for coordinators and the national team: rows, CSV and XLSX bytes."""

import csv
import io
from collections.abc import Sequence

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook

from estafette.activities.models import Activity
from estafette.core.spreadsheet import safe_cell
from estafette.figures.data import GROUP_SECTIONS, SHARE_SECTIONS, figures_rows
from estafette.figures.queries import METRICS, moderation_funnel, region_activities
from estafette.organisations.models import Membership

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _contacts(activity: Activity) -> tuple[str, str, str]:
    """(contact person, their e-mail, the lead organisation's administrators' e-mails)."""
    creator = activity.created_by
    admins = sorted({m.user.email for m in activity.lead_organisation.active_admins})
    return (
        (creator.full_name if creator else "") or "",
        creator.email if creator else "",
        ", ".join(admins),
    )


def region_export_rows(edition, region):
    """The region's activities of the edition in every state but draft, with the organisers'
    contact persons: a header row, then a row per activity."""
    admins = Membership.objects.admins().select_related("user")
    activities = (
        region_activities(edition, region)
        .exclude(status=Activity.Status.DRAFT)
        .select_related("lead_organisation", "created_by")
        .with_accepted_partners()
        .prefetch_related(
            Prefetch("lead_organisation__memberships", admins, to_attr="active_admins")
        )
        .order_by("starts_at", "pk")
    )
    yield [
        _("Nummer"),
        _("Titel"),
        _("Status"),
        _("Begint"),
        _("Eindigt"),
        _("Vorm"),
        _("Plaats"),
        _("Organisator"),
        _("Soort organisatie"),
        _("Partners"),
        _("Contactpersoon"),
        _("E-mail contactpersoon"),
        _("E-mail beheerders organisatie"),
        _("Plaatsen"),
        _("Bezette plaatsen"),
        _("Ingediend op"),
        _("Gepubliceerd op"),
    ]
    for activity in activities:
        yield [
            activity.pk,
            activity.title,
            activity.get_status_display(),
            _moment(activity.starts_at),
            _moment(activity.ends_at),
            activity.get_format_display(),
            activity.town,
            activity.lead_organisation.name,
            activity.lead_organisation.get_kind_display(),
            ", ".join(p.organisation.name for p in activity.accepted_partners),
            *_contacts(activity),
            activity.capacity,
            activity.places_taken,
            _moment(activity.submitted_at),
            _moment(activity.published_at),
        ]


def _moment(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, Promise):  # a lazily translated label
        value = str(value)
    return safe_cell(value)


def _clean(row) -> list:
    return [_cell(value) for value in row]


def as_csv(rows) -> bytes:
    """Semicolon-separated with a byte order mark: Dutch Excel opens it as it is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in rows:
        writer.writerow(_clean(row))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(sheets: Sequence[tuple[str, object]]) -> bytes:
    """One sheet per (title, rows); titles cut to Excel's 31 characters."""

    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        for row in rows:
            sheet.append(_clean(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


SECTION_TITLES = {
    "total": _("Totaal"),
    "regions": _("Regio's"),
    "weeks": _("Weken"),
    "days": _("Dagen"),
    "themes": _("Thema's"),
    "types": _("Soorten activiteit"),
    "organisation_kinds": _("Soorten organisatie"),
    "formats": _("Vormen"),
    "partnerships": _("Samenwerking tussen sectoren"),
    "editions": _("Edities"),
}


def evaluation_sheets(data: dict, edition, regions) -> list[tuple[str, list]]:
    """The ministry's workbook: one sheet per table of the figures, plus the moderation funnel
    per region. `data` is figures.data.figures_data of the edition."""
    flat = list(figures_rows(data))
    header, body = flat[0], flat[1:]
    metric_columns = [header.index(m.key) for m in METRICS]
    labels = [str(m.label) for m in METRICS]
    sheets = []
    for section in ("total", *GROUP_SECTIONS, "editions"):
        rows = [row for row in body if row[0] == section]
        dated = section in ("weeks", "days", "regions")
        sheets.append(
            (
                str(SECTION_TITLES[section]),
                [
                    [_("Naam"), *([_("Eerste dag"), _("Laatste dag")] if dated else []), *labels],
                    *(
                        [row[2], *(row[3:5] if dated else []), *(row[i] for i in metric_columns)]
                        for row in rows
                    ),
                ],
            )
        )
    for section in SHARE_SECTIONS:
        rows = [row for row in body if row[0] == section]
        count_header = _("Organisaties") if section == "organisation_kinds" else _("Activiteiten")
        sheets.append(
            (
                str(SECTION_TITLES[section]),
                [[_("Naam"), count_header], *([row[2], row[-1]] for row in rows)],
            )
        )
    sheets.append((_("Beoordeling"), funnel_rows(edition, regions)))
    return sheets


def funnel_rows(edition, regions) -> list[list]:
    """Per region (and national activities): how many activities are in each review state."""
    rows = None
    for label, region in [*((r.name, r) for r in regions), (_("Landelijk"), None)]:
        funnel = moderation_funnel(region_activities(edition, region))
        if rows is None:
            rows = [[_("Regio"), *(status_label for _status, status_label, _n in funnel)]]
        rows.append([label, *(n for _status, _label, n in funnel)])
    return rows
