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

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIRequest

from estafette.core.caching import DEFAULT_TIMEOUT, public_version

MARK = "X-Cache"


def _eligible(environ) -> bool:
    return (
        environ.get("REQUEST_METHOD") == "GET"
        and settings.SESSION_COOKIE_NAME not in environ.get("HTTP_COOKIE", "")
        and "HTTP_IF_NONE_MATCH" not in environ
        and "HTTP_IF_MODIFIED_SINCE" not in environ
    )


def _key(environ) -> str:
    # The language is in the path (/en/...), so the address alone names the page.
    path = WSGIRequest(environ).get_full_path()
    return f"front:{public_version()}:{hashlib.sha256(path.encode()).hexdigest()}"


class FrontCache:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if not _eligible(environ):
            return self.application(environ, start_response)
        key = _key(environ)
        stored = cache.get(key)
        if stored is not None:
            status, headers, body = stored
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
        cache.set(key, (seen["status"], kept, body), DEFAULT_TIMEOUT)
        return [body]
