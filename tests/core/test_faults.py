"""Issue 10, finding 5: the site keeps serving without Redis; without its database it says so.

Redis "down" is a Redis URL at a port where nothing listens; the database "down" is the test
database's connection pointed at a place that refuses (a closed port for PostgreSQL, a file in a
folder that does not exist for SQLite). The health endpoints report both.
"""

import logging

import pytest

from estafette.signups.models import Signup
from estafette.wsgi import application
from tests.core.test_frontcache import call
from tests.factories import ActivityFactory, VerifiedUserFactory
from tests.faults import closed_port, refusing_database
from tests.signups.conftest import form_data, future_activity


@pytest.fixture
def redis_down(settings):
    settings.REDIS_URL = f"redis://127.0.0.1:{closed_port()}/2"
    settings.CACHES = {
        "default": {
            "BACKEND": "estafette.core.redis_cache.DegradingRedisCache",
            "LOCATION": settings.REDIS_URL,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.SIGNUP_MIN_SECONDS = 0
    settings.SITE_URL = "http://testserver"
    application.local.clear()
    yield
    application.local.clear()  # pages kept while the shared version was unknown


@pytest.mark.django_db
@pytest.mark.usefixtures("redis_down")
def test_without_redis_pages_front_cache_robots_and_health_still_answer(client, caplog):
    ActivityFactory(title="Beweegroute zonder Redis")
    with caplog.at_level(logging.WARNING, logger="estafette.core.redis_cache"):
        assert client.get("/robots.txt").status_code == 200
        page = client.get("/agenda/", {"edition": "2023"})
        assert page.status_code == 200
        assert "Beweegroute zonder Redis" in page.content.decode()
        for _attempt in range(2):  # the front cache in the WSGI layer steps aside
            status, _headers, body = call("/agenda/", "edition=2023")
            assert status.startswith("200") and b"Beweegroute zonder Redis" in body
        assert client.get("/health/live").json() == {"status": "ok"}
        ready = client.get("/health/ready")
    # Still serving, so still ready for a load balancer; the answer says what is missing.
    assert ready.status_code == 200
    assert ready.json() == {"status": "degraded", "database": "ok", "redis": "unavailable"}
    warnings = [r for r in caplog.records if r.name == "estafette.core.redis_cache"]
    assert len(warnings) == 1  # one warning per outage, not one per cache call
    assert "Redis does not answer" in warnings[0].getMessage()


@pytest.mark.django_db
@pytest.mark.usefixtures("redis_down")
def test_without_redis_sessions_survive_and_sign_ups_work(client):
    user = VerifiedUserFactory()
    client.force_login(user)
    assert client.get("/mijn/").status_code == 200  # the session came from the database
    activity = future_activity(capacity=3)
    for email in ("anna@example.nl", "bram@example.nl"):  # rate limits degrade, never refuse
        data = form_data(client, activity, email=email)
        assert client.post(f"/activiteit/{activity.pk}/aanmelden/", data).status_code == 302
    assert Signup.objects.filter(activity=activity).count() == 2


@pytest.fixture
def database_down(django_db_blocker, tmp_path):
    with django_db_blocker.unblock(), refusing_database(tmp_path):
        yield


@pytest.mark.usefixtures("database_down")
@pytest.mark.parametrize("path", ["/", "/agenda/?edition=2023", "/en/agenda/?edition=2023"])
def test_without_the_database_pages_are_a_dutch_503_with_retry_after(client, path):
    client.raise_request_exception = False
    response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    if path.startswith("/en/"):
        assert "Temporarily unavailable" in html
    else:
        assert '<html lang="nl">' in html
        assert "Even niet beschikbaar" in html and "Er is niets verloren gegaan." in html


@pytest.mark.usefixtures("database_down")
def test_without_the_database_the_api_answers_json_503_and_readiness_says_so(client):
    client.raise_request_exception = False
    response = client.get("/api/v1/activities?edition=2023")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "Probeer het over een minuut opnieuw" in response.json()["detail"]
    assert client.get("/health/live").status_code == 200
    ready = client.get("/health/ready")
    assert ready.status_code == 503 and ready.json()["database"] == "unavailable"
