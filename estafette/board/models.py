"""The partners wanted board: calls for a co-organiser before a region's week, and answers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from estafette.core.models import Hideable, done_by
from estafette.organisations.fields import part_of_organisation
from estafette.organisations.models import Organisation


class CallQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_hidden=False)

    def open_on(self, day):
        """Calls that still look for a partner: not closed, not hidden, the week not over.
        Calls close by themselves: no job needed, the week's last day decides."""
        return self.visible().filter(closed_at__isnull=True, stage__ends_on__gte=day)


class Call(Hideable):
    """An organiser looks for a partner of a certain kind for what they plan in a region's week."""

    organisation = part_of_organisation("partner_calls")
    created_by = done_by(_("geplaatst door"))
    stage = models.ForeignKey(
        "relay.Stage",
        on_delete=models.CASCADE,
        related_name="partner_calls",
        verbose_name=_("regioweek"),
    )
    activity = models.ForeignKey(
        "activities.Activity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_calls",
        verbose_name=_("activiteit"),
        help_text=_("Als de activiteit al is aangemaakt."),
    )
    title = models.CharField(_("titel"), max_length=150)
    plan = models.TextField(_("wat u van plan bent"))
    themes = models.ManyToManyField(
        "activities.Theme", blank=True, related_name="+", verbose_name=_("thema's")
    )
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    created_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True, db_index=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("oproep")
        verbose_name_plural = _("oproepen")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("board:call", kwargs={"pk": self.pk})

    def kind_labels(self) -> list[str]:
        labels = dict(Organisation.Kind.choices)
        return [str(labels.get(wanted.kind, wanted.kind)) for wanted in self.wanted_kinds.all()]


class WantedKind(models.Model):
    """One kind of partner a call looks for (library, care provider, municipality ...)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="wanted_kinds")
    kind = models.CharField(_("soort partner"), max_length=30, choices=Organisation.Kind.choices)

    class Meta:
        verbose_name = _("gezochte soort partner")
        verbose_name_plural = _("gezochte soorten partner")
        constraints = [
            models.UniqueConstraint(fields=["call", "kind"], name="wanted_kind_once_per_call")
        ]
        indexes = [models.Index(fields=["kind"], name="wanted_kind_idx")]

    def __str__(self):
        return self.get_kind_display()


class Answer(models.Model):
    """An organisation offers to join; the caller accepts (a partner invitation) or declines."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Geaccepteerd")
        DECLINED = "declined", _("Afgeslagen")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="answers")
    organisation = part_of_organisation("+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    message = models.TextField(_("bericht"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    invitation = models.ForeignKey(
        "partners.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uitnodiging"),
    )
    created_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")
        constraints = [
            models.UniqueConstraint(fields=["call", "organisation"], name="answer_once_per_call"),
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(invitation__isnull=False),
                name="answer_accepted_has_invitation",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} → {self.call}"


class DigestSubscription(models.Model):
    """An organisation wants a weekly mail of new calls in its region that ask for its kind."""

    organisation = part_of_organisation("board_subscription", one=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("wekelijkse mail van oproepen")
        verbose_name_plural = _("wekelijkse mails van oproepen")

    def __str__(self):
        return str(self.organisation)
