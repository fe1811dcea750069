"""Reads about sign-ups: waiting-list length, participant lists, a sign-up by its token."""

from django.db.models import Count, Q, Sum

from estafette.signups.models import Signup, hash_token


def waiting_list_length(activity) -> int:
    """How many sign-ups are on the activity's waiting list (the API shows this)."""
    return Signup.objects.filter(activity=activity, status=Signup.Status.WAITING).count()


def signup_by_token(token: str) -> Signup | None:
    if not token or len(token) > 100:
        return None
    digest = hash_token(token)
    return (
        Signup.objects.select_related("activity", "activity__lead_organisation")
        .filter(Q(token_hash=digest) | Q(resent_token_hash=digest), erased_at__isnull=True)
        .first()
    )


def participants(activity) -> dict:
    """The organiser's list: confirmed (and unconfirmed holds), waiting in order, cancelled."""
    rows = list(Signup.objects.filter(activity=activity).order_by("created_at", "id"))
    waiting = sorted(
        (s for s in rows if s.status == Signup.Status.WAITING),
        key=lambda s: (s.waiting_since, s.id),
    )
    for position, signup in enumerate(waiting, start=1):
        signup.position = position
    return {
        "confirmed": [s for s in rows if s.status == Signup.Status.CONFIRMED],
        "pending": [s for s in rows if s.status == Signup.Status.PENDING],
        "waiting": waiting,
        "cancelled": [
            s for s in rows if s.status in (Signup.Status.CANCELLED, Signup.Status.EXPIRED)
        ],
    }


def signup_figures(activity) -> dict:
    """Anonymous counts (erased rows still count)."""
    return Signup.objects.filter(activity=activity).aggregate(
        signups=Count("id"),
        confirmed_places=Sum("places", filter=Q(status=Signup.Status.CONFIRMED)),
        attended=Count("id", filter=Q(attended=True)),
    )
