"""Response headers every answer gets: Permissions-Policy, and no caching of personal pages."""

from functools import wraps

from django.utils.cache import patch_cache_control

# The site uses none of these browser features; saying so stops embedded content using them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media",
        "fullscreen", "geolocation", "gyroscope", "magnetometer", "microphone", "midi",
        "payment", "picture-in-picture", "publickey-credentials-get", "screen-wake-lock",
        "usb", "xr-spatial-tracking", "interest-cohort",
    )
)  # fmt: skip


def mark_private(response):
    """Neither the browser's shared caches nor any proxy may keep this answer."""
    patch_cache_control(response, private=True, no_store=True)
    return response


def private_page(view):
    """For pages and files with personal data that need no log-in (a personal link)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return mark_private(view(request, *args, **kwargs))

    return wrapper


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            mark_private(response)  # whatever a logged-in person sees is theirs
        return response
