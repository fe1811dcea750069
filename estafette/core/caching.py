"""Caching of anonymous public pages, refreshed exactly when what they show changes.

A cached page remembers the versions of what it shows: always the global version, and either
the version of the edition(s) it is about (`page_shows_edition`) or, when it said nothing, the
version of "any edition". A service that changes what the public sees calls
`bump_public_version` inside its transaction; after commit it bumps the edition's version (and
"any edition"), or with no edition the global version, so the pages that can show the change
are refreshed at once and the pages of other editions stay warm. A stored page whose versions
no longer match is not served.

Places are finer: a page that shows the places left (or the waiting list) of some activities
says so (`page_shows_places`) and also remembers each one's places version; a sign-up bumps
only that (`bump_places_version`), and the edition's version only when the activity changes
between having places and being full (which the agenda's places filter and its count show).
Pages that show sign-up totals remember the version of the sign-ups they sum
(`page_shows_signup_totals`): all (the figures), an edition's or a stage's (its region page).

Responses that touched the session or carry cookies are never cached (Django's own rule; keep
public pages free of csrf_token and session use).
"""

import contextvars
import hashlib
import json
import time
from functools import wraps
from urllib.parse import urlencode

from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

# Sent once a public change is committed and its pages' versions are bumped, with the
# `edition_id` it changed (None: any). The agenda counts again what it keeps of the changed
# editions, so that the next visitor does not wait for it (agenda/tallies.py).
public_changed = Signal()

VERSION_KEY = "public-version"
ANY_EDITION_KEY = "public-version:any-edition"
SIGNUPS_KEY = "public-version:signups"  # any activity's places or waiting list
CHANGED_AT_KEY = "public-changed-at"
DEFAULT_TIMEOUT = 300
# The query parameters of the cached public pages. An address with any other parameter is
# answered fresh and never stored, so junk parameters cannot grow the cache; the rest are put in
# one order, so ?a=1&b=2 and ?b=2&a=1 share a page. Each app adds the names its cached pages
# read when it is ready (the agenda: its filter form's fields, which the API documents too).
CACHED_PARAMETERS: set[str] = set()


def cache_parameters(*names: str) -> None:
    """Cached pages may be stored under addresses with these query parameters."""
    CACHED_PARAMETERS.update(names)


# The versions a cached page depends on, for the front cache (stripped before it answers).
DEPENDS_HEADER = "X-Cache-Depends"

_page_versions: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "public_page_versions", default=None
)


def edition_key(edition_id) -> str:
    return f"public-version:edition:{edition_id}"


def places_key(activity_id) -> str:
    return f"public-version:places:{activity_id}"


def signups_key(*, edition_id=None, stage_id=None) -> str:
    """The version of the sign-ups of a stage, else of an edition, else of all."""
    if stage_id is not None:
        return f"{SIGNUPS_KEY}:stage:{stage_id}"
    if edition_id is not None:
        return f"{SIGNUPS_KEY}:edition:{edition_id}"
    return SIGNUPS_KEY


def versions(keys) -> dict[str, int]:
    """The current value of each version key. A missing one (new or evicted) starts from the
    clock, so it never repeats a value an old stored page remembers."""
    keys = list(keys)
    # Redis reads them without get_many's per-key work (estafette/core/redis_cache.py); the
    # memory cache of tests and laptops has no such method.
    read = getattr(cache, "get_counters", None) or cache.get_many
    found = read(keys)
    for key in keys:
        if key not in found:
            cache.add(key, time.time_ns() // 1000, timeout=None)
            found[key] = cache.get(key)
    return found


def public_version() -> str:
    """Changes with every public change, of any edition (for ETags and other whole-site keys)."""
    current = versions([VERSION_KEY, ANY_EDITION_KEY])
    return f"{current[VERSION_KEY]}.{current[ANY_EDITION_KEY]}"


def _incr(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, time.time_ns() // 1000, timeout=None)


def bump_public_version(*, edition_id=None) -> None:
    """Call inside the transaction that changes what the public sees; the bump happens after
    commit. With `edition_id` only that edition's pages (and pages over all editions) are
    refreshed; without, every public page is."""

    def bump():
        if edition_id is None:
            _incr(VERSION_KEY)
        else:
            _incr(edition_key(edition_id))
            _incr(ANY_EDITION_KEY)
        cache.set(CHANGED_AT_KEY, timezone.now().replace(microsecond=0), timeout=None)
        # What a receiver fails to do the pages do when shown: Django logs its error, which
        # is never the change's (that is committed).
        public_changed.send_robust(sender=None, edition_id=edition_id)

    transaction.on_commit(bump)


def bump_places_version(*, activity_id, edition_id, stage_id, full_changed: bool) -> None:
    """Call inside the transaction that changes an activity's places or waiting list; after
    commit the pages showing them (or sign-up totals of its stage, edition, all) are
    refreshed, and the pages of its edition only when it went from having places to full or
    back (`full_changed`)."""

    def bump():
        _incr(places_key(activity_id))
        _incr(SIGNUPS_KEY)
        _incr(signups_key(edition_id=edition_id))
        if stage_id is not None:
            _incr(signups_key(stage_id=stage_id))
        if full_changed:
            _incr(edition_key(edition_id))
            _incr(ANY_EDITION_KEY)
        cache.set(CHANGED_AT_KEY, timezone.now().replace(microsecond=0), timeout=None)

    transaction.on_commit(bump)


def page_shows_places(activity_ids) -> None:
    """The page being rendered shows the places left or waiting list of these activities: call
    it before reading them, so a sign-up committed meanwhile makes the stored page old. Outside
    a cached page it does nothing."""
    remembered = _page_versions.get()
    if remembered is not None:
        remembered.update(versions(places_key(pk) for pk in activity_ids if pk is not None))


def page_shows_signup_totals(*, edition_id=None, stage_id=None) -> None:
    """The page being rendered shows figures summed over sign-ups: of a stage (a region
    page), of an edition, or of all (the figures page and API). Call it before reading them."""
    remembered = _page_versions.get()
    if remembered is not None:
        remembered.update(versions([signups_key(edition_id=edition_id, stage_id=stage_id)]))


def page_shows_edition(edition_id) -> None:
    """The page being rendered shows activities of this edition only (call it before reading
    them): it stays cached when other editions change. Outside a cached page it does nothing."""
    remembered = _page_versions.get()
    if remembered is not None and edition_id is not None:
        remembered.update(versions([edition_key(edition_id)]))
        remembered.pop(ANY_EDITION_KEY, None)


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
    return f"page:{get_language()}:{request.method}:{digest}"


def is_current(depends: dict[str, int]) -> bool:
    return bool(depends) and versions(depends) == depends


def _render(func, request, *args, **kwargs):
    """Run the view, noting the versions it depends on (read before it reads the database, so a
    change committed meanwhile makes the stored page old, never a stale page current)."""
    remembered = versions([VERSION_KEY, ANY_EDITION_KEY])
    token = _page_versions.set(remembered)
    try:
        response = func(request, *args, **kwargs)
    finally:
        _page_versions.reset(token)
    return response, remembered


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
            stored = cache.get(key)
            if stored is not None and is_current(stored[0]):
                depends, response = stored
                response["X-Cache"] = "hit"
                response[DEPENDS_HEADER] = json.dumps(depends)
                return response
            response, depends = _render(func, request, *args, **kwargs)
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
                cache.set(key, (depends, response), timeout)
                response["X-Cache"] = "miss"
                response[DEPENDS_HEADER] = json.dumps(depends)
            return response

        return wrapper

    return decorator(view) if view is not None else decorator
