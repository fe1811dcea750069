"""The figures as plain data: the one shape the API, the CSV and the spreadsheets share.

Only counts and shares; nothing about a person.
"""

from estafette.core.spreadsheet import safe_cell
from estafette.figures.queries import METRICS, EditionFigures, EditionTotal, Group, Share, Tally


def metrics_of(tally: Tally) -> dict:
    return {metric.key: metric.of(tally) for metric in METRICS}


def _group(group: Group) -> dict:
    return {
        "key": group.key,
        "label": group.label,
        "first_day": group.first_day,
        "last_day": group.last_day,
        **metrics_of(group.tally),
    }


def _shares(shares: list[Share]) -> list[dict]:
    return [{"key": s.key, "label": s.label, "count": s.count} for s in shares]


def figures_data(figures: EditionFigures, compared: list[EditionTotal]) -> dict:
    edition = figures.edition
    return {
        "edition": edition.year,
        "first_day": edition.starts_on,
        "last_day": edition.ends_on,
        "total": metrics_of(figures.total),
        "regions": [_group(group) for group in figures.regions],
        "weeks": [_group(group) for group in figures.weeks],
        "days": [_group(group) for group in figures.days],
        "themes": _shares(figures.themes),
        "types": _shares(figures.types),
        "organisation_kinds": _shares(figures.organisation_kinds),
        "formats": _shares(figures.formats),
        "partnerships": _shares(figures.partnerships),
        "editions": [{"edition": row.edition.year, **metrics_of(row.tally)} for row in compared],
    }


GROUP_SECTIONS = ("regions", "weeks", "days")
SHARE_SECTIONS = ("themes", "types", "organisation_kinds", "formats", "partnerships")
CSV_COLUMNS = (
    ["section", "key", "label", "first_day", "last_day"] + [m.key for m in METRICS] + ["count"]
)


def figures_rows(data: dict):
    """The figures as one flat table (a row per group or category), the header first."""
    yield CSV_COLUMNS
    metric_keys = [m.key for m in METRICS]

    def row(section, key, label, first, last, metrics=None, count=None):
        values = [(metrics or {}).get(k) for k in metric_keys]
        cells = [section, key, label, first, last, *values, count]
        return [safe_cell("" if cell is None else cell) for cell in cells]

    yield row(
        "total",
        str(data["edition"]),
        str(data["edition"]),
        data["first_day"],
        data["last_day"],
        data["total"],
    )
    for section in GROUP_SECTIONS:
        for group in data[section]:
            yield row(
                section, group["key"], group["label"], group["first_day"], group["last_day"], group
            )
    for section in SHARE_SECTIONS:
        for share in data[section]:
            yield row(section, share["key"], share["label"], None, None, count=share["count"])
    for edition in data["editions"]:
        yield row("editions", str(edition["edition"]), str(edition["edition"]), None, None, edition)
