"""An organiser's own image for an activity, shown on its page, poster and social cards."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from estafette.activities.fields import part_of_activity
from estafette.core.models import done_by


def image_path(instance, filename) -> str:
    return f"activiteiten/{instance.activity_id}/beeld/{filename}"


class ActivityImage(models.Model):
    activity = part_of_activity("own_image", one=True)
    image = models.ImageField(
        _("afbeelding"), upload_to=image_path, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(_("breedte"), default=0)
    height = models.PositiveIntegerField(_("hoogte"), default=0)
    alt_text = models.CharField(
        _("beschrijving van de afbeelding"),
        max_length=250,
        help_text=_("Wat is er te zien? Voor mensen die de afbeelding niet kunnen zien."),
    )
    uploaded_by = done_by(_("geplaatst door"))
    uploaded_at = models.DateTimeField(_("geplaatst op"), auto_now=True)

    class Meta:
        verbose_name = _("eigen afbeelding")
        verbose_name_plural = _("eigen afbeeldingen")
        constraints = [
            models.CheckConstraint(condition=~models.Q(alt_text=""), name="image_has_alt_text")
        ]

    def __str__(self):
        return self.alt_text
