"""What came out of an activity (the "terugblik"), its materials, and the mails about it."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from estafette.activities.fields import part_of_activity
from estafette.activities.models import Activity
from estafette.core.models import Hideable, done_by


class ResultQuerySet(models.QuerySet):
    def public(self):
        """Results the public sees: not hidden, of an activity the public sees that took place."""
        shown = Activity.objects.published().filter(status=Activity.Status.PUBLISHED)
        return self.filter(is_hidden=False, activity__in=shown.values("pk"))


class Result(Hideable):
    """An activity's organisers report it afterwards: who came, what came out, what to pass on."""

    activity = part_of_activity("result", one=True)
    participants = models.PositiveIntegerField(
        _("aantal deelnemers"),
        help_text=_("Iedereen die er was, ook wie geen zorgprofessional of burger is."),
    )
    professionals = models.PositiveIntegerField(_("van wie zorgprofessionals"), default=0)
    citizens = models.PositiveIntegerField(_("van wie burgers"), default=0)
    summary = models.TextField(_("wat heeft het opgeleverd"))
    lessons = models.TextField(_("tips voor de volgende regio"), blank=True)
    reported_by = done_by(_("gemeld door"))
    created_at = models.DateTimeField(_("gemeld op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = ResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("terugblik")
        verbose_name_plural = _("terugblikken")
        constraints = [
            models.CheckConstraint(
                condition=Q(participants__gte=F("professionals") + F("citizens")),
                name="result_parts_within_total",
                violation_error_message=_(
                    "Zorgprofessionals en burgers samen zijn meer dan het totale aantal deelnemers."
                ),
            )
        ]

    def __str__(self):
        return str(self.activity)


def material_path(material, filename: str) -> str:
    return f"results/{material.result.activity_id}/{filename}"


class Material(models.Model):
    """Slides or a handout (a file), a photo (only when the people shown agreed), or a link to a
    recording."""

    class Kind(models.TextChoices):
        FILE = "file", _("Bestand (presentatie of hand-out)")
        PHOTO = "photo", _("Foto")
        LINK = "link", _("Link naar een opname of verslag")

    result = models.ForeignKey(
        Result, on_delete=models.CASCADE, related_name="materials", verbose_name=_("terugblik")
    )
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(_("bestand"), upload_to=material_path, blank=True, max_length=300)
    url = models.URLField(_("link"), blank=True, max_length=500)
    content_type = models.CharField(_("bestandstype"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("grootte in bytes"), default=0)
    alt_text = models.CharField(
        _("beschrijving van de foto"),
        max_length=300,
        blank=True,
        help_text=_("Wat is er te zien? Voor wie de foto niet kan zien."),
    )
    people_agreed = models.BooleanField(_("de mensen op de foto gaven toestemming"), default=False)
    created_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("materiaal")
        verbose_name_plural = _("materialen")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="link") & ~Q(url="") & Q(file=""))
                | (~Q(kind="link") & ~Q(file="") & Q(url="")),
                name="material_file_or_link",
            ),
            models.CheckConstraint(
                condition=~Q(kind="photo") | (Q(people_agreed=True) & ~Q(alt_text="")),
                name="material_photo_has_consent_and_alt",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def href(self) -> str:
        return self.file.url if self.file else self.url


class ResultReminder(models.Model):
    """The "how did it go?" mail the day after an activity ended: at most one per activity."""

    activity = models.OneToOneField(
        "activities.Activity", on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("herinnering terugblik")
        verbose_name_plural = _("herinneringen terugblik")

    def __str__(self):
        return f"{self.activity_id} {self.sent_at:%Y-%m-%d}"


class Handover(models.Model):
    """A stage's hand-over to the next region: the "het stokje is aan u" mail goes once."""

    stage = models.OneToOneField("relay.Stage", on_delete=models.CASCADE, related_name="+")
    mailed_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")

    def __str__(self):
        return f"{self.stage_id} {self.mailed_at:%Y-%m-%d}"
