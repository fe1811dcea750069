"""HTTP helpers for public, read-only responses: conditional GET and open CORS."""

import hashlib

from django.conf import settings
from django.utils.translation import get_language
from django.views.decorators.http import condition

from estafette.core.caching import public_changed_at, public_version

OPEN_DATA_SUFFIXES = (".ics", ".rss", ".atom", ".csv")


def _etag(request, *args, **kwargs) -> str:
    raw = f"{public_version()}:{get_language()}:{request.get_full_path()}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def _last_modified(request, *args, **kwargs):
    return public_changed_at()


def conditional_public(view):
    """ETag and Last-Modified from the public version: a 304 costs no database query."""
    return condition(etag_func=_etag, last_modified_func=_last_modified)(view)


def with_query(url: str, query: str) -> str:
    """The address with its query string, without a bare '?' when there is none."""
    return f"{url}?{query}" if query else url


def webcal_address(path: str) -> str:
    """The webcal: address of a calendar feed: a click opens the visitor's calendar app, which
    subscribes instead of downloading once."""
    return "webcal://" + settings.SITE_URL.split("://", 1)[-1] + path


def is_open_data(path: str) -> bool:
    return path.startswith("/api/v1/") or path.endswith(OPEN_DATA_SUFFIXES)


class OpenDataCorsMiddleware:
    """Anyone may read the open data from a browser: CORS is open for GET and HEAD."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method in ("GET", "HEAD", "OPTIONS") and is_open_data(request.path):
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
        return response
