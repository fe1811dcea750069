"""Exports of figures and activities; each one is written to the audit trail."""

from django.db import transaction

from estafette.core.audit import log_action
from estafette.figures import queries
from estafette.figures.data import figures_data
from estafette.figures.exports import (
    XLSX_TYPE,
    as_csv,
    as_xlsx,
    evaluation_sheets,
    region_export_rows,
)
from estafette.relay.models import Region

CSV_TYPE = "text/csv; charset=utf-8"


@transaction.atomic
def export_region(*, edition, region, by, file_format: str) -> tuple[str, str, bytes]:
    """(file name, content type, bytes) of the region's activities with contact persons; the
    caller has checked that `by` may see the region."""
    rows = list(region_export_rows(edition, region))
    name = f"activiteiten-{region.slug}-{edition.year}.{file_format}"
    if file_format == "csv":
        content, content_type = as_csv(rows), CSV_TYPE
    else:
        content, content_type = as_xlsx([(region.name, rows)]), XLSX_TYPE
    log_action(
        actor=by,
        action="figures.region_exported",
        target=region,
        message=name,
        edition=edition.year,
        format=file_format,
        rows=len(rows) - 1,
    )
    return name, content_type, content


@transaction.atomic
def export_evaluation(*, edition, by) -> tuple[str, str, bytes]:
    """The ministry's evaluation workbook of one edition (XLSX, one sheet per table)."""
    data = figures_data(*queries.with_comparison(edition))
    regions = list(Region.objects.all())
    content = as_xlsx(evaluation_sheets(data, edition, regions))
    name = f"evaluatie-{edition.year}.xlsx"
    log_action(
        actor=by,
        action="figures.evaluation_exported",
        target=edition,
        message=name,
        edition=edition.year,
        format="xlsx",
    )
    return name, XLSX_TYPE, content
