"""`manage.py seed_demo`: deterministic, realistic demo data that obeys every activity rule."""

import datetime as dt
import io
from collections import Counter

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from estafette.accounts.models import User
from estafette.activities.models import Activity
from estafette.activities.rules import AMSTERDAM, activity_errors
from estafette.demo import data as demo_data
from estafette.figures.models import FigureCount, FigureEdition
from estafette.figures.summary import count_edition
from estafette.organisations.models import Membership, Organisation
from estafette.partners.models import Partner
from estafette.relay.models import Edition, Region
from estafette.relay.postcodes import lookup_postcode

pytestmark = pytest.mark.django_db

N = 300


def seed(activities=N, seed=1, **options) -> str:
    out = io.StringIO()
    options.setdefault("force", True)  # tests run with DEBUG=false
    call_command("seed_demo", activities=activities, seed=seed, stdout=out, **options)
    return out.getvalue()


def snapshot() -> list[tuple]:
    return list(
        Activity.objects.order_by("id").values_list(
            "title", "starts_at", "ends_at", "town", "postcode", "status", "lead_organisation__name"
        )
    )


def wipe() -> None:
    Activity.objects.all().delete()
    Membership.objects.all().delete()
    Organisation.objects.all().delete()
    User.objects.filter(email__endswith="@example.nl").delete()


def next_year() -> int:
    return timezone.now().astimezone(AMSTERDAM).year + 1


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """One seed of N activities (its output) for the tests that read what it made or run the
    seeder again over it (2 s a seed on PostgreSQL): it lives in a transaction around the
    class, each test's own transaction nests in it as a savepoint, so what a test writes (a
    log-in's session, a second run, a wipe) is gone for the next. Its knowledge hub's files go
    to a folder of its own, never the checkout's media/."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from tests.conftest import _load_reference_data

    with (
        django_db_blocker.unblock(),
        override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        ),
        transaction.atomic(),
    ):
        ContentType.objects.clear_cache()
        if not Region.objects.exists():
            _load_reference_data(apps)
        yield seed()
        transaction.set_rollback(True)


class TestOneSeed:
    """What one `seed_demo --activities 300 --seed 1` made, each test reading it or running
    the seeder again over it."""

    def test_every_activity_obeys_the_activity_rules(self, seeded):
        activities = Activity.objects.select_related(
            "edition", "stage__region", "province__region", "national_moment"
        )
        assert activities.count() == N
        for activity in activities:
            assert activity_errors(activity) == {}, (activity.title, activity_errors(activity))
            assert activity.slug and activity.summary and activity.description
            if activity.has_venue:
                _postcode, province = lookup_postcode(activity.postcode)
                assert province == activity.province
                assert activity.town and activity.venue_name and activity.street_address
                assert 50.7 < activity.latitude < 53.6 and 3.3 < activity.longitude < 7.3
                if activity.stage_id:
                    assert province.region_id == activity.stage.region_id
            else:
                assert activity.province_id is None and not activity.postcode
            if activity.is_online:
                assert activity.online_url.startswith("https://")
            if activity.is_national:
                assert activity.national_moment.edition_id == activity.edition_id
            assert activity.created_at <= (activity.submitted_at or activity.created_at)
            if activity.published_at:
                assert activity.submitted_at <= activity.published_at <= timezone.now()

    def test_every_region_and_every_edition_has_activities(self, seeded):
        years = set(Activity.objects.values_list("edition__year", flat=True))
        assert years == {2021, 2022, 2023, next_year()}
        for edition in Edition.objects.all():
            regions = set(
                Activity.objects.filter(edition=edition, stage__isnull=False).values_list(
                    "stage__region__slug", flat=True
                )
            )
            assert regions == {"noord", "oost", "west", "zuid"}, edition.year
        organisations_by_region = Counter(
            Organisation.objects.values_list("province__region__slug", flat=True)
        )
        assert set(organisations_by_region) == {"noord", "oost", "west", "zuid"}
        assert Organisation.objects.count() >= 40
        assert "Gemeente" in " ".join(Organisation.objects.values_list("name", flat=True))

    def test_the_upcoming_edition_runs_in_february_next_year_with_four_weeks(self, seeded):
        output = seeded
        edition = Edition.objects.get(year=next_year())
        assert f"Komende editie {edition.year} aangemaakt" in output
        stages = list(edition.stages.select_related("region").order_by("order"))
        assert len(stages) == 4
        assert {stage.region.slug for stage in stages} == {"noord", "oost", "west", "zuid"}
        for stage in stages:
            assert stage.starts_on.month == 2
            assert stage.starts_on.weekday() == 0 and stage.ends_on.weekday() == 4
            assert (stage.ends_on - stage.starts_on).days == 4
            assert stage.full_clean() is None
        earlier_order = [
            stage.region.slug for stage in Edition.objects.get(year=2023).stages.order_by("order")
        ]
        assert [stage.region.slug for stage in stages] != earlier_order
        assert edition.starts_on == stages[0].starts_on and edition.ends_on == stages[-1].ends_on
        moments = {moment.kind: moment.date for moment in edition.national_moments.all()}
        assert moments == {"opening": edition.starts_on, "closing": edition.ends_on}

        statuses = set(Activity.objects.filter(edition=edition).values_list("status", flat=True))
        assert {"published", "submitted", "changes_requested", "draft"} <= statuses

    def test_co_organised_interactive_online_and_varied_activities_exist(self, seeded):
        activities = Activity.objects.all()
        co_organised = activities.filter(partners__isnull=False).distinct().count()
        assert 0.25 * N < co_organised < 0.55 * N
        assert set(Partner.objects.values_list("status", flat=True)) == {"accepted"}
        for partnership in Partner.objects.select_related("activity"):
            assert partnership.organisation_id != partnership.activity.lead_organisation_id
            assert partnership.created_at < partnership.answered_at
        interactive = activities.filter(interactive_elements__isnull=False).distinct().count()
        assert 0.45 * N < interactive < 0.75 * N
        formats = Counter(activities.values_list("format", flat=True))
        assert formats["in_person"] > formats["hybrid"] > 0 and formats["online"] > 0
        assert activities.filter(stage__isnull=True, national_moment__isnull=False).exists()
        modes = Counter(activities.values_list("signup_mode", flat=True))
        assert set(modes) == {"platform", "external", "none"}
        for capacity in activities.filter(signup_mode="platform").values_list(
            "capacity", flat=True
        ):
            assert 10 <= capacity <= 200
        assert not activities.filter(signup_mode="external", signup_url="").exists()
        cancelled = activities.filter(status="cancelled")
        assert cancelled.exists() and not cancelled.filter(cancellation_reason="").exists()
        past = activities.filter(edition__year__lte=2023)
        assert past.filter(status="published").count() > 0.8 * past.count()
        assert len(set(activities.values_list("themes__slug", flat=True))) >= 8
        assert len(set(activities.values_list("types__slug", flat=True))) >= 8
        assert len(set(activities.values_list("audiences__slug", flat=True))) >= 8
        titles = set(activities.values_list("title", flat=True))
        assert len(titles) > N / 3

    def test_demo_users_can_log_in_with_their_roles(self, seeded, client):
        output = seeded
        for email in [
            "beheer@example.nl",
            "coordinator-noord@example.nl",
            "organisator1@example.nl",
        ]:
            assert email in output
            user = authenticate(email=email, password="estafette-demo")
            assert user is not None and user.email == email
            assert EmailAddress.objects.filter(user=user, email=email, verified=True, primary=True)
        assert "estafette-demo" in output

        staff = User.objects.get(email="beheer@example.nl")
        assert staff.is_superuser and staff.is_staff
        for region in Region.objects.all():
            coordinator = User.objects.get(email=f"coordinator-{region.slug}@example.nl")
            assert list(coordinator.coordinated_regions.all()) == [region]
        membership = Membership.objects.get(user__email="organisator1@example.nl")
        assert membership.role == Membership.Role.ADMIN and membership.status == "active"
        assert (
            Activity.objects.filter(
                lead_organisation=membership.organisation, created_by=membership.user
            ).count()
            == Activity.objects.filter(lead_organisation=membership.organisation).count()
        )

        response = client.post(
            reverse("account_login"),
            {"login": "organisator1@example.nl", "password": "estafette-demo"},
        )
        assert response.status_code == 302
        assert client.session.get("_auth_user_id") == str(membership.user_id)

    def test_activities_fall_on_weekdays_at_plausible_hours(self, seeded):
        for starts_at, ends_at in Activity.objects.values_list("starts_at", "ends_at"):
            local_start, local_end = starts_at.astimezone(AMSTERDAM), ends_at.astimezone(AMSTERDAM)
            assert 8 <= local_start.hour <= 20
            assert local_end.hour <= 22
            assert local_end - local_start <= dt.timedelta(days=5)

    def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(self, seeded):
        first = snapshot()
        assert len(first) == N
        wipe()
        seed(seed=1)
        assert snapshot() == first
        wipe()
        seed(seed=8)
        other = snapshot()
        assert len(other) == N
        assert other != first
        assert [row[0] for row in other] != [row[0] for row in first]

    def test_a_second_run_keeps_the_existing_upcoming_edition(self, seeded):
        output = seed(activities=50, seed=2)
        assert "bestond al" in output
        assert Edition.objects.filter(year=next_year()).count() == 1
        assert Activity.objects.count() == N + 50
        assert "De demo-accounts bestonden al" in output

    def test_if_empty_does_nothing_when_activities_exist(self, seeded):
        before = snapshot()
        organisations = Organisation.objects.count()
        output = seed(if_empty=True, seed=99)
        assert "doet niets" in output
        assert snapshot() == before
        assert Organisation.objects.count() == organisations

    def test_the_seeded_activities_are_searchable_at_once(self, seeded):
        from estafette.agenda.queries import filtered_activities

        activity = Activity.objects.published().order_by("pk").first()
        assert activity in filtered_activities({"q": activity.title, "sort": "date"})
        partner = Partner.objects.filter(activity__status="published").first().organisation
        assert set(
            filtered_activities({"q": partner.name, "sort": "date"}).values_list("pk", flat=True)
        ) >= set(
            partner.partner_of.filter(activity__status="published").values_list(
                "activity_id", flat=True
            )
        )

    def test_the_whole_editions_counts_are_kept_when_it_is_done(self, seeded):
        from estafette.agenda import tallies
        from estafette.agenda.facets import facet_counts
        from estafette.agenda.models import EditionTally
        from estafette.agenda.queries import filtered_activities
        from estafette.agenda.views import facet_vocabularies

        kept = EditionTally.objects.filter(edition_id__in=tallies.edition_ids({}))
        assert kept.count() == Edition.objects.visible().count()
        assert all(tally.counted == tally.version for tally in kept)
        items = {n: {i.pk: i.slug for i in found} for n, found in facet_vocabularies().items()}
        assert tallies.kept_facet_counts(tallies.edition_ids({}), items) == facet_counts(
            filtered_activities({})
        )

    def test_the_seeded_search_index_is_what_a_rebuild_makes(self, seeded):
        """The seeder stems in Python and (PostgreSQL) writes the vector's text form itself; a
        rebuild computes it the ordinary way. Indexes and foreign keys it took away are back."""
        from estafette.agenda.models import SearchWord

        indexed = search_index()
        vocabulary = sorted(SearchWord.objects.values_list("word", "stem"))
        assert len(indexed) == N and all(row[1] for row in indexed) and vocabulary
        call_command("rebuild_search_index", stdout=io.StringIO())
        assert search_index() == indexed
        assert sorted(SearchWord.objects.values_list("word", "stem")) == vocabulary
        with connection.cursor() as cursor:
            indexes = connection.introspection.get_constraints(cursor, "activities_activity")
        assert {"activity_status_start_idx", "activity_updated_idx"} <= set(indexes)
        assert sum(1 for item in indexes.values() if item["foreign_key"]) == 7

    def test_every_edition_has_its_figures_kept_and_equal_to_counting_afresh(self, seeded):
        """The seeder writes its rows without signals: it counts the figures itself, so the
        home, region and edition pages read kept numbers from the first visitor on, also after
        a second run added activities to editions already counted."""
        assert set(FigureEdition.objects.values_list("edition_id", flat=True)) == set(
            Edition.objects.values_list("pk", flat=True)
        )
        seed(seed=2)
        kept = kept_figures()
        assert kept
        for edition in Edition.objects.all():
            count_edition(edition)
        assert kept == kept_figures()


def search_index() -> list[tuple]:
    """The whole search index as stored: SQLite's FTS rows, PostgreSQL's entries (the vectors
    as text)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT activity_id, edition_id, status, folded_title, starts_at, search_vector::text"
                " FROM agenda_search_entry ORDER BY activity_id"
            )
        else:
            cursor.execute("SELECT rowid, * FROM activity_search ORDER BY rowid")
        return cursor.fetchall()


def test_every_reference_town_lies_in_its_province_by_postcode():
    regions = set()
    for name, code, postcode, latitude, longitude, weight in demo_data.TOWNS:
        _parsed, province = lookup_postcode(postcode)
        assert province.code == code, name
        assert 50.7 < latitude < 53.6 and 3.3 < longitude < 7.3, name
        assert weight >= 1
        regions.add(province.region.slug)
    assert regions == {"noord", "oost", "west", "zuid"}
    provinces = Counter(code for _name, code, *_rest in demo_data.TOWNS)
    assert len(provinces) == 12 and min(provinces.values()) >= 6


def test_seed_demo_refuses_without_debug_unless_forced(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=true"):
        call_command("seed_demo", activities=1, seed=1, stdout=io.StringIO())
    assert not Activity.objects.exists()


def test_seeded_activities_are_stored_through_the_importers_bulk_service(monkeypatch):
    """The seeder writes no activity row of its own: the bulk service does, with an audit entry
    each (its status as seeded) and the facets' bits as the links say."""
    from estafette.activities import services
    from estafette.activities.vocabulary_bits import refresh_vocabulary_bits
    from estafette.core.models import AuditEntry

    calls = []
    real = services.create_activities
    monkeypatch.setattr(
        "estafette.demo.activities.create_activities",
        lambda **kwargs: calls.append(kwargs) or real(**kwargs),
    )
    seed(activities=80)
    assert len(calls) == 1 and len(calls[0]["activities"]) == 80
    entries = dict(
        AuditEntry.objects.filter(action="activity.imported").values_list("target_id", "to_status")
    )
    assert entries == dict(Activity.objects.values_list("pk", "status"))
    columns = [
        "theme_bits",
        "type_bits",
        "audience_bits",
        "accessibility_bits",
        "is_interactive",
        "organiser_kind_bits",
    ]
    bits = list(Activity.objects.order_by("pk").values_list(*columns))
    assert all(row[:3] != (0, 0, 0) and row[5] for row in bits)
    assert any(row[3] for row in bits) and any(row[4] for row in bits)
    refresh_vocabulary_bits()  # from the links and the organisers, partners included
    assert list(Activity.objects.order_by("pk").values_list(*columns)) == bits


def kept_figures() -> list[tuple]:
    return sorted(FigureCount.objects.values_list("edition_id", "group", "measure", "n"))
