"""Small server-side SVG charts: horizontal bars and columns, readable in print and forced colours.

Each chart is an `<svg role="img">` with a `<title>` and a `<desc>` holding the figures as text;
the page shows the same figures in a table beside it. Colours come from CSS classes (site.css),
so print and Windows high-contrast mode can restyle them; every bar carries its number as text,
so nothing depends on colour alone.
"""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

ROW_HEIGHT = 26
BAR_HEIGHT = 18
LABEL_WIDTH = 210
BAR_WIDTH = 300
VALUE_WIDTH = 70
WIDTH = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH


@dataclass(frozen=True)
class Series:
    """One set of values across the chart's categories, with a name for the legend."""

    name: str
    values: list[float]


def _number(value: float) -> str:
    if value is None:
        return "–"
    return number_format(value, decimal_pos=1 if value % 1 else 0, use_l10n=True)


def _scale(values) -> float:
    top = max([v for v in values if v is not None] + [0])
    return top if top > 0 else 1


def _description(categories: list[str], series: list[Series]) -> str:
    parts = []
    for index, category in enumerate(categories):
        values = ", ".join(
            f"{s.name}: {_number(s.values[index])}" if len(series) > 1 else _number(s.values[index])
            for s in series
        )
        parts.append(f"{category}: {values}")
    return "; ".join(parts) + "."


def _svg(chart_id: str, title: str, desc: str, width: int, height: int, body: SafeString):
    return format_html(
        '<svg class="chart" id="{id}" role="img" aria-labelledby="{id}-title {id}-desc" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}" preserveAspectRatio="xMinYMin meet" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        id=chart_id,
        w=width,
        h=height,
        title=title,
        desc=desc,
        body=body,
    )


def _legend(series: list[Series], y: int) -> SafeString:
    if len(series) < 2:
        return mark_safe("")
    return format_html_join(
        "",
        '<rect class="bar series-{}" x="{}" y="{}" width="14" height="14"/>'
        '<text class="chart-label" x="{}" y="{}">{}</text>',
        (
            (index, LABEL_WIDTH + index * 150, y, LABEL_WIDTH + index * 150 + 20, y + 12, s.name)
            for index, s in enumerate(series)
        ),
    )


def bar_chart(chart_id: str, title: str, categories: list[str], series: list[Series]) -> SafeString:
    """Horizontal bars, one row per category and one bar per series in that row."""
    top = _scale(value for s in series for value in s.values)
    per_row = len(series)
    row_height = ROW_HEIGHT + (per_row - 1) * (BAR_HEIGHT + 2)
    legend_height = 24 if per_row > 1 else 0
    height = legend_height + row_height * len(categories) + 4
    parts = [_legend(series, 2)]
    for index, category in enumerate(categories):
        y = legend_height + index * row_height
        parts.append(
            format_html(
                '<text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>',
                LABEL_WIDTH - 8,
                y + BAR_HEIGHT - 4,
                category,
            )
        )
        for number, s in enumerate(series):
            value = s.values[index] or 0
            bar_y = y + number * (BAR_HEIGHT + 2)
            length = round(BAR_WIDTH * value / top, 1)
            parts.append(
                format_html(
                    '<rect class="bar series-{}" x="{}" y="{}" width="{}" height="{}"/>'
                    '<text class="chart-value" x="{}" y="{}">{}</text>',
                    number,
                    LABEL_WIDTH,
                    bar_y,
                    length,
                    BAR_HEIGHT,
                    LABEL_WIDTH + length + 6,
                    bar_y + BAR_HEIGHT - 4,
                    _number(s.values[index]),
                )
            )
    body = mark_safe("".join(parts))  # every part went through format_html
    return _svg(chart_id, title, _description(categories, series), WIDTH, height, body)


def column_chart(
    chart_id: str, title: str, categories: list[str], values: list[int], *, every: int = 1
) -> SafeString:
    """Vertical columns in time order (activities per day); every `every`-th category labelled,
    and each column's number above it."""
    top = _scale(values)
    plot_height, step = 180, max(12, min(40, 560 // max(len(values), 1)))
    width = 40 + step * len(values)
    height = plot_height + 60
    parts = [
        format_html(
            '<line class="chart-axis" x1="30" y1="{y}" x2="{x}" y2="{y}"/>',
            y=plot_height + 20,
            x=width,
        )
    ]
    for index, (category, value) in enumerate(zip(categories, values, strict=True)):
        x = 34 + index * step
        length = round(plot_height * (value or 0) / top, 1)
        parts.append(
            format_html(
                '<rect class="bar series-0" x="{}" y="{}" width="{}" height="{}"/>'
                '<text class="chart-value chart-small" x="{}" y="{}" text-anchor="middle">{}</text>',
                x,
                plot_height + 20 - length,
                step - 3,
                length,
                x + (step - 3) / 2,
                plot_height + 14 - length,
                _number(value) if value else "",
            )
        )
        if index % every == 0:
            parts.append(
                format_html(
                    '<text class="chart-label chart-small" x="{}" y="{}" text-anchor="middle">{}</text>',
                    x + (step - 3) / 2,
                    plot_height + 36,
                    category,
                )
            )
    body = mark_safe("".join(parts))  # every part went through format_html
    return _svg(
        chart_id, title, _description(categories, [Series("", values)]), width, height, body
    )
