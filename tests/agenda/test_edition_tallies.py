"""The kept counts of a whole edition (agenda/tallies.py) equal counting from scratch after
any change, whichever code makes it, and stay kept where nothing they are made of changed."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from estafette.activities.models import Activity
from estafette.activities.vocabulary_bits import refresh_vocabulary_bits
from estafette.agenda import tallies
from estafette.agenda.facets import facet_counts, without_ranking
from estafette.agenda.mapview import regions_and_towns
from estafette.agenda.models import EditionTally
from estafette.agenda.queries import filtered_activities
from estafette.agenda.views import facet_vocabularies
from estafette.relay.models import Edition, Stage
from tests.agenda.test_facet_counts import (
    FORMATS,
    STATUSES,
    activity,
    counted_from_scratch,
    make_activity,
    random_agendas,
    vocabulary_rows,
)
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

TOWNS = ["Zwolle", "Deventer", ""]


def vocabulary_items() -> dict[str, dict[int, str]]:
    return {name: {i.pk: i.slug for i in found} for name, found in facet_vocabularies().items()}


def assert_kept_equals_counting(items) -> None:
    """For every edition and for all at once: the kept facet counts and map are what counting
    the public activities from scratch gives (and what the live count gives)."""
    years = list(Edition.objects.visible().values_list("year", flat=True))
    for cleaned in [{}, *({"edition": year} for year in years)]:
        shown = filtered_activities(cleaned)
        kept = tallies.kept_facet_counts(tallies.edition_ids(cleaned), items)
        scratch = counted_from_scratch(shown)
        assert kept == {name: {v: n for v, n in c.items() if n} for name, c in scratch.items()}
        assert kept == facet_counts(shown)
        organisers, towns = regions_and_towns(without_ranking(shown))
        kept_organisers, kept_towns = tallies.kept_regions_and_towns(tallies.edition_ids(cleaned))
        assert kept_organisers == {r: n for r, n in organisers.items() if r is not None}
        assert [(t["town"], t["n"]) for t in kept_towns] == [(t["town"], t["n"]) for t in towns]
        for mine, theirs in zip(kept_towns, towns, strict=True):
            assert mine["lat"] == pytest.approx(theirs["lat"])
            assert mine["lon"] == pytest.approx(theirs["lon"])


def change(made: Activity, what: str, value) -> None:
    """One change to an activity, made the way the code that makes it does: a save, an
    update of the queryset (no signal, no service), links and their bits, a delete."""
    rows = Activity.objects.filter(pk=made.pk)
    if what == "status":
        rows.update(status=value)
    elif what == "format":
        made.format = value
        made.save(update_fields=["format"])
    elif what == "edition":
        edition = Edition.objects.get(year=value)
        rows.update(edition=edition, stage=Stage.objects.filter(edition=edition).first())
    elif what == "stage":
        rows.update(stage=Stage.objects.filter(edition=made.edition, order=value).first())
    elif what == "themes":
        made.themes.set(value)
        refresh_vocabulary_bits([made.pk])
    elif what == "town":
        rows.update(town=value, latitude=52.0 + value.__len__() / 10, longitude=6.1)
    elif what == "places":
        rows.update(places_taken=value, capacity=value + 1)
    elif what == "title":
        rows.update(title=f"Nieuwe titel {value}")
    elif what == "delete":
        made.delete()


changes = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=6),
        st.one_of(
            st.tuples(st.just("status"), st.sampled_from(STATUSES)),
            st.tuples(st.just("format"), st.sampled_from(FORMATS)),
            st.tuples(st.just("edition"), st.sampled_from([2022, 2023])),
            st.tuples(st.just("stage"), st.integers(min_value=1, max_value=4)),
            st.tuples(st.just("themes"), st.sets(st.integers(0, 5), max_size=3)),
            st.tuples(st.just("town"), st.sampled_from(TOWNS)),
            st.tuples(st.just("places"), st.integers(0, 3)),
            st.tuples(st.just("title"), st.integers(0, 9)),
            st.tuples(st.just("delete"), st.none()),
        ),
    ),
    max_size=6,
)


def test_kept_counts_equal_counting_from_scratch_after_any_change():
    vocabularies = vocabulary_rows()

    @random_agendas()
    @given(st.lists(activity, min_size=1, max_size=7), changes)
    def check(rows, steps):
        with transaction.atomic():
            made = [make_activity(row, vocabularies) for row in rows]
            for one in made:
                Activity.objects.filter(pk=one.pk).update(
                    town=TOWNS[one.pk % 3], latitude=52.5, longitude=6.0 + one.pk % 3 / 10
                )
            items = vocabulary_items()
            assert_kept_equals_counting(items)
            for index, (what, value) in steps:
                target = made[index % len(made)]
                if not Activity.objects.filter(pk=target.pk).exists():
                    continue
                if what == "themes":
                    value = [vocabularies["themes"][i] for i in value]
                target.refresh_from_db()
                change(target, what, value)
                assert_kept_equals_counting(items)
            transaction.set_rollback(True)

    check()


def public_activity(**fields) -> Activity:
    return ActivityFactory(year=2023, status=Activity.Status.PUBLISHED, **fields)


def version(activity: Activity) -> int:
    tally = EditionTally.objects.filter(edition_id=activity.edition_id).first()
    return tally.version if tally else 0


def test_what_the_counts_are_not_made_of_leaves_them_kept():
    shown = public_activity(capacity=5)
    draft = ActivityFactory(year=2023, status=Activity.Status.DRAFT)
    before = version(shown)
    Activity.objects.filter(pk=shown.pk).update(places_taken=3, title="Een andere titel")
    draft.format = Activity.Format.ONLINE
    draft.title = "Nog een concept"
    draft.save()
    assert version(shown) == before
    draft.status = Activity.Status.PUBLISHED
    draft.save(update_fields=["status"])
    assert version(shown) == before + 1  # a newly public activity of the same edition


def test_a_count_made_before_a_change_is_never_kept_as_current():
    """The version is read before counting: counts of a state a change has since left are
    kept under the old version, and the next page counts again."""
    shown = public_activity(format=Activity.Format.IN_PERSON)
    items = vocabulary_items()
    ids = [shown.edition_id]
    tallies.kept_facet_counts(ids, items)
    read = EditionTally.objects.get(edition_id=shown.edition_id)
    assert read.counted == read.version
    Activity.objects.filter(pk=shown.pk).update(format=Activity.Format.ONLINE)
    # A count begun before the change (the old version read), kept after it: not current.
    old = EditionTally(edition_id=read.edition_id, version=read.version, counts=read.counts)
    tallies._keep(shown.edition_id, old, {"facets": {"format": {"in_person": 1}}})
    after = EditionTally.objects.get(edition_id=shown.edition_id)
    assert after.counted != after.version
    assert tallies.kept_facet_counts(ids, items)["format"] == {"online": 1}


def test_kept_counts_spare_the_count_of_every_activity():
    for year in (2022, 2023):
        ActivityFactory.create_batch(3, year=year, status=Activity.Status.PUBLISHED)
    items = vocabulary_items()
    ids = tallies.edition_ids({})
    tallies.kept_facet_counts(ids, items)
    tallies.kept_regions_and_towns(ids)
    with CaptureQueriesContext(connection) as counting:
        tallies.kept_facet_counts(ids, items)
        tallies.kept_regions_and_towns(ids)
    sql = " ".join(query["sql"] for query in counting.captured_queries)
    assert "GROUP BY" not in sql  # nothing counted again
    # The tallies, the stages' names (twice), the provinces, and the places left.
    assert len(counting.captured_queries) == 6


def test_the_sqlite_triggers_survive_the_migrations():
    """Django rebuilds a SQLite table to alter a column, and drops its triggers with it: a
    migration that does must create them again (migration agenda 0006)."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's triggers; PostgreSQL keeps its own on an altered table")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        names = {row[0] for row in cursor.fetchall()}
    assert {
        f"agenda_tally_{name}" for name in ("insert", "delete", "update_old", "update_new")
    } <= names


def test_places_left_are_counted_when_shown():
    shown = public_activity(
        signup_mode=Activity.SignupMode.PLATFORM,
        capacity=2,
        places_taken=0,
        starts_at=timezone.now() + dt.timedelta(days=3),
        ends_at=timezone.now() + dt.timedelta(days=3, hours=2),
    )
    items = vocabulary_items()
    ids = [shown.edition_id]
    assert tallies.kept_facet_counts(ids, items)["has_places"] == {"true": 1}
    Activity.objects.filter(pk=shown.pk).update(places_taken=2)  # full, no recount
    assert tallies.kept_facet_counts(ids, items)["has_places"] == {"false": 1}


def test_a_changed_edition_is_counted_again_in_a_fixed_number_of_queries():
    """After a change, the first page counts that edition again (one statement) and keeps
    it (one update, and on PostgreSQL the lock it does not wait for), the others kept."""
    for year in (2022, 2023):
        ActivityFactory.create_batch(2, year=year, status=Activity.Status.PUBLISHED)
    items = vocabulary_items()
    ids = tallies.edition_ids({})
    tallies.kept_facet_counts(ids, items)

    def queries() -> list[str]:
        with CaptureQueriesContext(connection) as counting:
            tallies.kept_facet_counts(ids, items)
        return [query["sql"] for query in counting.captured_queries]

    kept = queries()
    ActivityFactory.create_batch(5, year=2023, status=Activity.Status.PUBLISHED)
    recounted = queries()
    extra = 3 if connection.vendor == "postgresql" else 2  # the counting, the update
    savepoints = [sql for sql in recounted if "SAVEPOINT" in sql]
    assert len(recounted) - len(savepoints) == len(kept) + extra
    assert sum("GROUP BY" in sql for sql in recounted) == 1


def test_a_page_keeps_both_parts_it_counted_again_from_one_read():
    shown = public_activity(town="Zwolle", latitude=52.5, longitude=6.1)
    items = vocabulary_items()
    tallies.ensure_kept()
    Activity.objects.filter(pk=shown.pk).update(format=Activity.Format.ONLINE)  # both parts old
    kept = tallies.KeptCounts([shown.edition_id])
    with CaptureQueriesContext(connection) as counting:
        assert kept.facet_counts(items)["format"] == {"online": 1}
        assert kept.regions_and_towns()[1][0]["town"] == "Zwolle"
    reads = [q["sql"] for q in counting.captured_queries if "agenda_edition_tally" in q["sql"]]
    assert sum(sql.lstrip().startswith("SELECT") and "FOR UPDATE" not in sql for sql in reads) == 1
    tally = EditionTally.objects.get(edition_id=shown.edition_id)
    assert tally.counted == tally.version
    assert set(tally.counts) == {"facets", "organisers_and_towns"}


def test_an_approval_counts_its_edition_again_once_committed_so_no_visitor_waits(
    coordinator_oost, django_capture_on_commit_callbacks, client
):
    """The kept counts an approval made old are counted again after its commit (the
    coordinator waits for it): the next agenda of that edition counts nothing."""
    from estafette.activities import services

    shown = public_activity(region="oost")
    tallies.ensure_kept()
    submitted = ActivityFactory(year=2023, region="oost", status=Activity.Status.SUBMITTED)
    other = EditionTally.objects.exclude(edition_id=shown.edition_id).first()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_activity(activity=submitted, by=coordinator_oost)
    tally = EditionTally.objects.get(edition_id=shown.edition_id)
    assert tally.counted == tally.version  # counted again after the change
    if other is not None:  # another edition's counts: untouched
        assert EditionTally.objects.get(pk=other.pk).counts == other.counts
    with CaptureQueriesContext(connection) as page:
        response = client.get("/agenda/", {"edition": 2023})
    assert response.status_code == 200
    assert not any("GROUP BY" in q["sql"] for q in page.captured_queries)
    assert response.context["count"] == 2


def test_a_failed_count_after_a_change_is_logged_and_the_change_stands(
    monkeypatch, django_capture_on_commit_callbacks, caplog
):
    from estafette.core import caching

    def fails(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(tallies, "ensure_kept", fails)
    before = caching.versions([caching.ANY_EDITION_KEY])
    with django_capture_on_commit_callbacks(execute=True):
        public_activity()  # a change the trigger marks
        caching.bump_public_version(edition_id=Edition.objects.get(year=2023).pk)
    assert caching.versions([caching.ANY_EDITION_KEY]) != before  # the pages still refresh
    assert "count_again_after_change" in caplog.text and "kapot" in caplog.text


def test_a_stage_counted_in_two_editions_adds_up_on_the_map():
    """A stage belongs to one edition, so each stage's organisers come from one kept part;
    an activity filed under another edition's stage (written past the services) still adds
    up."""
    first = ActivityFactory(year=2022, status=Activity.Status.PUBLISHED, region="oost")
    other = ActivityFactory(year=2023, status=Activity.Status.PUBLISHED, region="west")
    Activity.objects.filter(pk=other.pk).update(stage=first.stage)
    ActivityFactory(year=2023, status=Activity.Status.PUBLISHED, region="oost")
    ids = tallies.edition_ids({})
    organisers, towns = regions_and_towns(filtered_activities({}))
    found = tallies.KeptCounts(ids).regions_and_towns()
    assert found is not None
    assert found[0] == {r: n for r, n in organisers.items() if r is not None} == {"oost": 3}
