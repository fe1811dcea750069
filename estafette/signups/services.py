"""Sign-ups, the waiting list and their e-mails: the one place that hands out seats.

Every change of places happens in `_locked_activity()`'s transaction: the activity row is locked
(`select_for_update()` on PostgreSQL; SQLite's IMMEDIATE transactions serialise writers), the
places are counted and the counter written in the same transaction. The database's CHECK
constraint places_taken <= capacity and UNIQUE (activity, e-mail) are the last line of defence.

The same transaction refreshes the public pages after commit: those showing the activity's
places when its places or waiting list changed, its edition's pages only when it went from
having places to full or back (see `_locked_activity` and `core.caching.bump_places_version`).
"""

import contextvars
import datetime as dt
import secrets
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from estafette.activities.models import Activity
from estafette.agenda.ical import activity_ics
from estafette.core.audit import log_action
from estafette.core.caching import bump_places_version, bump_public_version
from estafette.mail.services import (
    blank_sent_messages,
    queue_mail,
    queue_templated_mail,
    render_mail,
)
from estafette.signups.models import Signup, hash_token, normalise_email

# The seat lock. Only the concurrency tests switch it off, to show the overbooking it prevents
# with the real service (as pretix's concurrency tests do).
SEAT_LOCK = True
PERSONAL_LINK_SALT = "estafette.signups.personal-link"


# The activities locked by the `_locked_activity` blocks this request is in, each with whether
# its waiting list changed (the row does not say that).
_locked_here: contextvars.ContextVar[dict[int, bool] | None] = contextvars.ContextVar(
    "signups_locked_here", default=None
)


@contextmanager
def _locked_activity(activity_pk: int):
    """The activity, locked for this transaction. When the block changed its places (the
    counter, the capacity) or its waiting list (`_waiting_list_changed`), the pages showing
    them are refreshed after commit, and its edition's pages only when it went from having
    places to full or back: no cache query, the row in hand says it."""
    locked_here = _locked_here.get()
    token = None
    if locked_here is None:
        locked_here = {}
        token = _locked_here.set(locked_here)
    try:
        with transaction.atomic():
            activities = Activity.objects.select_for_update() if SEAT_LOCK else Activity.objects
            locked = activities.get(pk=activity_pk)
            nested = locked.pk in locked_here  # the outer block's mark stays until it ends
            locked_here.setdefault(locked.pk, False)
            before = (locked.capacity, locked.places_taken)
            had_places = locked.places_left != 0  # a place free, or no limit
            yield locked
            if before != (locked.capacity, locked.places_taken) or locked_here[locked.pk]:
                bump_places_version(
                    activity_id=locked.pk,
                    edition_id=locked.edition_id,
                    stage_id=locked.stage_id,
                    full_changed=(locked.places_left != 0) != had_places,
                )
            if not nested:
                del locked_here[locked.pk]
    finally:
        if token is not None:
            _locked_here.reset(token)


def _waiting_list_changed(activity: Activity) -> None:
    """Someone joined or left the waiting list (which the API shows): see `_locked_activity`.
    An activity locked some other way refreshes its edition too, to be safe."""
    locked_here = _locked_here.get()
    if locked_here is not None and activity.pk in locked_here:
        locked_here[activity.pk] = True
    else:
        bump_places_version(
            activity_id=activity.pk,
            edition_id=activity.edition_id,
            stage_id=activity.stage_id,
            full_changed=True,
        )


def _new_token(signup: Signup) -> str:
    signup.token_seed = secrets.token_urlsafe(32)
    token = _token_from_seed(signup.token_seed)
    signup.token_hash = hash_token(token)
    return token


def _token_from_seed(seed: str) -> str:
    return salted_hmac(PERSONAL_LINK_SALT, seed, algorithm="sha256").hexdigest()


def personal_token(signup: Signup) -> str | None:
    """The token of the sign-up's personal link, derived again from its seed (None for sign-ups
    made before seeds existed, and for erased ones)."""
    if not signup.token_seed or signup.erased_at:
        return None
    return _token_from_seed(signup.token_seed)


def personal_url(token: str, language: str | None = None) -> str:
    with translation.override(language or translation.get_language()):
        return settings.SITE_URL + reverse("signups:personal", kwargs={"token": token})


def waiting_position(signup: Signup) -> int | None:
    if signup.status != Signup.Status.WAITING:
        return None
    ahead = Signup.objects.filter(
        Q(waiting_since__lt=signup.waiting_since)
        | Q(waiting_since=signup.waiting_since, id__lt=signup.id),
        activity_id=signup.activity_id,
        status=Signup.Status.WAITING,
    )
    return ahead.count() + 1


def _hold_until(now):
    return now + dt.timedelta(minutes=settings.SIGNUP_HOLD_MINUTES)


def _take_places(activity: Activity, places: int) -> None:
    Activity.objects.filter(pk=activity.pk).update(places_taken=F("places_taken") + places)
    activity.places_taken += places


def _free_places(activity: Activity, places: int) -> None:
    Activity.objects.filter(pk=activity.pk).update(places_taken=F("places_taken") - places)
    activity.places_taken -= places


def _signup_open_error(activity: Activity) -> str | None:
    if activity.signup_mode != Activity.SignupMode.PLATFORM or activity.capacity is None:
        return _("Voor deze activiteit meldt u zich niet via dit platform aan.")
    if activity.status != Activity.Status.PUBLISHED:
        return _("Deze activiteit gaat niet door; aanmelden kan niet meer.")
    if activity.is_over:
        return _("Deze activiteit is al voorbij; aanmelden kan niet meer.")
    if activity.signup_closed:
        return _("Aanmelden voor deze activiteit is gesloten.")
    return None


def signup_closed_reason(activity: Activity) -> str | None:
    """Why nobody can sign up (in Dutch, for the visitor), or None while sign-up is open."""
    return _signup_open_error(activity)


def is_signup_open(activity: Activity) -> bool:
    return _signup_open_error(activity) is None


def sign_up(
    *,
    activity: Activity,
    name: str,
    email: str,
    organisation: str = "",
    role: str = "",
    places: int = 1,
) -> tuple[Signup, str | None]:
    """Sign someone up: places if they fit, otherwise the waiting list.

    Returns (signup, token). The token (for the personal link) is None when this e-mail address
    was already signed up: then the personal link is sent again by e-mail, nothing is duplicated.
    """
    error = _signup_open_error(activity)
    if error:
        raise ValidationError(error)
    if not 1 <= places <= activity.max_places_per_signup:
        raise ValidationError(
            _("Kies 1 tot en met %(max)s plaatsen.") % {"max": activity.max_places_per_signup}
        )
    email_key = normalise_email(email)
    now = timezone.now()
    try:
        with _locked_activity(activity.pk) as locked:
            _expire_holds_of(locked, now=now)
            existing = Signup.objects.filter(activity=locked, email_normalised=email_key).first()
            if existing and existing.is_active:
                _send_link_again(existing)
                return existing, None
            signup = existing or Signup(activity=locked, email_normalised=email_key)
            signup.name, signup.email = name.strip(), email.strip()
            signup.organisation, signup.role, signup.places = organisation.strip(), role, places
            signup.cancelled_at = signup.confirmed_at = signup.promoted_at = None
            signup.email_confirmed_at = signup.hold_expires_at = signup.waiting_since = None
            signup.attended = None
            signup.language = _mail_language()
            token = _new_token(signup)
            instant = locked.signup_confirmation == Activity.Confirmation.INSTANT
            if instant:
                signup.email_confirmed_at = now
            if places <= locked.places_left:
                _take_places(locked, places)
                _hold_or_confirm(signup, instant=instant, now=now)
            else:
                signup.status = Signup.Status.WAITING
                signup.waiting_since = now
                _waiting_list_changed(locked)
            signup.save()
            # Places left or the waiting list changed: both are public figures (API, page),
            # refreshed by _locked_activity.
            _mail_after_sign_up(signup, token)
            return signup, token
    except IntegrityError:
        # Two requests with the same e-mail at once: the UNIQUE constraint let one through.
        existing = Signup.objects.filter(activity=activity, email_normalised=email_key).first()
        if existing is None:
            raise
        with transaction.atomic():
            _send_link_again(existing)
        return existing, None


def _mail_language() -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


def _send_link_again(signup: Signup) -> None:
    """Mail the address its working link again; the link it already has stays valid."""
    if personal_token(signup):
        _mail(signup, "signup_link_again")
        return
    token = secrets.token_urlsafe(32)  # a sign-up from before seeds: a second valid link
    Signup.objects.filter(pk=signup.pk).update(resent_token_hash=hash_token(token))
    _mail(signup, "signup_link_again", token=token)


def _hold_or_confirm(signup: Signup, *, instant: bool, now) -> None:
    if instant or signup.email_confirmed_at:
        signup.status = Signup.Status.CONFIRMED
        signup.confirmed_at = now
        signup.hold_expires_at = None
    else:
        signup.status = Signup.Status.PENDING
        signup.hold_expires_at = _hold_until(now)


def _mail_after_sign_up(signup: Signup, token: str) -> None:
    if signup.status == Signup.Status.CONFIRMED:
        _mail(signup, "signup_confirmed", token=token, ics=True)
    elif signup.status == Signup.Status.PENDING:
        _mail(signup, "signup_confirm_email", token=token)
    else:
        _mail(signup, "signup_waiting", token=token)


def confirm_signup(*, signup: Signup) -> Signup:
    """The participant confirmed their e-mail address through the personal link."""
    now = timezone.now()
    with _locked_activity(signup.activity_id) as activity:
        _expire_holds_of(activity, now=now)
        signup = Signup.objects.select_for_update().get(pk=signup.pk)
        if signup.email_confirmed_at is None:
            signup.email_confirmed_at = now
        if signup.status == Signup.Status.PENDING:
            _hold_or_confirm(signup, instant=True, now=now)
            signup.save()
            _mail(signup, "signup_confirmed", ics=True)
        elif signup.status == Signup.Status.EXPIRED:
            # Too late, but kind: a place if one is free, otherwise the waiting list.
            if signup.places <= activity.places_left and is_signup_open(activity):
                _take_places(activity, signup.places)
                _hold_or_confirm(signup, instant=True, now=now)
                _mail(signup, "signup_confirmed", ics=True)
            else:
                signup.status = Signup.Status.WAITING
                signup.waiting_since = now
                _waiting_list_changed(activity)  # the public waiting list grew
            signup.save()
        else:
            signup.save(update_fields=["email_confirmed_at"])
        return signup


def cancel_signup(*, signup: Signup, send_mail: bool = True, by=None) -> Signup:
    """Cancel (by the participant): frees the places, the waiting list moves up."""
    with _locked_activity(signup.activity_id) as activity:
        signup = Signup.objects.select_for_update().get(pk=signup.pk)
        if not signup.is_active:
            return signup
        had_a_place = signup.status == Signup.Status.CONFIRMED
        if signup.is_holding_places:
            _free_places(activity, signup.places)
        else:
            _waiting_list_changed(activity)  # places left or the waiting list: both are public
        signup.status = Signup.Status.CANCELLED
        signup.cancelled_at = timezone.now()
        signup.hold_expires_at = None
        signup.save()
        # In the activity's trail, without personal data: the sign-up by id, its places.
        log_action(
            actor=by,
            action="signup.cancelled",
            target=activity,
            signup=signup.pk,
            places=signup.places,
        )
        if send_mail:
            # Whoever got the event in their calendar gets its cancellation (METHOD:CANCEL).
            _mail(signup, "signup_cancelled", ics_method="CANCEL" if had_a_place else None)
        promote_waiting_list(activity=activity)
        return signup


def erase_signup(*, signup: Signup) -> Signup:
    """The participant erases their own data: cancels first, then blanks the personal fields."""
    # No "you cancelled" mail: its copy would keep the name the person just asked us to erase;
    # the page they are on confirms it.
    signup = cancel_signup(signup=signup, send_mail=False)
    _blank(signup)
    return signup


def _blank(signup: Signup, *, now=None) -> None:
    """Blank the personal data of one sign-up, and the copies of the e-mails sent to it."""
    email = Signup.objects.filter(pk=signup.pk).values_list("email", flat=True).first()
    Signup.objects.filter(pk=signup.pk).update(
        name="",
        email="",
        email_normalised="",
        organisation="",
        token_hash=hash_token(secrets.token_urlsafe(32)),
        resent_token_hash="",
        token_seed="",
        erased_at=now or timezone.now(),
    )
    if email and not Signup.objects.filter(email=email, erased_at__isnull=True).exists():
        # Mails about the person's other, still active sign-ups keep their copies.
        blank_sent_messages(to=email)


def promote_waiting_list(*, activity: Activity) -> list[Signup]:
    """Give free places to the first people on the waiting list who fit.

    Call with the activity locked (inside `_locked_activity`); opens its own lock otherwise.
    """
    if not transaction.get_connection().in_atomic_block:
        with _locked_activity(activity.pk) as locked:
            return promote_waiting_list(activity=locked)
    promoted: list[Signup] = []
    now = timezone.now()
    if (
        activity.status != Activity.Status.PUBLISHED
        or activity.ends_at <= now
        or activity.capacity is None  # no longer signing up here: nobody to move up
    ):
        return promoted
    for signup in Signup.objects.waiting().filter(activity=activity).select_for_update():
        left = activity.places_left or 0
        if left <= 0:
            break
        if signup.places > left:
            continue
        _take_places(activity, signup.places)
        instant = activity.signup_confirmation == Activity.Confirmation.INSTANT
        _hold_or_confirm(signup, instant=instant, now=now)
        signup.promoted_at = now
        token = _new_token(signup)
        signup.save()
        _mail(signup, "signup_promoted", token=token, ics=signup.status == Signup.Status.CONFIRMED)
        promoted.append(signup)
    if promoted:
        _waiting_list_changed(activity)  # and places taken: _locked_activity refreshes both
    return promoted


def set_capacity(*, activity: Activity, capacity: int, by=None) -> Activity:
    """Raise or lower the number of places; lowering never cancels anyone."""
    with _locked_activity(activity.pk) as locked:
        before = locked.capacity
        if capacity < locked.places_taken:
            raise ValidationError(
                _(
                    "Er zijn al %(taken)s plaatsen bezet. Kies minstens %(taken)s plaatsen; "
                    "wie bevestigd is, houdt de plaats."
                )
                % {"taken": locked.places_taken}
            )
        Activity.objects.filter(pk=locked.pk).update(capacity=capacity)
        locked.capacity = capacity
        if before != capacity:
            log_action(
                actor=by, action="signup.capacity_changed", target=locked, fields=["capacity"],
                old=before, new=capacity,
            )  # fmt: skip
        promote_waiting_list(activity=locked)
        activity.capacity, activity.places_taken = locked.capacity, locked.places_taken
        return locked


def set_signup_closed(*, activity: Activity, closed: bool, by=None) -> Activity:
    with transaction.atomic():
        Activity.objects.filter(pk=activity.pk).update(signup_closed=closed)
        log_action(
            actor=by,
            action="signup.closed" if closed else "signup.opened",
            target=activity,
            fields=["signup_closed"],
        )
        activity.signup_closed = closed
        bump_public_version(edition_id=activity.edition_id)
    return activity


def _expire_holds_of(activity: Activity, *, now) -> int:
    """With the activity locked: unconfirmed holds past their time free their places."""
    expired = list(
        Signup.objects.filter(
            activity=activity, status=Signup.Status.PENDING, hold_expires_at__lte=now
        ).select_for_update()
    )
    for signup in expired:
        _free_places(activity, signup.places)
        signup.status = Signup.Status.EXPIRED
        signup.hold_expires_at = None
        signup.save(update_fields=["status", "hold_expires_at"])
    if expired:
        promote_waiting_list(activity=activity)  # _locked_activity refreshes the places shown
    return len(expired)


def expire_holds(*, now=None) -> int:
    """Free the places of all unconfirmed holds that ran out (command `expire_signup_holds`)."""
    now = now or timezone.now()
    activity_ids = set(
        Signup.objects.filter(status=Signup.Status.PENDING, hold_expires_at__lte=now).values_list(
            "activity_id", flat=True
        )
    )
    count = 0
    for pk in activity_ids:
        with _locked_activity(pk) as activity:
            count += _expire_holds_of(activity, now=now)
    return count


@transaction.atomic
def mark_attendance(*, signup: Signup, attended: bool | None, by=None) -> Signup:
    Signup.objects.filter(pk=signup.pk).update(attended=attended)
    signup.attended = attended
    log_action(
        actor=by,
        action="signup.attendance_marked",
        target=signup.activity,
        signup=signup.pk,
        attended=attended,
    )
    return signup


def message_participants(
    *, activity: Activity, subject: str, body: str, reply_to: str = "", by=None
) -> int:
    """A message from the organiser to every confirmed participant (one e-mail each)."""
    count = 0
    with transaction.atomic():
        for signup in activity.signups.filter(status=Signup.Status.CONFIRMED):
            token = personal_token(signup)
            context = {
                "activity": activity,
                "signup": signup,
                "message": body,
                "personal_url": personal_url(token, signup.language) if token else "",
            }
            _, text, html = render_mail("signup_message", context, signup.language)
            queue_mail(
                to=signup.email,
                subject=f"{activity.title}: {subject}",
                text=text,
                html=html,
                reply_to=reply_to,
            )
            count += 1
        log_action(
            actor=by, action="signup.participants_messaged", target=activity, message=subject,
            recipients=count,
        )  # fmt: skip
    return count


def notify_participants_of_change(*, activity: Activity) -> int:
    """Time or place changed: everyone with a place gets the updated .ics (higher SEQUENCE)."""
    count = 0
    with transaction.atomic():
        for signup in activity.signups.holding_places().select_related("activity"):
            _mail(signup, "signup_changed", ics=True)
            count += 1
    return count


def notify_participants_of_cancellation(*, activity: Activity) -> int:
    """The activity is cancelled: everyone signed up (or waiting) hears it, with METHOD:CANCEL."""
    count = 0
    with transaction.atomic():
        for signup in activity.signups.active():
            _mail(signup, "signup_activity_cancelled", ics_method="CANCEL")
            count += 1
        bump_public_version(edition_id=activity.edition_id)
    return count


def send_signup_reminders(*, now=None) -> int:
    """Reminder the day before, and an hour before for online ones. Idempotent (timestamps)."""
    now = now or timezone.now()
    sent = 0
    base = Signup.objects.filter(
        status=Signup.Status.CONFIRMED, activity__status=Activity.Status.PUBLISHED
    ).select_related("activity", "activity__lead_organisation")
    day = base.filter(
        reminder_day_sent_at__isnull=True,
        activity__starts_at__gt=now,
        activity__starts_at__lte=now + dt.timedelta(hours=24),
    )
    hour = base.filter(
        reminder_hour_sent_at__isnull=True,
        activity__starts_at__gt=now,
        activity__starts_at__lte=now + dt.timedelta(hours=1),
        activity__format__in=[Activity.Format.ONLINE, Activity.Format.HYBRID],
    )
    for field, queryset, template in (
        ("reminder_day_sent_at", day, "signup_reminder_day"),
        ("reminder_hour_sent_at", hour, "signup_reminder_hour"),
    ):
        for signup in queryset:
            with transaction.atomic():
                claimed = Signup.objects.filter(pk=signup.pk, **{f"{field}__isnull": True}).update(
                    **{field: now}
                )
                if claimed:
                    _mail(signup, template)
                    sent += 1
    return sent


def erase_old_signups(*, now=None) -> int:
    """Blank personal data SIGNUP_RETENTION_DAYS after the edition ended; rows stay for figures."""
    now = now or timezone.now()
    cutoff = (now - dt.timedelta(days=settings.SIGNUP_RETENTION_DAYS)).date()
    old = Signup.objects.filter(erased_at__isnull=True, activity__edition__ends_on__lt=cutoff)
    count = 0
    for signup in old.only("pk").iterator():
        _blank(signup, now=now)
        count += 1
    # Whatever the outbox delivered before the retention period is gone too.
    blank_sent_messages(sent_before=now - dt.timedelta(days=settings.SIGNUP_RETENTION_DAYS))
    return count


def _mail(
    signup: Signup,
    template: str,
    *,
    token: str | None = None,
    ics: bool = False,
    ics_method: str | None = None,
):
    activity = signup.activity
    confirmed = signup.status == Signup.Status.CONFIRMED
    language = signup.language or settings.LANGUAGE_CODE
    token = token or personal_token(signup)
    with translation.override(language):
        activity_url = settings.SITE_URL + activity.get_absolute_url()
    context = {
        "signup": signup,
        "activity": activity,
        "personal_url": personal_url(token, language) if token else "",
        "position": waiting_position(signup),
        "hold_minutes": settings.SIGNUP_HOLD_MINUTES,
        "join_link": activity.online_url if confirmed and activity.is_online else "",
        "activity_url": activity_url,
        "has_calendar": bool(ics or ics_method),
    }
    attachments = []
    if ics or ics_method:
        content = activity_ics(
            activity,
            method=ics_method or "PUBLISH",
            join_link=confirmed and activity.is_online,
        )
        attachments.append(("activiteit.ics", content, "text/calendar"))
    return queue_templated_mail(
        to=signup.email,
        template=template,
        context=context,
        language=language,
        attachments=attachments,
    )


def mail_overview(*, email: str) -> bool:
    """Mail the address a list of its sign-ups that still run, each with its personal link.
    Nothing is sent when there are none; the caller answers the same either way."""
    signups = list(
        Signup.objects.filter(
            email_normalised=normalise_email(email),
            erased_at__isnull=True,
            status__in=[Signup.Status.PENDING, Signup.Status.CONFIRMED, Signup.Status.WAITING],
            activity__ends_at__gte=timezone.now(),
        )
        .exclude(token_seed="")
        .select_related("activity")
        .order_by("activity__starts_at")
    )
    if not signups:
        return False
    language = _mail_language()
    items = [
        {
            "signup": signup,
            "activity": signup.activity,
            # Every one has a seed and is not erased (the query says so).
            "personal_url": personal_url(_token_from_seed(signup.token_seed), language),
        }
        for signup in signups
    ]
    queue_templated_mail(
        to=signups[0].email,
        template="signup_overview",
        context={"items": items},
        language=language,
    )
    return True
