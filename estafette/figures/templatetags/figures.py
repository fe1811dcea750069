from django import template

from estafette.figures.choropleth import format_value

register = template.Library()


@register.simple_tag
def figure(tally, metric) -> str:
    """One metric of one group, formatted ('12', '37,5%', '–' where there is nothing to share)."""
    return format_value(metric.of(tally), metric)
