"""The edition page's weeks and national summary read the figures' kept numbers; they equal
counting every week from scratch (week_figures), on random activities, partners and results."""

import pytest
from django.db import transaction
from django.test import TestCase
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from estafette.activities.models import Activity
from estafette.partners.models import Partner
from estafette.relay.models import Edition
from estafette.relay.queries import public_figures
from estafette.results.models import Result
from estafette.results.queries import edition_summary, week_figures
from tests.factories import ActivityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

activity = st.fixed_dictionaries(
    {
        "region": st.sampled_from(["oost", "west", "noord", "zuid"]),
        "status": st.sampled_from(["published", "published", "cancelled", "draft"]),
        "partners": st.lists(st.sampled_from(["accepted", "invited", "declined"]), max_size=3),
        "shared_partner": st.booleans(),  # the same organisation as a partner elsewhere
        "result": st.none() | st.tuples(st.integers(0, 80), st.booleans()),
    }
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(activities=st.lists(activity, max_size=8))
def test_the_summary_from_kept_numbers_equals_counting_every_week(activities):
    with transaction.atomic():
        shared = OrganisationFactory()
        with TestCase.captureOnCommitCallbacks(execute=True):  # as after a commit
            for spec in activities:
                made = ActivityFactory(region=spec["region"], status=spec["status"])
                for n, status in enumerate(spec["partners"]):
                    partner = shared if spec["shared_partner"] and n == 0 else OrganisationFactory()
                    Partner.objects.create(activity=made, organisation=partner, status=status)
                if spec["result"] is not None:
                    participants, hidden = spec["result"]
                    Result.objects.create(
                        activity=made, participants=participants, summary="Goed.", is_hidden=hidden
                    )
        edition = Edition.objects.get(year=2023)
        figures = public_figures(edition)  # what the edition page reads
        tallies = {row.region.pk: row.tally for row in figures.regions}
        kept = edition_summary(edition, tallies, figures.total)
        for row in kept["rows"]:
            assert row["figures"] == week_figures(Activity.objects.filter(stage=row["stage"]))
        assert kept["totals"] == week_figures(Activity.objects.filter(edition=edition))
        transaction.set_rollback(True)
