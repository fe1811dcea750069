"""Abuse limits for the public sign-up form."""

from django.conf import settings

from estafette.core.clients import hit
from estafette.signups.models import hash_token


def allow_sign_up(*, ip: str, email: str) -> bool:
    if not settings.SIGNUP_LIMITS:
        return True
    return hit(f"ip:{ip}", limit=settings.SIGNUP_LIMIT_PER_IP, window=600) and hit(
        f"email:{hash_token(email.strip().lower())[:32]}",
        limit=settings.SIGNUP_LIMIT_PER_EMAIL,
        window=3600,
    )
