"""On PostgreSQL, with real transactions: a page that counts an edition while a change to it
is still open neither waits for it nor keeps counts that the change makes old."""

import threading

import pytest
from django.db import connection, transaction

from estafette.activities.models import Activity
from estafette.agenda import tallies
from estafette.agenda.models import EditionTally
from tests.agenda.test_edition_tallies import vocabulary_items
from tests.factories import ActivityFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_count_during_an_open_change_neither_waits_nor_keeps_old_counts():
    shown = ActivityFactory(year=2023, status=Activity.Status.PUBLISHED, format="in_person")
    items = vocabulary_items()
    ids = [shown.edition_id]
    assert tallies.kept_facet_counts(ids, items)["format"] == {"in_person": 1}
    # A committed change: the next page counts the edition again.
    Activity.objects.filter(pk=shown.pk).update(format="hybrid")
    changed, go_on, seen = threading.Event(), threading.Event(), {}

    def change():
        try:
            with transaction.atomic():
                Activity.objects.filter(pk=shown.pk).update(format="online")  # locks the tally
                changed.set()
                go_on.wait(10)
        finally:
            connection.close()

    writer = threading.Thread(target=change)
    writer.start()
    try:
        assert changed.wait(10)

        def count():
            try:
                seen["counts"] = tallies.kept_facet_counts(ids, items)
            finally:
                connection.close()

        reader = threading.Thread(target=count)
        reader.start()
        reader.join(5)
        assert not reader.is_alive(), "the page waited for the open change"
    finally:
        go_on.set()
        writer.join()
    # It counted the committed state; what it counted while the change was open was not kept
    # as the new version's, so the next page counts the change.
    assert seen["counts"]["format"] == {"hybrid": 1}
    tally = EditionTally.objects.get(edition_id=shown.edition_id)
    assert tally.counted != tally.version
    assert tallies.kept_facet_counts(ids, items)["format"] == {"online": 1}
