"""Small site-wide endpoints: security.txt, robots.txt, health checks and the error pages."""

import datetime as dt
import logging
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30


def security_txt_expires(now: dt.datetime) -> dt.datetime:
    """A year ahead, rounded down to the first of that month (UTC): RFC 9116 asks for less
    than a year, and a date that stays the same all month keeps caches simple."""
    now = now.astimezone(dt.UTC)
    return dt.datetime(now.year + 1, now.month, 1, tzinfo=dt.UTC)


@require_GET
@cache_control(max_age=86400, public=True)
def security_txt(request):
    """RFC 9116; the Dutch government's web guidelines ask for it."""
    lines = [
        f"Contact: mailto:{settings.SECURITY_CONTACT}",
        f"Expires: {security_txt_expires(timezone.now()):%Y-%m-%dT%H:%M:%SZ}",
        "Preferred-Languages: nl, en",
        f"Canonical: {settings.SITE_URL}/.well-known/security.txt",
        f"Policy: {settings.SITE_URL}{reverse('pages:security')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /beheer/",
        "Disallow: /account/",
        "Disallow: /mijn/",
        "Disallow: /beoordelen/",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _error_page(request, status: int, title: str, explanation: str) -> HttpResponse:
    """An error answer that needs neither the database nor the session: JSON for the API, a
    plain Dutch (or English) page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": explanation}, status=status)
    page = render_to_string("core/unavailable.html", {"title": title, "explanation": explanation})
    return HttpResponse(page, status=status)


def server_error(request):
    """handler500. A database that does not answer (down, restarting, out of connections) is
    a 503 with Retry-After: the visitor may try again soon, a load balancer knows to wait."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = _error_page(
            request,
            503,
            _("Even niet beschikbaar"),
            _(
                "De website kan op dit moment niet bij zijn gegevens. Probeer het over een "
                "minuut opnieuw. Er is niets verloren gegaan."
            ),
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return _error_page(
        request,
        500,
        _("Er ging iets mis"),
        _("Er ging aan onze kant iets mis. Wij kijken ernaar. Probeer het later opnieuw."),
    )


@never_cache
def live(request):
    """Liveness for a load balancer or systemd: the process answers (no database, no Redis)."""
    return JsonResponse({"status": "ok"})


@never_cache
def ready(request):
    """Readiness: the database and (when configured) Redis answer. 503 only without the database:
    the site keeps serving without Redis (core/redis_cache.py), so a load balancer must not take
    every app server out when Redis is away; the answer then says "degraded"."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except DatabaseError as error:
        logger.warning("Readiness: the database does not answer: %s", error)
        checks["database"] = "unavailable"
    if settings.REDIS_URL:
        try:
            checks["redis"] = "ok" if cache.client.get_client().ping() else "unavailable"
        except Exception as error:  # any failure to ping is "not ready"
            logger.warning("Readiness: Redis does not answer: %s", error)
            checks["redis"] = "unavailable"
    if checks["database"] != "ok":
        return JsonResponse({"status": "unavailable", **checks}, status=503)
    degraded = any(value != "ok" for value in checks.values())
    return JsonResponse({"status": "degraded" if degraded else "ok", **checks})


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers that ignore the page's icon link still ask for /favicon.ico."""
    return redirect(static("img/favicon.svg"), permanent=True)
