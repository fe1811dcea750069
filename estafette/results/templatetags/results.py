"""Results on pages other apps own: the activity page and the edition page include these."""

from django import template

from estafette.activities.models import Activity
from estafette.results import queries
from estafette.results.permissions import has_ended
from estafette.results.uploads import type_label

register = template.Library()


@register.inclusion_tag("results/_activity_results.html", takes_context=True)
def activity_results(context, activity):
    return {"result": queries.public_result(activity), "activity": activity}


@register.inclusion_tag("results/_edition_summary.html")
def edition_summary(edition, region_figures, total):
    """The edition page's weeks and national summary, from the figures it already read."""
    tallies = {row.region.pk: row.tally for row in region_figures}
    return queries.edition_summary(edition, tallies, total)


@register.filter
def material_type(material) -> str:
    return type_label(material.content_type, material.file.name if material.file else "")


@register.filter
def may_report(activity) -> bool:
    """On the organiser's own dashboard: whether the results can be filled in now."""
    return activity.status == Activity.Status.PUBLISHED and has_ended(activity)
