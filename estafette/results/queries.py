"""Reads: results for the public pages and the coordinators, a week's hand-over, an edition's
national summary."""

from django.db.models import Count, Prefetch, Q, Sum

from estafette.activities.models import Activity
from estafette.activities.permissions import moderation_regions
from estafette.core.dates import local_today
from estafette.organisations.models import Organisation
from estafette.partners.models import Partner
from estafette.relay.models import Stage
from estafette.results.models import Material, Result

HIGHLIGHTS = 6


def public_result(activity) -> Result | None:
    """The activity's results as the public sees them (None when none or hidden)."""
    return Result.objects.public().filter(activity=activity).prefetch_related("materials").first()


def results_to_moderate(user):
    regions = moderation_regions(user)
    results = Result.objects.select_related(
        "activity__stage__region", "activity__lead_organisation"
    ).order_by("-updated_at")
    if not (user.is_staff or user.is_superuser):
        results = results.filter(activity__stage__region__in=regions)
    return results[:200]


def public_stage(year: int, region: str) -> Stage | None:
    return (
        Stage.objects.select_related("edition", "region")
        .filter(edition__year=year, edition__is_published=True, region__slug=region)
        .first()
    )


def week_figures(activities) -> dict:
    """Activities, organisations, partnerships and reported participants of a set of public
    activities (cancelled ones left out: they did not take place)."""
    held = activities.filter(status=Activity.Status.PUBLISHED)
    partnerships = Partner.objects.filter(
        activity__in=held, status=Partner.Status.ACCEPTED, organisation__isnull=False
    )
    organisations = Organisation.objects.filter(
        Q(pk__in=held.values("lead_organisation_id"))
        | Q(pk__in=partnerships.values("organisation_id"))
    )
    reported = (
        Result.objects.public()
        .filter(activity__in=held)
        .aggregate(
            results=Count("id"),
            participants=Sum("participants"),
            professionals=Sum("professionals"),
            citizens=Sum("citizens"),
        )
    )
    return {
        "activities": held.count(),
        "organisations": organisations.count(),
        "partnerships": partnerships.count(),
        "results": reported["results"],
        "participants": reported["participants"] or 0,
        "professionals": reported["professionals"] or 0,
        "citizens": reported["citizens"] or 0,
    }


def _public_results(activities):
    return (
        Result.objects.public()
        .filter(activity__in=activities)
        .select_related("activity")
        .prefetch_related(Prefetch("materials", queryset=Material.objects.order_by("id")))
    )


def handover(stage: Stage, today=None) -> dict:
    """What a region's week page shows: its figures, highlights and lessons from the results,
    the materials; once the week is over, it is the hand-over to the next region."""
    today = today or local_today()
    activities = Activity.objects.filter(stage=stage)
    results = list(_public_results(activities).order_by("-participants", "activity__starts_at"))
    next_stage = (
        Stage.objects.filter(edition_id=stage.edition_id, order__gt=stage.order)
        .select_related("region")
        .order_by("order")
        .first()
    )
    return {
        "stage": stage,
        "edition": stage.edition,
        "region": stage.region,
        "is_over": today > stage.ends_on,
        "next_stage": next_stage,
        "figures": week_figures(activities),
        "highlights": results[:HIGHLIGHTS],
        "lessons": [result for result in results if result.lessons],
        "materials": [material for result in results for material in result.materials.all()],
        "activities": activities.filter(status=Activity.Status.PUBLISHED).order_by("starts_at")[
            :50
        ],
    }


def _kept(tally, partnerships: int) -> dict:
    """week_figures' numbers from a tally of the figures' kept numbers."""
    return {
        "activities": tally.activities,
        "organisations": tally.organisations,
        "partnerships": partnerships,
        "results": tally.reported,
        "participants": tally.participants,
        "professionals": tally.professionals,
        "citizens": tally.citizens,
    }


def edition_summary(edition, tallies: dict, total, today=None) -> dict:
    """The national summary: every week's figures and the whole edition's, and whether the
    relay is over (the last week has ended). The figures are the kept ones the edition page
    already read (`tallies` per region id, the edition's `total`, figures.queries); only the
    partnerships are counted here, in one query grouped per week: counting every week from
    scratch cost a second at 100,000 activities."""
    today = today or local_today()
    stages = list(edition.stages.select_related("region").order_by("order"))
    last_day = max([stage.ends_on for stage in stages], default=edition.ends_on)
    partnerships = dict(
        Partner.objects.accepted()
        .filter(activity__edition=edition, activity__status=Activity.Status.PUBLISHED)
        .values_list("activity__stage_id")
        .annotate(n=Count("id"))
        .values_list("activity__stage_id", "n")
        .order_by()
    )
    rows = [
        {"stage": stage, "figures": _kept(tallies[stage.region_id], partnerships.get(stage.pk, 0))}
        for stage in stages
    ]
    everything = Activity.objects.filter(edition=edition)
    lessons = list(
        _public_results(everything).exclude(lessons="").order_by("-participants")[:HIGHLIGHTS]
    )
    return {
        "edition": edition,
        "is_closed": today > last_day,
        "rows": rows,
        "totals": _kept(total, sum(partnerships.values())),
        "lessons": lessons,
    }
