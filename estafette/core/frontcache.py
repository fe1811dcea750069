"""The front cache: anonymous GETs of cached public pages answered before Django's stack.

`cache_public_page` marks the responses it may cache (X-Cache: miss or hit). This WSGI layer
keeps the finished response of such a page — status, every header the middleware added (CSP,
security headers, CORS, ETag) and body, with the versions the page depends on (see
`core.caching`), and answers the next identical request from it while they are current, without
running middleware, URL resolving or the view: exactly as fresh as the page cache.

Left to Django: other methods, requests with a session or flash-message cookie (they may be
logged in, or have a message waiting), a host not in
ALLOWED_HOSTS (Django answers 400), plain HTTP when HTTPS is required (Django redirects),
addresses with a parameter no cached page reads, and anything the view did not mark as
cacheable. Pages are stored under the scheme, host, path and the query in one order, gzipped
and plain copies apart. A conditional request matching a stored page gets its 304 here.

Without its shared cache (Redis away) the front cache steps aside: Django answers.
"""

import hashlib
import json
import logging
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.utils.http import parse_http_date_safe

from estafette.core.caching import (
    DEPENDS_HEADER,
    cache_address,
    carries_visitor_state,
    is_current,
)

logger = logging.getLogger(__name__)

MARK = "X-Cache"
LOCAL_PAGES = 256  # per process: the pages of the current version it served last
# As long as the Cache-Control max-age the pages carry: pages that change with the clock
# alone (who is on turn on the home page) are never older than that.
TIMEOUT = 60


def _eligible(environ) -> bool:
    return environ.get("REQUEST_METHOD") == "GET"


def _key(environ) -> str | None:
    """The key of this request's page, or None when Django must answer it itself. The host
    and scheme are checked by Django's own rules (ALLOWED_HOSTS, SECURE_PROXY_SSL_HEADER)."""
    request = WSGIRequest(dict(environ))  # a copy: WSGIRequest rewrites PATH_INFO in place
    if settings.SESSION_COOKIE_NAME in request.COOKIES or carries_visitor_state(request):
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    if settings.SECURE_SSL_REDIRECT and not request.is_secure():
        return None
    # The language is in the path (/en/...), so the address names the page.
    address = cache_address(request.scheme, host, request.path_info, request.GET)
    if address is None:
        return None
    if "gzip" in environ.get("HTTP_ACCEPT_ENCODING", ""):
        address += "#gzip"
    return f"front:{hashlib.sha256(address.encode()).hexdigest()}"


def not_modified(environ, headers) -> bool:
    """RFC 9110 13.1: If-None-Match decides when sent (weak comparison), else If-Modified-Since."""
    wanted = environ.get("HTTP_IF_NONE_MATCH")
    if wanted is None and "HTTP_IF_MODIFIED_SINCE" not in environ:
        return False  # most requests: no dates to parse on a hit
    stored = {name.lower(): value for name, value in headers}
    if wanted is not None:
        etag = stored.get("etag", "").removeprefix("W/")
        tags = [tag.strip().removeprefix("W/") for tag in wanted.split(",")]
        return bool(etag) and ("*" in tags or etag in tags)
    since = parse_http_date_safe(environ.get("HTTP_IF_MODIFIED_SINCE", ""))
    modified = parse_http_date_safe(stored.get("last-modified", ""))
    return since is not None and modified is not None and modified <= since


class FrontCache:
    def __init__(self, application):
        self.application = application
        # A copy in this process spares fetching and unpickling the page from the shared
        # cache; the shared versions it depends on are still read on every request.
        self.local = OrderedDict()

    def _get(self, key):
        now = time.time()
        stored = self.local.get(key)
        if stored is None or stored[0] < now:
            stored = cache.get(key)
            if stored is None or stored[0] < now:  # the stamp, not the backend, decides
                return None
            self._keep(key, stored)
        if not is_current(stored[1]):
            return None
        return stored

    def _keep(self, key, stored):
        self.local[key] = stored
        while len(self.local) > LOCAL_PAGES:
            try:
                self.local.popitem(last=False)
            except KeyError:  # another thread emptied it first
                break

    def __call__(self, environ, start_response):
        if not _eligible(environ):
            return self.application(environ, start_response)
        try:
            key = _key(environ)
            stored = self._get(key) if key is not None else None
        except Exception:  # the shared cache is away: never an error before Django
            logger.warning("Front cache unavailable; passing the request on", exc_info=True)
            key = stored = None
        if key is None:
            return self.application(environ, start_response)
        if stored is not None:
            _expires, _depends, status, headers, body = stored
            if not_modified(environ, headers):
                kept = [(n, v) for n, v in headers if not n.lower().startswith("content-")]
                start_response("304 Not Modified", [*kept, (MARK, "front")])
                return [b""]
            start_response(status, [*headers, (MARK, "front")])
            return [body]
        seen = {}

        def remember(status, headers, exc_info=None):
            seen["status"], seen["headers"] = status, headers
            public = [(name, value) for name, value in headers if name != DEPENDS_HEADER]
            return start_response(status, public, exc_info)

        result = self.application(environ, remember)
        headers = seen.get("headers", [])
        marked = any(name == MARK and value in ("miss", "hit") for name, value in headers)
        if (
            not marked
            or not seen["status"].startswith("200")
            or any(name.lower() == "set-cookie" for name, _value in headers)
            or getattr(result, "streaming", False)
        ):
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        kept = [(name, value) for name, value in headers if name not in (MARK, DEPENDS_HEADER)]
        depends = json.loads(dict(headers).get(DEPENDS_HEADER, "{}"))
        stored = (time.time() + TIMEOUT, depends, seen["status"], kept, body)
        try:
            cache.set(key, stored, TIMEOUT)
        except Exception:
            logger.warning("Front cache unavailable; page not stored", exc_info=True)
        else:
            self._keep(key, stored)
        return [body]
