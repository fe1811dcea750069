"""The agenda of every edition in date order, read as each edition's runs merged
(queries.page_ids), is the same page as one date order over all of them."""

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from estafette.agenda import tallies
from estafette.agenda.queries import filtered_activities, page_ids
from tests.agenda.test_facet_counts import (
    activity,
    filters,
    make_activity,
    random_agendas,
    vocabulary_rows,
)

pytestmark = pytest.mark.django_db


def test_merged_runs_give_the_page_one_date_order_gives():
    items = vocabulary_rows()

    @random_agendas()
    @given(
        st.lists(activity, max_size=8),
        filters,
        st.integers(min_value=0, max_value=6),
        st.integers(min_value=1, max_value=4),
    )
    def check(rows, chosen, start, size):
        chosen = {name: value for name, value in chosen.items() if name not in ("edition", "q")}
        with transaction.atomic():
            for row in rows:
                made = make_activity(row, items)
                if row["title_word"]:  # some start at the same moment as others
                    made.starts_at = made.ends_at - dt.timedelta(hours=1)
                    made.save(update_fields=["starts_at"])
            shown = filtered_activities(chosen)
            editions = tallies.edition_ids({})
            one_order = list(shown.values_list("pk", flat=True)[start : start + size])
            assert page_ids(shown, start, start + size, editions) == one_order
            transaction.set_rollback(True)

    check()


def test_nothing_to_merge_is_an_empty_page():
    shown = filtered_activities({}).none()
    assert page_ids(shown, 0, 20, tallies.edition_ids({})) == []
    assert page_ids(filtered_activities({}), 0, 20, []) == []
