"""The outbox: every e-mail is a row first, written in the same transaction as its cause."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    to = models.JSONField(_("aan"))
    subject = models.CharField(_("onderwerp"), max_length=300)
    body_text = models.TextField(_("tekst"))
    body_html = models.TextField(_("HTML"), blank=True)
    reply_to = models.CharField(_("antwoord naar"), max_length=254, blank=True)
    attachments = models.JSONField(
        _("bijlagen"),
        default=list,
        blank=True,
        help_text=_("Lijst van {filename, mimetype, content (base64)}."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    send_after = models.DateTimeField(_("versturen na"), db_index=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)

    class Meta:
        ordering = ["send_after", "id"]
        verbose_name = _("uitgaand bericht")
        verbose_name_plural = _("uitgaande berichten")
        indexes = [models.Index(fields=["sent_at", "send_after"], name="outbox_pending_idx")]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"
