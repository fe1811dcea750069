from django import template

from estafette.figures.choropleth import format_value

register = template.Library()


@register.simple_tag
def figure(tally, metric) -> str:
    """One metric of one group, formatted ('12', '37,5%', '–' where there is nothing to share)."""
    return format_value(metric.of(tally), metric)


@register.filter
def figure_cells(tally, metrics) -> list[str]:
    """Every metric of one group, formatted: one call per table row instead of one per cell."""
    return [format_value(metric.of(tally), metric) for metric in metrics]
