"""PostgreSQL connections as the settings make them."""

import pytest
from django.db import connection


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_page_query_gets_no_parallel_workers():
    """Starting two workers made a "near" page's ring of rows take 16 ms instead of 4."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone() == ("0",)
