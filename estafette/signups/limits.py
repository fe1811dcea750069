"""Abuse limits for the public sign-up form: a tiny fixed-window counter in the shared cache."""

import time

from django.conf import settings
from django.core.cache import cache

from estafette.signups.models import hash_token


def hit(key: str, *, limit: int, window: int) -> bool:
    """Count one attempt; False when the limit for this window is already reached."""
    bucket = f"signup-limit:{key}:{int(time.time() // window)}"
    cache.add(bucket, 0, timeout=window + 5)
    try:
        count = cache.incr(bucket)
    except ValueError:
        cache.set(bucket, 1, timeout=window + 5)
        count = 1
    return count <= limit


def client_ip(request) -> str:
    # Behind our nginx the real address is the last X-Forwarded-For hop it added.
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def allow_sign_up(*, ip: str, email: str) -> bool:
    if not settings.SIGNUP_LIMITS:
        return True
    return hit(f"ip:{ip}", limit=settings.SIGNUP_LIMIT_PER_IP, window=600) and hit(
        f"email:{hash_token(email.strip().lower())[:32]}",
        limit=settings.SIGNUP_LIMIT_PER_EMAIL,
        window=3600,
    )
