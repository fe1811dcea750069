"""Retention: personal data erased SIGNUP_RETENTION_DAYS after the edition ends; counts stay."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from estafette.activities.models import Activity
from estafette.relay.models import Edition
from estafette.signups.models import Signup
from estafette.signups.queries import signup_figures
from estafette.signups.services import erase_old_signups
from tests.factories import ActivityFactory
from tests.signups.conftest import future_activity


def _old_signups(activity, n):
    for i in range(n):
        Signup.objects.create(
            activity=activity,
            name=f"Persoon {i}",
            email=f"p{i}@example.nl",
            email_normalised=f"p{i}@example.nl",
            organisation="Zorggroep",
            status=Signup.Status.CONFIRMED,
            token_hash=f"{activity.pk}-{i}",
            attended=True,
        )


@pytest.mark.django_db
def test_old_editions_lose_personal_data_but_keep_their_counts(settings):
    settings.SIGNUP_RETENTION_DAYS = 90
    old = ActivityFactory(year=2023)  # edition 2023 ended on 3 March 2023
    _old_signups(old, 3)
    recent = future_activity()
    this_year = timezone.localdate()
    current = Edition.objects.create(
        year=this_year.year + 1,
        starts_on=this_year - dt.timedelta(days=30),
        ends_on=this_year - dt.timedelta(days=2),
    )
    Activity.objects.filter(pk=recent.pk).update(edition=current)
    _old_signups(recent, 1)
    call_command("erase_old_signups", stdout=None)
    erased = Signup.objects.filter(activity=old)
    assert all(s.name == s.email == s.organisation == "" and s.erased_at for s in erased)
    assert signup_figures(old) == {"signups": 3, "confirmed_places": 3, "attended": 3}
    kept = Signup.objects.get(activity=recent)
    assert kept.email == "p0@example.nl" and kept.erased_at is None


@pytest.mark.django_db
def test_retention_days_count_from_the_end_of_the_edition(settings):
    settings.SIGNUP_RETENTION_DAYS = 90
    activity = ActivityFactory(year=2023)
    _old_signups(activity, 1)
    ended = activity.edition.ends_on
    just_before = dt.datetime.combine(ended + dt.timedelta(days=90), dt.time(12), tzinfo=dt.UTC)
    assert erase_old_signups(now=just_before) == 0
    after = just_before + dt.timedelta(days=2)
    assert erase_old_signups(now=after) == 1
    assert erase_old_signups(now=after) == 0  # already erased


@pytest.mark.django_db
def test_participant_list_shows_erased_rows_without_names(client):
    from tests.factories import MembershipFactory, VerifiedUserFactory

    activity = ActivityFactory(year=2023, signup_confirmation=Activity.Confirmation.INSTANT)
    _old_signups(activity, 1)
    erase_old_signups(now=timezone.now())
    user = VerifiedUserFactory()
    MembershipFactory(user=user, organisation=activity.lead_organisation)
    client.force_login(user)
    html = client.get(f"/mijn/activiteit/{activity.pk}/deelnemers/").content.decode()
    assert "(gegevens gewist)" in html and "p0@example.nl" not in html
