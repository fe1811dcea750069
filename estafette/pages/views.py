"""Information pages: the privacy statement, the security policy and the organisers' front door."""

import datetime as dt

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import views as sitemap_views  # Django's, given the request

from estafette.core.caching import cache_public_page, page_shows_edition
from estafette.knowledge.queries import guide_pages
from estafette.pages.sitemaps import SITEMAPS
from estafette.relay.queries import edition_at

# How long before its region's week an activity should be submitted, so the coordinator can look
# at it and people can still sign up: advice on the organisers' page, not a rule the form enforces.
SUBMIT_WEEKS_BEFORE = 4


@cache_public_page
def privacy(request):
    context = {
        "retention_days": settings.SIGNUP_RETENTION_DAYS,
        "hold_minutes": settings.SIGNUP_HOLD_MINUTES,
        "contact": settings.SECURITY_CONTACT.replace("security@", "privacy@"),
    }
    return render(request, "pages/privacy.html", context)


@require_GET
@cache_public_page
def sitemap_index(request):
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap-section")


@require_GET
@cache_public_page
def sitemap_section(request, section):
    return sitemap_views.sitemap(request, SITEMAPS, section=section)


@require_GET
def accessibility_statement(request):
    """The accessibility statement a Dutch public-sector website must publish."""
    return render(request, "pages/accessibility.html")


@cache_public_page
def security_policy(request):
    """Coordinated vulnerability disclosure: what security.txt's Policy points to."""
    return render(request, "pages/security.html", {"contact": settings.SECURITY_CONTACT})


@cache_public_page
def for_organisers(request):
    """The front door for organisers: how taking part works, each region's week with the date to
    submit by, what the handbook and toolkit offer; then log in or create an account."""
    edition = edition_at(timezone.now())
    weeks = []
    if edition is not None:
        page_shows_edition(edition.pk)
        weeks = [
            {
                "stage": stage,
                "submit_by": stage.starts_on - dt.timedelta(weeks=SUBMIT_WEEKS_BEFORE),
            }
            for stage in edition.stages.select_related("region").order_by("starts_on")
        ]
    context = {
        "edition": edition,
        "weeks": weeks,
        "weeks_before": SUBMIT_WEEKS_BEFORE,
        "guides": guide_pages(),
    }
    return render(request, "pages/for_organisers.html", context)
