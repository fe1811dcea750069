"""Organisations that organise activities, and the people who act for them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from estafette.organisations.fields import part_of_organisation


class Organisation(models.Model):
    class Kind(models.TextChoices):
        CARE_PROVIDER = "care_provider", _("Zorgaanbieder")
        MUNICIPALITY = "municipality", _("Gemeente")
        LIBRARY = "library", _("Bibliotheek")
        INSURER = "insurer", _("Zorgverzekeraar")
        PATIENT_ORGANISATION = "patient_organisation", _("Patiënten- of cliëntenorganisatie")
        EDUCATION = "education", _("Onderwijs")
        COMPANY = "company", _("Bedrijf")
        GOVERNMENT = "government", _("Overheid")
        OTHER = "other", _("Anders")

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam"), max_length=220, unique=True)
    kind = models.CharField(_("soort organisatie"), max_length=30, choices=Kind.choices)
    province = models.ForeignKey(
        "relay.Province",
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("provincie"),
    )
    town = models.CharField(_("plaats"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("beschrijving"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        indexes = [models.Index(fields=["name"], name="organisation_name_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:detail", kwargs={"slug": self.slug})

    @property
    def region(self):
        return self.province.region


class MembershipQuerySet(models.QuerySet):
    def active(self):
        """Memberships that count: not a request waiting for an admin, not a declined one."""
        return self.filter(status=Membership.Status.ACTIVE)

    def admins(self):
        """The active admins: who acts for the organisation and hears about its affairs."""
        return self.active().filter(role=Membership.Role.ADMIN)


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Beheerder")
        MEMBER = "member", _("Lid")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Aangevraagd")
        ACTIVE = "active", _("Actief")
        DECLINED = "declined", _("Afgewezen")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("gebruiker"),
    )
    organisation = part_of_organisation("memberships")
    role = models.CharField(_("rol"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"
