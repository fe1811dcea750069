"""The front cache answers repeat anonymous GETs of cached pages with the full response."""

import io

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from estafette.core.caching import bump_public_version
from estafette.wsgi import application
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def call(path, query="", method="GET", **extra):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        **extra,
    }
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)

    # As Django's test client does: the test's database connection must outlive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = application(environ, start_response)
        body = b"".join(result)
        if hasattr(result, "close"):
            result.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return seen["status"], seen["headers"], body


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    application.local.clear()  # the process's own copies too
    yield
    application.local.clear()


def test_a_repeat_visit_is_answered_in_front_with_every_header_and_the_same_body():
    activity = ActivityFactory()
    status, first, body = call("/agenda/", "edition=2023")
    assert status.startswith("200") and first["X-Cache"] == "miss"
    status, again, same = call("/agenda/", "edition=2023")
    assert again["X-Cache"] == "front" and same == body
    assert f'data-activity-id="{activity.pk}"'.encode() in same
    for header in (
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Cache-Control",
        "Content-Type",
    ):
        assert again[header] == first[header]


def test_a_public_change_is_seen_at_once(django_capture_on_commit_callbacks):
    call("/agenda/", "edition=2023")
    assert call("/agenda/", "edition=2023")[1]["X-Cache"] == "front"
    with django_capture_on_commit_callbacks(execute=True):
        bump_public_version()
    status, headers, _body = call("/agenda/", "edition=2023")
    assert headers["X-Cache"] == "miss"


def test_sessions_posts_and_uncacheable_pages_go_to_django():
    call("/agenda/", "edition=2023")
    with_session = call("/agenda/", "edition=2023", HTTP_COOKIE="sessionid=abc")[1]
    assert with_session.get("X-Cache") != "front"
    call("/account/login/")
    assert call("/account/login/")[1].get("X-Cache") != "front"  # never marked cacheable
    assert call("/agenda/", "edition=2023", method="HEAD")[1].get("X-Cache") != "front"


def test_a_stored_page_is_not_served_after_its_max_age(monkeypatch):
    from estafette.core import frontcache

    call("/agenda/", "edition=2023")
    assert call("/agenda/", "edition=2023")[1]["X-Cache"] == "front"
    later = frontcache.time.time() + frontcache.TIMEOUT + 1
    monkeypatch.setattr(frontcache.time, "time", lambda: later)
    assert call("/agenda/", "edition=2023")[1].get("X-Cache") != "front"


# Issue 10, finding 7: the front cache keeps to the rules of the rest of the stack.


def stored_pages() -> int:
    return sum(1 for key in cache._cache if ":front:" in key or ":page:" in key)


def test_a_host_outside_allowed_hosts_is_refused_also_when_the_page_is_stored():
    call("/agenda/", "edition=2023")
    assert call("/agenda/", "edition=2023")[1]["X-Cache"] == "front"
    status, headers, _body = call("/agenda/", "edition=2023", HTTP_HOST="evil.example")
    assert status.startswith("400") and headers.get("X-Cache") != "front"


@pytest.fixture
def https_required(settings):
    """HTTPS=true: the middleware reads the setting when the stack is built."""
    from estafette.wsgi import django_application

    settings.SECURE_SSL_REDIRECT = True
    django_application.load_middleware()
    yield
    settings.SECURE_SSL_REDIRECT = False
    django_application.load_middleware()


@pytest.mark.usefixtures("https_required")
def test_plain_http_is_redirected_to_https_also_when_the_page_is_stored():
    secure = {"wsgi.url_scheme": "https", "SERVER_PORT": "443"}
    call("/agenda/", "edition=2023", **secure)
    assert call("/agenda/", "edition=2023", **secure)[1]["X-Cache"] == "front"
    status, headers, _body = call("/agenda/", "edition=2023")
    assert status.startswith("301")
    assert headers["Location"] == "https://testserver/agenda/?edition=2023"


def _flash_cookie(text: str) -> str:
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest

    encoded = CookieStorage(HttpRequest())._encode([Message(constants.SUCCESS, text)])
    return f"messages={encoded}"


def test_a_page_with_a_visitors_flash_message_is_never_served_to_a_stranger(client):
    # The view's page cache stored the page before the middleware cleared the message cookie.
    client.cookies.load(_flash_cookie("U bent nu ingelogd als Anna de Vries"))
    own = client.get("/agenda/", {"edition": "2023"})
    assert "U bent nu ingelogd als Anna de Vries" in own.content.decode()
    # The same through the front cache, which also sees the cookie.
    status, _headers, body = call(
        "/agenda/", "edition=2023", HTTP_COOKIE=_flash_cookie("U bent nu ingelogd als Bram")
    )
    assert "U bent nu ingelogd als Bram" in body.decode()
    for _attempt in range(2):
        status, _headers, body = call("/agenda/", "edition=2023")
        assert status.startswith("200")
        assert "ingelogd als" not in body.decode()


def test_junk_parameters_do_not_grow_the_cache_and_parameter_order_does_not_matter():
    call("/agenda/", "edition=2023&region=oost")
    assert call("/agenda/", "region=oost&edition=2023")[1]["X-Cache"] == "front"
    before = stored_pages()
    for n in range(20):
        status, headers, _body = call("/agenda/", f"edition=2023&utm_junk={n}")
        assert status.startswith("200") and "X-Cache" not in headers
    assert stored_pages() == before


def test_a_conditional_repeat_gets_its_304_in_front_and_a_changed_one_the_page():
    ActivityFactory()
    _, first, body = call("/agenda/", "edition=2023")
    status, headers, empty = call("/agenda/", "edition=2023", HTTP_IF_NONE_MATCH=first["ETag"])
    assert (status, headers["X-Cache"], empty) == ("304 Not Modified", "front", b"")
    assert headers["ETag"] == first["ETag"] and "Content-Type" not in headers
    since = call("/agenda/", "edition=2023", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since[0] == "304 Not Modified" and since[1]["X-Cache"] == "front"
    other = call("/agenda/", "edition=2023", HTTP_IF_NONE_MATCH='"something-else"')
    assert other[0].startswith("200") and other[2] == body


def test_gzipped_and_plain_copies_are_kept_apart():
    ActivityFactory()
    call("/agenda/", "edition=2023", HTTP_ACCEPT_ENCODING="gzip")
    _, zipped, _ = call("/agenda/", "edition=2023", HTTP_ACCEPT_ENCODING="gzip")
    _, plain, body = call("/agenda/", "edition=2023")
    assert zipped["Content-Encoding"] == "gzip" and zipped["X-Cache"] == "front"
    assert "Content-Encoding" not in plain and body.lstrip().startswith(b"<!")
