"""The front cache: anonymous GETs of cached public pages answered before Django's stack.

`cache_public_page` marks the responses it may cache (X-Cache: miss or hit). This WSGI layer
keeps the finished response of such a page — status, every header the middleware added (CSP,
security headers, CORS, ETag) and body — under the current public version, and answers the
next identical request from it without running middleware, URL resolving or the view. The
version in the key keeps it exactly as fresh as the page cache: any public change bumps it.

Left to Django: other methods, requests with a session cookie (they may be logged in),
conditional requests (Django answers 304) and anything the view did not mark as cacheable.
"""

import hashlib
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache

from estafette.core.caching import public_version

MARK = "X-Cache"
LOCAL_PAGES = 256  # per process: the pages of the current version it served last
# As long as the Cache-Control max-age the pages carry: pages that change with the clock
# alone (who is on turn on the home page) are never older than that.
TIMEOUT = 60


def _eligible(environ) -> bool:
    return (
        environ.get("REQUEST_METHOD") == "GET"
        and settings.SESSION_COOKIE_NAME not in environ.get("HTTP_COOKIE", "")
        and "HTTP_IF_NONE_MATCH" not in environ
        and "HTTP_IF_MODIFIED_SINCE" not in environ
    )


def _key(environ) -> str:
    # The language is in the path (/en/...), so the address alone names the page.
    address = f"{environ.get('PATH_INFO', '')}?{environ.get('QUERY_STRING', '')}"
    return f"front:{public_version()}:{hashlib.sha256(address.encode('latin-1')).hexdigest()}"


class FrontCache:
    def __init__(self, application):
        self.application = application
        # A copy in this process spares fetching and unpickling the page from the shared
        # cache; the key still holds the shared public version, read on every request.
        self.local = OrderedDict()

    def _get(self, key):
        now = time.time()
        stored = self.local.get(key)
        if stored is None or stored[0] < now:
            stored = cache.get(key)
            if stored is None or stored[0] < now:  # the stamp, not the backend, decides
                return None
            self._keep(key, stored)
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
        key = _key(environ)
        stored = self._get(key)
        if stored is not None:
            _expires, status, headers, body = stored
            start_response(status, [*headers, (MARK, "front")])
            return [body]
        seen = {}

        def remember(status, headers, exc_info=None):
            seen["status"], seen["headers"] = status, headers
            return start_response(status, headers, exc_info)

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
        kept = [(name, value) for name, value in headers if name != MARK]
        stored = (time.time() + TIMEOUT, seen["status"], kept, body)
        cache.set(key, stored, TIMEOUT)
        self._keep(key, stored)
        return [body]
