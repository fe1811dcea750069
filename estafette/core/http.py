"""HTTP helpers for public, read-only responses: conditional GET, open CORS, HEAD and OPTIONS,
and compression that never touches personal pages."""

import hashlib

from django.conf import settings
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.translation import get_language
from django.views.decorators.http import condition

from estafette.core.caching import (
    SIGNUPS_KEY,
    places_key,
    public_changed_at,
    public_version,
    versions,
)

OPEN_DATA_SUFFIXES = (".ics", ".rss", ".atom", ".csv")


# Old links and forms said ja/nee: still read, never written.
_BOOLEANS = {"true": True, "false": False, "ja": True, "nee": False}


def parse_bool(value: str | None) -> bool | None:
    """ "true" or "false" (the one spelling we write), None for anything else."""
    return _BOOLEANS.get((value or "").strip().lower())


def query_value(query, name: str, *, old: str, default: str = "") -> str:
    """A query parameter by its one (English) name, else by the Dutch name old links carry."""
    return query.get(name) or query.get(old) or default


def _etag_func(depends):
    """The ETag of a page from the public version and the versions of what `depends(kwargs)`
    names (the places of an activity, all sign-ups), which a sign-up bumps without the rest."""

    def etag(request, *args, **kwargs) -> str:
        extra = sorted(versions(depends(kwargs)).items()) if depends else ""
        raw = f"{public_version()}:{extra}:{get_language()}:{request.get_full_path()}"
        return hashlib.sha256(raw.encode()).hexdigest()[:32]

    return etag


def _last_modified(request, *args, **kwargs):
    return public_changed_at()  # sign-ups move it too


def conditional_public(view=None, *, depends=None):
    """ETag and Last-Modified from the public version: a 304 costs no database query. A page
    that also shows what a sign-up changes names those versions (`places_of`, `signup_totals`)."""

    def decorator(func):
        return condition(etag_func=_etag_func(depends), last_modified_func=_last_modified)(func)

    return decorator(view) if view is not None else decorator


def places_of(name: str):
    """For `conditional_public(depends=...)`: the places of the activity in URL argument `name`."""

    def depends(kwargs) -> list[str]:
        value = str(kwargs.get(name, ""))
        return [places_key(int(value))] if value.isdigit() and len(value) < 20 else []

    return depends


def signup_totals(kwargs) -> list[str]:
    """For `conditional_public(depends=...)`: the figures summed over all sign-ups."""
    return [SIGNUPS_KEY]


def with_query(url: str, query: str) -> str:
    """The address with its query string, without a bare '?' when there is none."""
    return f"{url}?{query}" if query else url


def webcal_address(path: str) -> str:
    """The webcal: address of a calendar feed: a click opens the visitor's calendar app, which
    subscribes instead of downloading once."""
    return "webcal://" + settings.SITE_URL.split("://", 1)[-1] + path


def is_open_data(path: str) -> bool:
    return path.startswith("/api/v1/") or path.endswith(OPEN_DATA_SUFFIXES)


CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Expose-Headers": "ETag, Last-Modified",
}


class OpenDataCorsMiddleware:
    """Anyone may read the open data from a browser: CORS is open for GET and HEAD, and a
    preflight (a cross-origin fetch sending If-None-Match or If-Modified-Since) passes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        open_data = is_open_data(request.path)
        if (
            open_data
            and request.method == "OPTIONS"
            and "access-control-request-method" in request.headers
        ):
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Headers"] = (
                "If-None-Match, If-Modified-Since, Accept, Accept-Language"
            )
            response["Access-Control-Max-Age"] = "86400"
            response["Allow"] = CORS_HEADERS["Access-Control-Allow-Methods"]
        else:
            response = self.get_response(request)
        if request.method in ("GET", "HEAD", "OPTIONS") and open_data:
            for name, value in CORS_HEADERS.items():
                response[name] = value
        return response


class HttpMethodsMiddleware:
    """HEAD is a GET without its body, and OPTIONS says which methods an address takes,
    on every address (views only need to know GET and POST)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "HEAD":
            request.method = request.META["REQUEST_METHOD"] = "GET"
            response = self.get_response(request)
            request.method = request.META["REQUEST_METHOD"] = "HEAD"
            if not getattr(response, "streaming", False):
                response["Content-Length"] = str(len(response.content))
                response.content = b""
            else:
                response.streaming_content = []
            return response
        if request.method != "OPTIONS":
            return self.get_response(request)
        response = self.get_response(request)
        if response.status_code == 404 or "Access-Control-Allow-Headers" in response:
            return response  # unknown address, or a CORS preflight already answered
        # A view that names its methods answered 405 with them; others take GET and POST.
        methods = response.get("Allow") if response.status_code == 405 else "GET, POST"
        allowed = [m.strip() for m in methods.split(",") if m.strip()]
        if "GET" in allowed and "HEAD" not in allowed:
            allowed.append("HEAD")
        answer = HttpResponse(status=200)
        answer["Allow"] = ", ".join([*allowed, "OPTIONS"])
        for name in ("Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Vary"):
            if name in response:
                answer[name] = response[name]
        return answer


class PublicGZipMiddleware(GZipMiddleware):
    """Gzip for public answers only: the pages the public cache marks (anonymous, no session,
    no CSRF token) and the open data. Anything else may hold a secret (a CSRF token, personal
    data) that an attacker could guess byte by byte from compressed sizes (BREACH), so it goes
    out uncompressed."""

    def process_response(self, request, response):
        public = response.has_header("X-Cache") or is_open_data(request.path)
        if not public or response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return response
        return super().process_response(request, response)
