"""A partner: an organisation invited to organise an activity together with its lead organisation."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from estafette.activities.fields import part_of_activity
from estafette.core.models import done_by


class PartnerQuerySet(models.QuerySet):
    def accepted(self):
        """Partners that said yes and are on the platform: they act for the activity."""
        return self.filter(status=Partner.Status.ACCEPTED, organisation__isnull=False)

    def invited(self):
        return self.filter(status=Partner.Status.INVITED)


class Partner(models.Model):
    class Status(models.TextChoices):
        INVITED = "invited", _("Uitgenodigd")
        ACCEPTED = "accepted", _("Geaccepteerd")
        DECLINED = "declined", _("Afgeslagen")

    activity = part_of_activity("partners")
    # Empty while an invitation by e-mail waits: whoever holds that verified address answers it
    # for one of their organisations.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="partner_of",
        verbose_name=_("organisatie"),
    )
    invited_email = models.EmailField(
        _("uitgenodigd e-mailadres"),
        blank=True,
        help_text=_("Voor een organisatie die nog niet op het platform staat."),
    )
    invited_name = models.CharField(
        _("naam van de uitgenodigde organisatie"), max_length=200, blank=True
    )
    invited_by = done_by(_("uitgenodigd door"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.INVITED
    )
    created_at = models.DateTimeField(_("uitgenodigd op"), auto_now_add=True)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        # The table predates this app (it was activities.CoOrganisation); the rows stay put.
        db_table = "activities_coorganisation"
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "organisation"],
                condition=Q(organisation__isnull=False),
                name="coorganisation_unique_organisation",
            ),
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | ~Q(invited_email=""),
                name="coorganisation_has_organisation_or_email",
            ),
        ]

    def __str__(self):
        return f"{self.label} → {self.activity}"

    @property
    def label(self) -> str:
        """The partner's name as far as we know it."""
        return str(self.organisation or self.invited_name or self.invited_email)
