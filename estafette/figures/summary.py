"""The figures kept up to date: what each activity adds, summed per edition as it changes.

Counting 100,000 activities for every page took seconds; the page and the API now read an
edition's few hundred numbers (FigureCount). They stay right like this:

1. Whatever changes an activity, its partners, sign-ups, result, themes, types or interactive
   elements (signals, in estafette.figures.signals), or an organisation's kind or a stage's
   region, queues the activity (FigureChange) in the same transaction as the change.
2. After the commit (transaction.on_commit), and before any figures are read, the queue is
   worked off: each queued activity's share is computed anew from the database, the share it
   added before (ActivityFigures) is taken back and the new one added, under a lock on the
   edition's row, so two workers never count the same edition at once.
3. An edition without numbers yet (or whose dates changed, so its weeks did) is counted from
   scratch (`count_edition`), which is also what `manage.py count_figures` does.

The rules are queries.py's (the plain count, kept as `queries.counted_edition_figures`); the
tests compare the two after every kind of change.
"""

import datetime as dt
import logging
from collections import Counter, defaultdict

from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from estafette.activities.models import Activity
from estafette.core.dates import AMSTERDAM
from estafette.figures.models import (
    ActivityFigures,
    FigureChange,
    FigureCount,
    FigureEdition,
    FigurePresence,
)
from estafette.partners.models import Partner
from estafette.relay.models import Edition
from estafette.results.models import Result
from estafette.signups.models import Signup

logger = logging.getLogger(__name__)

PUBLISHED = Activity.Status.PUBLISHED
CANCELLED = Activity.Status.CANCELLED
ALL = "all"
ORGANISATIONS = "organisations"
# The additive figures of a published activity, in the order of queries.Tally.
MEASURES = (
    "activities",
    "with_partners",
    "cross_sector",
    "interactive",
    "places_taken",
    "signups",
    "waiting_list",
    "reported",
    "participants",
    "professionals",
    "citizens",
)
BATCH = 500


def region_group(region_id) -> str:
    return f"region:{region_id or 0}"


def week_number(day: dt.date, starts_on: dt.date, ends_on: dt.date) -> int:
    """The relay week a day falls in (1 = the edition's first, Monday-based calendar weeks, as
    queries.edition_weeks), 0 outside the edition."""
    if not starts_on <= day <= ends_on:
        return 0
    first_monday = starts_on - dt.timedelta(days=starts_on.weekday())
    return (day - first_monday).days // 7 + 1


# What one activity adds ------------------------------------------------------------------


def activity_shares(activities, editions: dict[int, Edition]) -> dict[int, dict]:
    """What each counted (published or cancelled) activity of the queryset adds to the figures,
    as small plain data (stored in ActivityFigures), read in eight queries however many."""
    from estafette.figures.queries import kind_pair  # here: figures.queries imports this module

    counted = activities.filter(status__in=Activity.PUBLIC_STATUSES)
    rows = list(
        counted.values(
            "id",
            "edition_id",
            "status",
            "format",
            "places_taken",
            "starts_at",
            "stage__region_id",
            "lead_organisation_id",
            "lead_organisation__kind",
        ).order_by()
    )
    if not rows:
        return {}
    published = counted.filter(status=PUBLISHED).values("pk")
    partners = defaultdict(list)
    for activity_id, org_id, kind in (
        Partner.objects.accepted()
        .filter(activity__in=published)
        .values_list("activity_id", "organisation_id", "organisation__kind")
        .order_by()
    ):
        partners[activity_id].append((org_id, kind))
    interactive = set(
        Activity.interactive_elements.through.objects.filter(activity__in=published)
        .values_list("activity_id", flat=True)
        .order_by()
        .distinct()
    )
    signups = defaultdict(Counter)
    for activity_id, status, n in (
        Signup.objects.filter(
            activity__in=published,
            status__in=[Signup.Status.PENDING, Signup.Status.CONFIRMED, Signup.Status.WAITING],
        )
        .values_list("activity_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    ):
        signups[activity_id]["waiting" if status == Signup.Status.WAITING else "holding"] += n
    results = {
        activity_id: numbers
        for activity_id, *numbers in Result.objects.filter(
            activity__in=published, is_hidden=False
        ).values_list("activity_id", "participants", "professionals", "citizens")
    }
    vocabularies = {}
    for name, through, column in (
        ("themes", Activity.themes.through, "theme_id"),
        ("types", Activity.types.through, "activitytype_id"),
    ):
        linked = defaultdict(list)
        for activity_id, item_id in (
            through.objects.filter(activity__in=published)
            .values_list("activity_id", column)
            .order_by(column)
        ):
            linked[activity_id].append(item_id)
        vocabularies[name] = linked

    shares = {}
    for row in rows:
        edition = editions[row["edition_id"]]
        day = row["starts_at"].astimezone(AMSTERDAM).date()
        share = {
            "edition": row["edition_id"],
            "region": row["stage__region_id"] or 0,
            "day": day.isoformat(),
            "week": week_number(day, edition.starts_on, edition.ends_on),
            "cancelled": row["status"] == CANCELLED,
        }
        if not share["cancelled"]:
            pk = row["id"]
            lead_kind = row["lead_organisation__kind"]
            its_partners = partners.get(pk, [])
            numbers = results.get(pk)
            organisations = {row["lead_organisation_id"]: lead_kind}
            for org_id, kind in its_partners:
                organisations.setdefault(org_id, kind)
            other_kinds = {kind for _org, kind in its_partners if kind != lead_kind}
            share |= {
                "format": row["format"],
                "with_partners": bool(its_partners),
                "cross_sector": bool(other_kinds),
                "interactive": pk in interactive,
                "places_taken": row["places_taken"] or 0,
                "signups": signups[pk]["holding"],
                "waiting_list": signups[pk]["waiting"],
                "reported": numbers is not None,
                "participants": numbers[0] if numbers else 0,
                "professionals": numbers[1] if numbers else 0,
                "citizens": numbers[2] if numbers else 0,
                "themes": vocabularies["themes"].get(pk, []),
                "types": vocabularies["types"].get(pk, []),
                "pairs": sorted({kind_pair(lead_kind, kind) for kind in other_kinds}),
                "organisations": sorted([org, kind] for org, kind in organisations.items()),
            }
        shares[row["id"]] = share
    return shares


def expand(share: dict) -> tuple[Counter, set]:
    """A share as the numbers it adds: {(group, measure): n} and {(group, organisation id)}."""
    region = region_group(share["region"])
    groups = (ALL, region, f"day:{share['day']}", f"week:{share['week']}")
    counts: Counter = Counter()
    if share["cancelled"]:
        for group in groups:
            counts[(group, "cancelled")] += 1
        return counts, set()
    for group in groups:
        for measure in MEASURES:
            value = 1 if measure == "activities" else int(share[measure])
            if value:
                counts[(group, measure)] += value
        counts[(group, f"format:{share['format']}")] += 1
    for group in (ALL, region):
        for theme in share["themes"]:
            counts[(group, f"theme:{theme}")] += 1
        for activity_type in share["types"]:
            counts[(group, f"type:{activity_type}")] += 1
    for pair in share["pairs"]:
        counts[(ALL, f"pair:{pair}")] += 1
    presence = set()
    for org_id, kind in share["organisations"]:
        for group in (*groups, f"kind:{kind}", f"region-kind:{share['region']}:{kind}"):
            presence.add((group, org_id))
    return counts, presence


# Writing the numbers ----------------------------------------------------------------------


def _lock_editions(edition_ids) -> dict[int, Edition]:
    """Lock the editions' rows, in one order (no deadlocks), for the rest of the transaction."""
    return {
        edition.pk: edition
        for edition in Edition.objects.select_for_update().filter(pk__in=edition_ids).order_by("pk")
    }


def _kept(editions: dict[int, Edition]) -> set[int]:
    """The editions whose numbers are kept and still match their dates."""
    return {
        state.edition_id
        for state in FigureEdition.objects.filter(edition_id__in=editions)
        if (state.starts_on, state.ends_on)
        == (editions[state.edition_id].starts_on, editions[state.edition_id].ends_on)
    }


def _apply(edition_id: int, counts: Counter, presence: Counter) -> None:
    """Add `counts` (may be negative) to the edition's numbers and `presence` (+1/-1 per
    activity) to its organisations; an organisation new to a group adds one to the group's
    organisations, one gone takes one away."""
    counts = Counter({key: n for key, n in counts.items() if n})
    presence = Counter({key: n for key, n in presence.items() if n})
    if presence:
        found = {
            (row.group, row.organisation_id): row
            for row in FigurePresence.objects.filter(
                edition_id=edition_id,
                group__in={group for group, _org in presence},
                organisation_id__in={org for _group, org in presence},
            )
        }
        new, changed, gone = [], [], []
        for (group, org_id), delta in sorted(presence.items()):
            row = found.get((group, org_id))
            before = row.activities if row else 0
            after = before + delta
            if after < 0:
                raise ValueError(f"figures: {group} of organisation {org_id} below zero")
            if before == 0 and after:
                counts[(group, ORGANISATIONS)] += 1
                new.append(
                    FigurePresence(
                        edition_id=edition_id, group=group, organisation_id=org_id, activities=after
                    )
                )
            elif before and not after:
                counts[(group, ORGANISATIONS)] -= 1
                gone.append(row.pk)
            else:
                row.activities = after
                changed.append(row)
        FigurePresence.objects.filter(pk__in=gone).delete()
        FigurePresence.objects.bulk_update(changed, ["activities"])
        FigurePresence.objects.bulk_create(new)
    counts = Counter({key: n for key, n in counts.items() if n})
    if not counts:
        return
    found = {
        (row.group, row.measure): row
        for row in FigureCount.objects.filter(
            edition_id=edition_id, group__in={group for group, _m in counts}
        )
    }
    new, changed, gone = [], [], []
    for (group, measure), delta in sorted(counts.items()):
        row = found.get((group, measure))
        if row is None:
            new.append(FigureCount(edition_id=edition_id, group=group, measure=measure, n=delta))
        elif row.n + delta == 0:
            gone.append(row.pk)
        else:
            row.n += delta
            changed.append(row)
    FigureCount.objects.filter(pk__in=gone).delete()
    FigureCount.objects.bulk_update(changed, ["n"])
    FigureCount.objects.bulk_create(new)


@transaction.atomic
def count_activities(activity_ids) -> None:
    """Count the activities again: take back what each added, add what it adds now."""
    activity_ids = set(activity_ids)
    before = ActivityFigures.objects.filter(activity_id__in=activity_ids)
    edition_ids = set(before.values_list("edition_id", flat=True)) | set(
        Activity.objects.filter(pk__in=activity_ids).values_list("edition_id", flat=True)
    )
    editions = _lock_editions(edition_ids)
    kept = _kept(editions)
    if not kept:  # nothing kept yet: the edition's first reader counts it from scratch
        before.delete()
        return
    old = {row.activity_id: row.data for row in before}  # read again, under the lock
    new = activity_shares(Activity.objects.filter(pk__in=activity_ids), editions)
    counts: dict[int, Counter] = defaultdict(Counter)
    presence: dict[int, Counter] = defaultdict(Counter)
    for share, sign in [(old[pk], -1) for pk in old] + [(new[pk], 1) for pk in new]:
        if share["edition"] not in kept:
            continue
        added, present = expand(share)
        for key, n in added.items():
            counts[share["edition"]][key] += sign * n
        for key in present:
            presence[share["edition"]][key] += sign
    for edition_id in sorted(set(counts) | set(presence)):
        _apply(edition_id, counts[edition_id], presence[edition_id])
    ActivityFigures.objects.filter(activity_id__in=activity_ids).delete()
    ActivityFigures.objects.bulk_create(
        ActivityFigures(activity_id=pk, edition_id=share["edition"], data=share)
        for pk, share in new.items()
        if share["edition"] in kept
    )


def count_changes() -> int:
    """Work off the queue of changed activities; how many queue entries were counted."""
    done = 0
    while True:
        with transaction.atomic():
            queued = FigureChange.objects.order_by("pk")
            if connection.features.has_select_for_update_skip_locked:
                queued = queued.select_for_update(skip_locked=True)
            batch = list(queued.values_list("pk", "activity_id")[:BATCH])
            if not batch:
                return done
            count_activities({activity_id for _pk, activity_id in batch})
            FigureChange.objects.filter(pk__in=[pk for pk, _a in batch]).delete()
            done += len(batch)


@transaction.atomic
def count_edition(edition: Edition) -> None:
    """Count an edition from scratch and keep its numbers from now on."""
    # Its activities whose share is kept under another edition (moved without a signal, or an
    # id that came back after a delete) first move with their numbers, as any change does.
    strays = ActivityFigures.objects.filter(
        activity_id__in=Activity.objects.filter(edition=edition).values("pk")
    ).exclude(edition_id=edition.pk)
    if moved := list(strays.values_list("activity_id", flat=True)):
        count_activities(moved)
    editions = _lock_editions([edition.pk])
    edition = editions[edition.pk]
    FigureCount.objects.filter(edition_id=edition.pk).delete()
    FigurePresence.objects.filter(edition_id=edition.pk).delete()
    ActivityFigures.objects.filter(edition_id=edition.pk).delete()
    shares = activity_shares(Activity.objects.filter(edition=edition), editions)
    counts: Counter = Counter()
    activities_of: Counter = Counter()  # (group, organisation): its activities there
    for share in shares.values():
        added, present = expand(share)
        counts.update(added)
        activities_of.update(present)
    for group, _org in activities_of:
        counts[(group, ORGANISATIONS)] += 1
    FigureCount.objects.bulk_create(
        (
            FigureCount(edition_id=edition.pk, group=group, measure=measure, n=n)
            for (group, measure), n in counts.items()
            if n
        ),
        batch_size=2000,
    )
    FigurePresence.objects.bulk_create(
        (
            FigurePresence(edition_id=edition.pk, group=group, organisation_id=org, activities=n)
            for (group, org), n in activities_of.items()
        ),
        batch_size=2000,
    )
    ActivityFigures.objects.bulk_create(
        (
            ActivityFigures(activity_id=pk, edition_id=edition.pk, data=share)
            for pk, share in shares.items()
        ),
        batch_size=2000,
    )
    FigureEdition.objects.update_or_create(
        edition=edition,
        defaults={
            "counted_at": timezone.now(),
            "starts_on": edition.starts_on,
            "ends_on": edition.ends_on,
        },
    )


def ensure_counted(editions) -> None:
    """Before reading: the queue worked off, and every edition asked for counted."""
    if FigureChange.objects.exists():
        count_changes()
    editions = list(editions)
    kept = {
        state.edition_id: state
        for state in FigureEdition.objects.filter(edition__in=[e.pk for e in editions])
    }
    for edition in editions:
        state = kept.get(edition.pk)
        if state is None or (state.starts_on, state.ends_on) != (
            edition.starts_on,
            edition.ends_on,
        ):
            count_edition(edition)


def counts_of(editions, groups=None, others_totals=()) -> dict[int, dict[str, dict[str, int]]]:
    """{edition id: {group: {measure: n}}}: the editions' groups (all, or those named), and the
    totals alone of `others_totals`; in one query."""
    rows = FigureCount.objects.filter(edition__in=[e.pk for e in editions])
    if groups is not None:
        rows = rows.filter(group__in=groups)
    if others_totals:
        rows = rows | FigureCount.objects.filter(
            edition__in=[e.pk for e in others_totals], group=ALL
        )
    numbers: dict = defaultdict(lambda: defaultdict(dict))
    for edition_id, group, measure, n in rows.values_list("edition_id", "group", "measure", "n"):
        numbers[edition_id][group][measure] = n
    return numbers


# Queueing changes -------------------------------------------------------------------------


def queue(activity_ids) -> None:
    """Queue activities to be counted again, in the transaction of the change; they are counted
    once it commits (or by the next reader)."""
    activity_ids = [pk for pk in set(activity_ids) if pk is not None]
    if not activity_ids:
        return
    FigureChange.objects.bulk_create(FigureChange(activity_id=pk) for pk in activity_ids)
    # One callback per change: the first after the commit counts the whole queue, the others
    # find it empty (one query each).
    transaction.on_commit(_count_after_commit, robust=True)


def queue_where(condition: Q) -> None:
    """Queue every activity matching the condition (an organisation's, a stage's)."""
    queue(Activity.objects.filter(condition).values_list("pk", flat=True))


def _count_after_commit() -> None:
    try:
        count_changes()
    except Exception:  # the change itself is committed; the next reader counts the queue
        logger.exception("figures: counting the queued changes failed")
