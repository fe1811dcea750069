"""What the coordinators' and the national dashboard show, gathered from the queries."""

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext as _

from estafette.figures import queries
from estafette.figures.charts import Series
from estafette.figures.presentation import Chart, bar_chart_with_table


def funnel_chart(funnel) -> Chart:
    caption = _("Activiteiten per stap van de beoordeling")
    labels, counts = [label for _s, label, _n in funnel], [n for *_x, n in funnel]
    series = [Series(_("Activiteiten"), counts)]
    return bar_chart_with_table("chart-funnel", caption, _("Status"), labels, series)


def region_dashboard(edition, region, *, page: int = 1) -> dict:
    activities = queries.region_activities(edition, region)
    figures = queries.edition_figures(edition)
    group = next(group for group in figures.regions if group.key == region.slug)
    funnel = queries.moderation_funnel(activities)
    per_activity = Paginator(queries.signups_per_activity(activities), 50)
    return {
        "region": region,
        "edition": edition,
        "tally": group.tally,
        "metrics": queries.METRICS,
        "funnel_chart": funnel_chart(funnel),
        "waiting": queries.waiting_times(activities, timezone.now()),
        "activities_page": per_activity.get_page(page),
        "not_back_yet": queries.not_back_yet(edition, region),
        "previous_edition": queries.previous_edition(edition),
    }


def national_dashboard(edition, regions) -> dict:
    now = timezone.now()
    rows = []
    for region in [*regions, None]:
        activities = queries.region_activities(edition, region)
        rows.append(
            {
                "region": region,
                "funnel": queries.moderation_funnel(activities),
                "waiting": queries.waiting_times(activities, now),
            }
        )
    figures, compared = queries.with_comparison(edition)
    return {
        "edition": edition,
        "figures": figures,
        "compared": compared,
        "metrics": queries.METRICS,
        "funnel_rows": rows,
        "statuses": [label for _s, label, _n in rows[0]["funnel"]],
    }
