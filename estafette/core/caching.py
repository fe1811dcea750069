"""Caching of anonymous public pages, invalidated as a whole when public data changes.

Every cached response's key holds the current "public version"; any change to what the public
sees (an activity approved, edited, cancelled, a seat taken) bumps the version after commit, so
no visitor ever gets a stale agenda. Responses that touched the session or carry cookies are
never cached (Django's own rule; keep public pages free of csrf_token and session use).
"""

import hashlib
from functools import wraps

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

VERSION_KEY = "public-version"
CHANGED_AT_KEY = "public-changed-at"
DEFAULT_TIMEOUT = 300


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


def _key(request) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{public_version()}:{get_language()}:{request.method}:{path}"


def cache_public_page(view=None, *, timeout: int = DEFAULT_TIMEOUT):
    """Serve anonymous GET/HEAD responses from the cache; others pass through untouched."""

    def decorator(func):
        @wraps(func)
        def wrapper(request, *args, **kwargs):
            cacheable = request.method in ("GET", "HEAD") and not request.user.is_authenticated
            if not cacheable:
                return func(request, *args, **kwargs)
            key = _key(request)
            response = cache.get(key)
            if response is not None:
                response["X-Cache"] = "hit"
                return response
            response = func(request, *args, **kwargs)
            if (
                response.status_code == 200
                and not response.cookies
                and not getattr(response, "streaming", False)
            ):
                if hasattr(response, "render") and callable(response.render):
                    response = response.render()
                patch_vary_headers(response, ["Accept-Language"])
                patch_cache_control(response, public=True, max_age=60)
                cache.set(key, response, timeout)
                response["X-Cache"] = "miss"
            return response

        return wrapper

    return decorator(view) if view is not None else decorator
