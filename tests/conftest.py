"""Shared fixtures: ready-made reference data comes from the migrations; one named cast of
people for the whole suite (organiser, partner admin, coordinators of oost and west, national
admin) and the editions the tests play in."""

import datetime as dt
import os
import uuid

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone, translation

from estafette.core.dates import local_date
from estafette.organisations.models import Organisation
from estafette.relay.models import Edition, NationalMoment, Province, Region, Stage
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    VerifiedUserFactory,
    force_login_with_two_factor,
)


def pytest_collection_modifyitems(items):
    """Every transactional test restores the database as the migrations left it
    (serialized_rollback). Mixing both kinds broke setup: a plain flush re-creates the content
    types under new ids (post_migrate), and the next test restoring the serialized ones then hit
    UNIQUE(app_label, model). Wagtail's root page, locale and collection survive this way too.

    Tests reading data shared by their module (a fixture named `…_of_the_module`, see
    `shared_by_the_module`) run after the others of their module, so those still find none;
    only within each run of one module's tests as pytest-django ordered them (plain,
    transactional, without a database): every other test keeps its place."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)

    run_start = []
    for index, item in enumerate(items):
        same_run = index and items[index - 1].path == item.path
        run_start.append(run_start[-1] if same_run else index)
    keys = {
        id(item): (
            start,
            any(name.endswith("_of_the_module") for name in getattr(item, "fixturenames", ())),
        )
        for item, start in zip(items, run_start, strict=True)
    }
    items.sort(key=lambda item: keys[id(item)])


def shared_by_the_module(django_db_blocker, build, **overrides):
    """For a module-scoped fixture (named `…_of_the_module`): data that takes seconds to make,
    made once for the module's tests that read it, in a transaction around them. Each test's
    own transaction nests in it as a savepoint, so what a test changes is gone for the next,
    and the whole is rolled back after the module. A test reading model instances gets a deep
    copy of them (as Django's setUpTestData gives), never one an earlier test changed."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.test import override_settings

    from estafette.relay.models import Region

    around = transaction.atomic()
    with django_db_blocker.unblock():
        around.__enter__()
        try:
            with (
                override_settings(
                    CACHES={
                        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
                    },
                    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
                    **overrides,
                ),
                translation.override(settings.LANGUAGE_CODE),
            ):
                ContentType.objects.clear_cache()
                if not Region.objects.exists():
                    _load_reference_data(apps)
                data = build()
        except BaseException:
            transaction.set_rollback(True)
            around.__exit__(None, None, None)
            raise
    try:
        yield data
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            around.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _database_matches_the_run(request):
    """A test marked `postgres` runs on PostgreSQL only; the run that wants PostgreSQL gets it."""
    if request.node.get_closest_marker("postgres") and "django_db" in request.fixturenames:
        assert connection.vendor == "postgresql", "this test is meant for the PostgreSQL run"
    if os.environ.get("REQUIRE_POSTGRES") == "true":
        assert connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def _plain_settings(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MAIL_DELIVERY = "on_commit"
    settings.SECURE_SSL_REDIRECT = False
    settings.MEDIA_ROOT = tmp_path / "media"  # posters and uploads never land in the checkout
    # Production's PBKDF2 costs a third of a second per user made and per password checked
    # (longer on a busy CI machine); the tests prove what the site does with a password, not
    # the hasher's cost, so they hash the quick way.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": str(tmp_path),
        }
    }


@pytest.fixture(autouse=True, scope="session")
def _static_folders_walked_once():
    """WhiteNoise walks every static folder and reads each file's headers whenever a middleware
    chain is built (WHITENOISE_USE_FINDERS): for each test client, 30 ms a time, about 800
    times a run. The folders do not change during a run, so each walk is done once for the
    settings it reads (a test collecting static files into a folder of its own walks anew) and
    a new chain gets the same files; what a chain serves and its headers stay as WhiteNoise
    made them."""
    from whitenoise.middleware import WhiteNoiseMiddleware

    walk = WhiteNoiseMiddleware.add_files_from_finders
    walked = {}

    def add_files_from_finders(self):
        key = repr(
            (
                type(self),
                self.static_prefix,
                self.max_age,
                self.allow_all_origins,
                self.charset,
                self.index_file,
                self.add_headers_function,
                [
                    (name, getattr(settings, name))
                    for name in dir(settings)
                    if name.startswith(("STATIC", "WHITENOISE_"))
                    or name in {"STORAGES", "INSTALLED_APPS", "DEBUG", "FORCE_SCRIPT_NAME"}
                ],
            )
        )
        if key not in walked:
            before = dict(self.files)
            walk(self)
            walked[key] = {
                url: found for url, found in self.files.items() if before.get(url) is not found
            }
        self.files.update(walked[key])

    WhiteNoiseMiddleware.add_files_from_finders = add_files_from_finders
    yield
    WhiteNoiseMiddleware.add_files_from_finders = walk


@pytest.fixture(autouse=True)
def _dutch_by_default():
    """A request under /en/ leaves English active in the thread: every test starts in Dutch,
    whichever test ran before it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests (browser, concurrency) flush the database after they run, which also
    wipes the reference data the data migrations loaded (regions, provinces, editions,
    vocabularies). Load it again before any test that finds it gone."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        yield
        return
    request.getfixturevalue("_django_db_helper")
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    # A content type created inside an earlier test's rolled-back transaction stays in the
    # process-wide cache with an id the database no longer has: an audit entry pointing at it
    # then failed its foreign key at commit (a browser test's 500 after the full suite's order).
    ContentType.objects.clear_cache()

    from estafette.relay.models import Region

    if not Region.objects.exists():
        _load_reference_data(apps)
    yield


def _load_reference_data(apps):
    import importlib

    for module in (
        "estafette.relay.migrations.0002_reference_data",
        "estafette.activities.migrations.0002_vocabularies",
    ):
        importlib.import_module(module).load(apps, None)


# The cast -------------------------------------------------------------------------------------


@pytest.fixture
def organisation(db):
    """A care provider in Overijssel (region oost)."""
    return OrganisationFactory(name="Zorggroep Twente")


@pytest.fixture
def organiser(organisation):
    """A member of Zorggroep Twente who registers activities."""
    user = VerifiedUserFactory(email="organisator@example.nl")
    MembershipFactory(user=user, organisation=organisation)
    return user


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


@pytest.fixture
def caller(db):
    """Another organiser in oost: the one who asks for partners on the board."""
    user = VerifiedUserFactory(email="zorg@example.nl")
    MembershipFactory(user=user, organisation=OrganisationFactory(name="Zorggroep Twente"))
    return user


@pytest.fixture
def partner_admin(db):
    """The admin of a library in Gelderland (also region oost): the partner organisers invite."""
    user = VerifiedUserFactory(email="bieb@example.nl")
    MembershipFactory(
        user=user,
        organisation=OrganisationFactory(
            name="Bibliotheek Arnhem",
            kind=Organisation.Kind.LIBRARY,
            province=Province.objects.get(code="NL-GE"),
        ),
    )
    return user


@pytest.fixture
def coordinator_oost(db):
    user = VerifiedUserFactory(email="coordinator-oost@example.nl")
    user.coordinated_regions.add(Region.objects.get(slug="oost"))
    return user


@pytest.fixture
def coordinator_west(db):
    user = VerifiedUserFactory(email="coordinator-west@example.nl")
    user.coordinated_regions.add(Region.objects.get(slug="west"))
    return user


@pytest.fixture
def coordinator_client(client, coordinator_oost):
    """Oost's coordinator, logged in with a second factor."""
    force_login_with_two_factor(client, coordinator_oost)
    return client


@pytest.fixture
def national_admin(db):
    """Staff of the national team."""
    return VerifiedUserFactory(email="landelijk@example.nl", is_staff=True)


@pytest.fixture
def site_admin(db):
    """Staff with every right in the Django admin (/beheer/)."""
    return UserFactory(email="beheer@example.nl", is_staff=True, is_superuser=True)


@pytest.fixture
def site_admin_client(client, site_admin):
    """The site admin, logged in with a second factor (the admin asks for one)."""
    force_login_with_two_factor(client, site_admin)
    return client


# The editions ---------------------------------------------------------------------------------

WEEKS_2027 = {"oost": (1, 5), "west": (8, 12), "noord": (15, 19), "zuid": (22, 26)}


@pytest.fixture
def open_edition(db):
    """2027, open for activities: four region weeks in February and a national opening."""
    edition, _ = Edition.objects.get_or_create(
        year=2027, defaults={"starts_on": dt.date(2027, 2, 1), "ends_on": dt.date(2027, 2, 26)}
    )
    for order, (slug, (first, last)) in enumerate(WEEKS_2027.items(), start=1):
        Stage.objects.get_or_create(
            edition=edition,
            region=Region.objects.get(slug=slug),
            defaults={
                "order": order,
                "starts_on": dt.date(2027, 2, first),
                "ends_on": dt.date(2027, 2, last),
            },
        )
    NationalMoment.objects.get_or_create(
        edition=edition, kind=NationalMoment.Kind.OPENING, date=dt.date(2027, 2, 1)
    )
    return edition


@pytest.fixture
def coming_edition(db):
    """Four weeks still to come, the first one starting a month from today."""
    first = local_date(timezone.now()) + dt.timedelta(days=30)
    edition = Edition.objects.create(
        year=2090, starts_on=first, ends_on=first + dt.timedelta(weeks=4)
    )
    for order, slug in enumerate(["oost", "west", "noord", "zuid"]):
        start = first + dt.timedelta(weeks=order)
        Stage.objects.create(
            edition=edition,
            region=Region.objects.get(slug=slug),
            order=order + 1,
            starts_on=start,
            ends_on=start + dt.timedelta(days=4),
        )
    return edition


@pytest.fixture
def oost_week(coming_edition):
    return coming_edition.stages.get(region__slug="oost")


LIVE_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def live_redis(settings):
    """The cache on a real Redis, as production has it (the suite otherwise runs on the memory
    cache): for what only Redis does, such as reading the versions of a cached page
    (`DegradingRedisCache.get_counters`). Each test's keys sit under a prefix of its own and
    are removed after it. Without a Redis the test is skipped, except in CI."""
    import redis

    client = redis.Redis.from_url(LIVE_REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true: Redis at {LIVE_REDIS_URL} does not answer ({error})")
        pytest.skip(f"no Redis at {LIVE_REDIS_URL}")
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "estafette.core.redis_cache.DegradingRedisCache",
            "LOCATION": LIVE_REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    yield
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a service as a request runs it: its after-commit work (the cache bump) happens."""

    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run
