"""Static information pages: the privacy statement and the security policy."""

from django.conf import settings
from django.shortcuts import render

from estafette.core.caching import cache_public_page


@cache_public_page
def privacy(request):
    context = {
        "retention_days": settings.SIGNUP_RETENTION_DAYS,
        "hold_minutes": settings.SIGNUP_HOLD_MINUTES,
        "contact": settings.SECURITY_CONTACT.replace("security@", "privacy@"),
    }
    return render(request, "pages/privacy.html", context)


@cache_public_page
def security_policy(request):
    """Coordinated vulnerability disclosure: what security.txt's Policy points to."""
    return render(request, "pages/security.html", {"contact": settings.SECURITY_CONTACT})
