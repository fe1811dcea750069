"""The audit trail: who did what to which object, when and why."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


def done_by(verbose_name, *, related_name: str = "+") -> models.ForeignKey:
    """Who did something: a link to their account that empties when the account is deleted,
    while what they did stays."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
    )


def part_of(to: str, verbose_name, related_name: str, *, one: bool = False) -> models.ForeignKey:
    """The whole this row is a part of (an activity, an organisation): the row goes when the
    whole is deleted. A one-to-one link (`one`) where the whole has at most one such part."""
    field = models.OneToOneField if one else models.ForeignKey
    return field(to, on_delete=models.CASCADE, related_name=related_name, verbose_name=verbose_name)


class Hideable(models.Model):
    """Published content that a coordinator can take off the public pages, with a reason that
    stays with it (a result, a call on the board); core.moderation hides and shows it."""

    is_hidden = models.BooleanField(_("verborgen"), default=False)
    hidden_reason = models.TextField(_("reden om te verbergen"), blank=True)

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    actor = done_by(_("door"), related_name="audit_entries")
    action = models.CharField(_("actie"), max_length=40, db_index=True)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("soort object")
    )
    target_id = models.PositiveBigIntegerField(_("object-id"))
    target = GenericForeignKey("target_type", "target_id")
    from_status = models.CharField(_("van status"), max_length=30, blank=True)
    to_status = models.CharField(_("naar status"), max_length=30, blank=True)
    message = models.TextField(_("toelichting"), blank=True)
    data = models.JSONField(_("gegevens"), default=dict, blank=True)
    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("auditregel")
        verbose_name_plural = _("audittrail")
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target_idx")]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor} {self.action}"
