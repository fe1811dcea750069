"""Caching of anonymous public pages, invalidated as a whole when public data changes.

Every cached response's key holds the current "public version"; any change to what the public
sees (an activity approved, edited, cancelled, a seat taken) bumps the version after commit, so
no visitor ever gets a stale agenda. Responses that touched the session or carry cookies are
never cached (Django's own rule; keep public pages free of csrf_token and session use).
"""

import hashlib
from functools import wraps
from urllib.parse import urlencode

from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

VERSION_KEY = "public-version"
CHANGED_AT_KEY = "public-changed-at"
DEFAULT_TIMEOUT = 300
# The query parameters of the cached public pages (agenda, feeds, API, widget, figures). An
# address with any other parameter is answered fresh and never stored, so junk parameters
# cannot grow the cache; the rest are put in one order, so ?a=1&b=2 and ?b=2&a=1 share a page.
CACHED_PARAMETERS = frozenset(
    [
        "edition",
        "region",
        "province",
        "from",
        "to",
        "theme",
        "type",
        "audience",
        "format",
        "interactive",
        "signup",
        "has_places",
        "organisation",
        "q",
        "near",
        "radius_km",
        "sort",
        "page",
        "view",
        "day",
        "grid",
        "kaart",
        "at",
        "postcode",
    ]
)


def public_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_public_version() -> None:
    """Call inside the transaction that changes public data; the bump happens after commit."""

    def bump():
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, 2, timeout=None)
        cache.set(CHANGED_AT_KEY, timezone.now().replace(microsecond=0), timeout=None)

    transaction.on_commit(bump)


def public_changed_at():
    """When public data last changed (as far as this cache knows): Last-Modified of public pages."""
    changed = cache.get(CHANGED_AT_KEY)
    if changed is None:
        changed = timezone.now().replace(microsecond=0)
        cache.add(CHANGED_AT_KEY, changed, timeout=None)
    return changed


def cache_address(scheme: str, host: str, path: str, query) -> str | None:
    """The normalised address a cached page is stored under (query: a QueryDict), or None
    when the query has a parameter no cached page reads."""
    if any(name not in CACHED_PARAMETERS for name in query):
        return None
    return f"{scheme}://{host}{path}?{urlencode(sorted(query.lists()), doseq=True)}"


def carries_visitor_state(request) -> bool:
    """Whether this request brings something of one visitor (flash messages in a cookie)."""
    return CookieStorage.cookie_name in request.COOKIES


def is_personal(request, response) -> bool:
    """Whether this answer belongs to one visitor: it sets a cookie, changed the session or
    shows flash messages ("U bent nu ingelogd als ..."). Checked when the view returns, before
    the middleware turns messages and sessions into cookies, so the cookies alone do not tell."""
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return (
        bool(response.cookies)
        or (session is not None and session.modified)
        or (messages is not None and len(messages) > 0)
    )


def _key(request) -> str | None:
    address = cache_address(request.scheme, request.get_host(), request.path, request.GET)
    if address is None:
        return None
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page:{public_version()}:{get_language()}:{request.method}:{digest}"


def cache_public_page(view=None, *, timeout: int = DEFAULT_TIMEOUT):
    """Serve anonymous GET/HEAD responses from the cache; others pass through untouched."""

    def decorator(func):
        @wraps(func)
        def wrapper(request, *args, **kwargs):
            cacheable = (
                request.method in ("GET", "HEAD")
                and not request.user.is_authenticated
                and not carries_visitor_state(request)
            )
            key = _key(request) if cacheable else None
            if key is None:
                return func(request, *args, **kwargs)
            response = cache.get(key)
            if response is not None:
                response["X-Cache"] = "hit"
                return response
            response = func(request, *args, **kwargs)
            if (
                response.status_code == 200
                and not is_personal(request, response)
                and not getattr(response, "streaming", False)
            ):
                if hasattr(response, "render") and callable(response.render):
                    response = response.render()
                patch_vary_headers(response, ["Accept-Language"])
                if not response.has_header("Last-Modified"):  # when this copy was made
                    response["Last-Modified"] = http_date()
                patch_cache_control(response, public=True, max_age=60)
                cache.set(key, response, timeout)
                response["X-Cache"] = "miss"
            return response

        return wrapper

    return decorator(view) if view is not None else decorator
