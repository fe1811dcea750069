"""A sign-up: one person (and companions) for one activity, holding places or waiting."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from estafette.activities.fields import part_of_activity


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


class SignupQuerySet(models.QuerySet):
    def holding_places(self):
        """Sign-ups that count in the activity's places_taken."""
        return self.filter(status__in=[Signup.Status.PENDING, Signup.Status.CONFIRMED])

    def waiting(self):
        return self.filter(status=Signup.Status.WAITING).order_by("waiting_since", "id")

    def active(self):
        return self.filter(
            status__in=[Signup.Status.PENDING, Signup.Status.CONFIRMED, Signup.Status.WAITING]
        )


class Signup(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Wacht op bevestiging")
        CONFIRMED = "confirmed", _("Bevestigd")
        WAITING = "waiting", _("Op de wachtlijst")
        CANCELLED = "cancelled", _("Afgemeld")
        EXPIRED = "expired", _("Verlopen (niet bevestigd)")

    # Not stored: the place on the waiting list, set by queries.participants for the list.
    position: int

    class Role(models.TextChoices):
        CARE_PROFESSIONAL = "care_professional", _("Zorgprofessional")
        CITIZEN = "citizen", _("Burger of mantelzorger")
        STUDENT = "student", _("Student")
        OTHER = "other", _("Anders")

    activity = part_of_activity("signups")
    name = models.CharField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"))
    email_normalised = models.CharField(max_length=254, editable=False)
    organisation = models.CharField(_("organisatie"), max_length=150, blank=True)
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, blank=True)
    places = models.PositiveSmallIntegerField(_("aantal plaatsen"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # A second link, e-mailed when the same address signs up again; the first keeps working,
    # so a stranger who types someone's address cannot take their link away.
    resent_token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    # The personal link is an HMAC of this seed under SECRET_KEY: every mail can carry it again
    # (the database alone does not give it away), and a new seed is a new link.
    token_seed = models.CharField(max_length=43, blank=True, editable=False)
    # The language the person signed up in: every mail about this sign-up speaks it.
    language = models.CharField(
        _("taal"), max_length=8, choices=settings.LANGUAGES, default="nl", editable=False
    )

    created_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)
    email_confirmed_at = models.DateTimeField(_("e-mailadres bevestigd op"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    hold_expires_at = models.DateTimeField(_("plaats vastgehouden tot"), null=True, blank=True)
    waiting_since = models.DateTimeField(_("op de wachtlijst sinds"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("van de wachtlijst gehaald op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    attended = models.BooleanField(_("aanwezig"), null=True, blank=True)
    reminder_day_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminder_hour_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    erased_at = models.DateTimeField(_("persoonsgegevens gewist op"), null=True, blank=True)

    objects = SignupQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        indexes = [
            models.Index(fields=["activity", "status"], name="signup_activity_status_idx"),
            models.Index(fields=["status", "hold_expires_at"], name="signup_hold_idx"),
        ]
        constraints = [
            # The last line of defence against a double sign-up; erased rows have no e-mail.
            models.UniqueConstraint(
                fields=["activity", "email_normalised"],
                condition=~Q(email_normalised=""),
                name="signup_one_per_email",
                violation_error_message=_("Dit e-mailadres is al aangemeld voor deze activiteit."),
            ),
            models.CheckConstraint(condition=Q(places__gte=1), name="signup_at_least_one_place"),
        ]

    def __str__(self):
        return f"{self.name or _('(gewist)')} → {self.activity_id}"

    @property
    def is_holding_places(self) -> bool:
        return self.status in {self.Status.PENDING, self.Status.CONFIRMED}

    @property
    def is_active(self) -> bool:
        return self.status in {self.Status.PENDING, self.Status.CONFIRMED, self.Status.WAITING}
