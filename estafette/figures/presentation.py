"""What the figures page shows: charts with their data tables, built from the figures."""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from estafette.figures.charts import Series, bar_chart, column_chart
from estafette.figures.queries import EditionFigures, EditionTotal, Share


@dataclass(frozen=True)
class Chart:
    """An SVG chart, its caption and the table with the same figures."""

    id: str
    caption: str
    svg: SafeString
    headers: list[str]
    rows: list[list]


def bar_chart_with_table(
    chart_id: str, caption: str, category: str, labels: list[str], series: list[Series]
) -> Chart:
    """A bar chart and the table with the same figures: a row per label, a column per series."""
    columns = [item.values for item in series]
    return Chart(
        id=chart_id,
        caption=caption,
        svg=bar_chart(chart_id, caption, labels, series),
        headers=[category, *(item.name for item in series)],
        rows=[[label, *values] for label, *values in zip(labels, *columns, strict=True)],
    )


def _share_chart(
    chart_id: str, caption: str, shares: list[Share], category: str, header: str
) -> Chart:
    labels = [share.label for share in shares]
    counts = [share.count for share in shares]
    return bar_chart_with_table(chart_id, caption, category, labels, [Series(header, counts)])


def charts(figures: EditionFigures, compared: list[EditionTotal]) -> list[Chart]:
    days = figures.days
    day_labels = [date_format(group.first_day, "j M") for group in days]
    per_day = [group.tally.activities for group in days]
    year_labels = [str(row.edition.year) for row in compared]
    activities_label, organisations_label = _("Activiteiten"), _("Organisaties")
    return [
        Chart(
            id="chart-days",
            caption=_("Activiteiten per dag"),
            svg=column_chart(
                "chart-days",
                _("Activiteiten per dag"),
                day_labels,
                per_day,
                every=max(1, len(days) // 8),
            ),
            headers=[_("Dag"), activities_label, _("Geannuleerd")],
            rows=[
                [
                    date_format(group.first_day, "l j F"),
                    group.tally.activities,
                    group.tally.cancelled,
                ]
                for group in days
            ],
        ),
        _share_chart(
            "chart-themes",
            _("Activiteiten per thema"),
            figures.themes,
            _("Thema"),
            activities_label,
        ),
        _share_chart(
            "chart-kinds",
            _("Organisaties per soort"),
            figures.organisation_kinds,
            _("Soort organisatie"),
            organisations_label,
        ),
        _share_chart(
            "chart-types",
            _("Activiteiten per soort"),
            figures.types,
            _("Soort activiteit"),
            activities_label,
        ),
        _share_chart(
            "chart-formats",
            _("Activiteiten per vorm"),
            figures.formats,
            _("Vorm"),
            activities_label,
        ),
        bar_chart_with_table(
            "chart-editions",
            _("Edities naast elkaar"),
            _("Editie"),
            year_labels,
            [
                Series(activities_label, [row.tally.activities for row in compared]),
                Series(organisations_label, [row.tally.organisations for row in compared]),
            ],
        ),
    ]
