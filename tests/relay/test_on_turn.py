"""Who is on turn: the edition, the stage, the next one and the hand-over, DST-correct."""

import datetime as dt

import pytest

from estafette.core.dates import AMSTERDAM
from estafette.relay.models import Edition, Region
from estafette.relay.queries import relay_status

pytestmark = pytest.mark.django_db


def ams(*args):
    return dt.datetime(*args, tzinfo=AMSTERDAM)


def test_first_minute_of_oosts_week_2023_oost_is_on_turn_and_west_is_next():
    status = relay_status(ams(2023, 2, 6, 0, 0))
    assert status.edition.year == 2023
    assert status.on_turn.region.slug == "oost"
    assert status.next.region.slug == "west"
    assert status.handover_at == ams(2023, 2, 13, 0, 0)


def test_last_second_of_a_stage_still_belongs_to_it():
    status = relay_status(ams(2023, 2, 10, 23, 59, 59))
    assert status.on_turn.region.slug == "oost"


def test_the_weekend_between_two_weeks_has_nobody_on_turn():
    status = relay_status(ams(2023, 2, 11, 12, 0))
    assert status.on_turn is None
    assert status.phase == "between"
    assert status.next.region.slug == "west"
    assert status.time_to_handover == dt.timedelta(days=1, hours=12)


def test_before_an_edition_the_next_edition_and_its_first_stage_are_given():
    status = relay_status(ams(2022, 12, 1, 9, 0))
    assert status.edition.year == 2023
    assert status.on_turn is None
    assert status.phase == "before"
    assert status.next.region.slug == "oost"


def test_inside_the_edition_but_after_the_last_stage_nobody_is_next():
    status = relay_status(ams(2021, 3, 2, 12, 0))
    assert status.edition.year == 2021
    assert status.on_turn is None and status.next is None and status.handover_at is None
    assert status.phase == "after"


def test_after_the_last_edition_there_is_no_edition():
    status = relay_status(ams(2030, 6, 1, 12, 0))
    assert status.edition is None and status.phase == "none"


def test_zuid_2023_runs_over_the_month_boundary():
    status = relay_status(ams(2023, 3, 1, 15, 0))
    assert status.on_turn.region.slug == "zuid"


def test_handover_across_the_dst_change_counts_real_hours():
    # A made-up edition around the spring DST change (29 March 2026, 02:00 → 03:00).
    edition = Edition.objects.create(
        year=2026, starts_on=dt.date(2026, 3, 23), ends_on=dt.date(2026, 4, 10)
    )
    oost, west = Region.objects.get(slug="oost"), Region.objects.get(slug="west")
    edition.stages.create(
        region=oost, order=1, starts_on=dt.date(2026, 3, 23), ends_on=dt.date(2026, 3, 27)
    )
    edition.stages.create(
        region=west, order=2, starts_on=dt.date(2026, 3, 30), ends_on=dt.date(2026, 4, 3)
    )
    status = relay_status(ams(2026, 3, 28, 12, 0))
    assert status.handover_at == ams(2026, 3, 30, 0, 0)
    assert status.handover_at.utcoffset() == dt.timedelta(hours=2)
    # 12 h on Saturday + 23 h on the short Sunday + 0 h: 35 real hours, not 36.
    assert status.time_to_handover == dt.timedelta(hours=35)


def test_a_utc_moment_is_read_in_amsterdam_time():
    # 23:30 UTC on 5 Feb is 00:30 on 6 Feb in Amsterdam: oost is on turn.
    status = relay_status(dt.datetime(2023, 2, 5, 23, 30, tzinfo=dt.UTC))
    assert status.on_turn.region.slug == "oost"
