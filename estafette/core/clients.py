"""Who is asking and how often: the client's address (one rule for every rate limit) and a
tiny fixed-window counter in the shared cache."""

import time

from django.conf import settings
from django.core.cache import cache


def hit(key: str, *, limit: int, window: int) -> bool:
    """Count one attempt; False when the limit for this window is already reached."""
    bucket = f"limit:{key}:{int(time.time() // window)}"
    cache.add(bucket, 0, timeout=window + 5)
    try:
        count = cache.incr(bucket)
    except ValueError:
        cache.set(bucket, 1, timeout=window + 5)
        count = 1
    return count <= limit


def client_ip(request) -> str:
    """REMOTE_ADDR, unless BEHIND_PROXY: then the one hop our own proxy appended to
    X-Forwarded-For (its last entry). Entries before it come from the client and can be forged;
    without a proxy the header is not ours at all and is ignored."""
    if settings.BEHIND_PROXY:
        forwarded = request.headers.get("x-forwarded-for", "")
        last_hop = forwarded.rsplit(",", 1)[-1].strip()
        if last_hop:
            return last_hop
    return request.META.get("REMOTE_ADDR", "")
