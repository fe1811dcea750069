"""Regions, provinces, editions, national moments and stages of the relay."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from estafette.core.dates import format_period


class Region(models.Model):
    slug = models.SlugField(_("code"), unique=True, max_length=20)
    name = models.CharField(_("naam"), max_length=60)
    colour = models.CharField(
        _("kleur"), max_length=7, help_text=_("Kleur op de kaart, bijvoorbeeld #1b6f8a.")
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("relay:region", kwargs={"slug": self.slug})


class Province(models.Model):
    code = models.CharField(_("ISO 3166-2-code"), max_length=5, unique=True)
    slug = models.SlugField(_("korte naam"), unique=True, max_length=30)
    name = models.CharField(_("naam"), max_length=60)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="provinces", verbose_name=_("regio")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("provincie")
        verbose_name_plural = _("provincies")

    def __str__(self):
        return self.name


class EditionQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_published=True)


class Edition(models.Model):
    year = models.PositiveSmallIntegerField(_("jaar"), unique=True)
    name = models.CharField(_("naam"), max_length=120, blank=True)
    starts_on = models.DateField(_("eerste dag"))
    ends_on = models.DateField(_("laatste dag"))
    commissioned_by = models.CharField(_("opdrachtgever"), max_length=200, blank=True)
    is_published = models.BooleanField(_("zichtbaar"), default=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("editie")
        verbose_name_plural = _("edities")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="edition_ends_after_start",
                violation_error_message=_("De laatste dag van de editie ligt vóór de eerste dag."),
            )
        ]

    def __str__(self):
        return self.name or f"Slimme Zorg Estafette {self.year}"

    def get_absolute_url(self):
        return reverse("relay:edition", kwargs={"year": self.year})

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("De laatste dag van de editie ligt vóór de eerste dag.")}
            )

    def contains(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on


class NationalMoment(models.Model):
    class Kind(models.TextChoices):
        OPENING = "opening", _("Landelijke opening")
        CLOSING = "closing", _("Landelijke afsluiting")
        OTHER = "other", _("Landelijk moment")

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="national_moments", verbose_name=_("editie")
    )
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    date = models.DateField(_("datum"))
    title = models.CharField(_("titel"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("landelijk moment")
        verbose_name_plural = _("landelijke momenten")

    def __str__(self):
        return (
            f"{self.title or self.get_kind_display()} ({formats.date_format(self.date, 'j F Y')})"
        )

    def clean(self):
        edition = getattr(self, "edition", None)
        if edition and self.date and not edition.contains(self.date):
            raise ValidationError(
                {
                    "date": _("Een landelijk moment valt binnen de editie (%(start)s t/m %(end)s).")
                    % {
                        "start": formats.date_format(edition.starts_on, "j F"),
                        "end": formats.date_format(edition.ends_on, "j F Y"),
                    }
                }
            )


class Stage(models.Model):
    """A region's week in one edition: the region is on turn from the first to the last day."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="stages", verbose_name=_("editie")
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="stages", verbose_name=_("regio")
    )
    order = models.PositiveSmallIntegerField(_("volgorde"))
    starts_on = models.DateField(_("eerste dag"))
    ends_on = models.DateField(_("laatste dag"))

    class Meta:
        ordering = ["edition__starts_on", "starts_on"]
        verbose_name = _("regioweek")
        verbose_name_plural = _("regioweken")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "region"],
                name="stage_region_once_per_edition",
                violation_error_message=_("Deze regio heeft in deze editie al een week."),
            ),
            models.UniqueConstraint(fields=["edition", "order"], name="stage_order_unique"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="stage_ends_after_start",
                violation_error_message=_(
                    "De laatste dag van de regioweek ligt vóór de eerste dag."
                ),
            ),
        ]

    def __str__(self):
        return _("Regio %(region)s, %(period)s") % {
            "region": self.region.name,
            "period": self.period_label,
        }

    @property
    def period_label(self) -> str:
        """'6 t/m 10 februari 2023', '27 februari t/m 3 maart 2023'."""
        return format_period(self.starts_on, self.ends_on)

    def contains(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on

    def overlaps(self, other: "Stage") -> bool:
        """Whether the two weeks share a day (the one overlap rule: model and admin)."""
        return self.starts_on <= other.ends_on and other.starts_on <= self.ends_on

    def clean(self):
        errors = validate_stage(self)
        if errors:
            raise ValidationError(errors)


def validate_stage(stage: Stage) -> dict:
    """The rules a stage obeys: inside its edition, no overlap with the edition's other stages."""
    errors: dict[str, list] = {}
    edition = getattr(stage, "edition", None)
    if not (edition and stage.starts_on and stage.ends_on):
        return errors
    if stage.ends_on < stage.starts_on:
        errors.setdefault("ends_on", []).append(
            _("De laatste dag van de regioweek ligt vóór de eerste dag.")
        )
        return errors
    if not (edition.contains(stage.starts_on) and edition.contains(stage.ends_on)):
        errors.setdefault("starts_on", []).append(
            _("Een regioweek valt binnen de editie (%(period)s).")
            % {"period": format_period(edition.starts_on, edition.ends_on)}
        )
    others = Stage.objects.filter(edition=edition).exclude(pk=stage.pk).select_related("region")
    for other in others:
        if stage.overlaps(other):
            errors.setdefault("starts_on", []).append(
                _("Deze week overlapt met de week van regio %(region)s (%(period)s).")
                % {"region": other.region.name, "period": other.period_label}
            )
    return errors
