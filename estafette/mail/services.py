"""Queue e-mails in the outbox and deliver them with retries; nothing is lost when SMTP fails."""

import base64
import datetime as dt
import logging
from collections.abc import Sequence

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.template import Context, Engine, TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

from estafette.mail.models import OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12


def render_plain_text(name: str, context: dict) -> str:
    """A plain-text template without HTML escaping: a subject shows ", not &quot;."""
    return Engine.get_default().get_template(name).render(Context(context, autoescape=False))


def render_mail(template: str, context: dict, language: str = "nl") -> tuple[str, str, str]:
    """Render mail/<template>_subject.txt, _body.txt and (if present) _body.html."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = " ".join(render_plain_text(f"mail/{template}_subject.txt", context).split())
        text = render_plain_text(f"mail/{template}_body.txt", context)
        try:
            html: str = render_to_string(f"mail/{template}_body.html", context)
        except TemplateDoesNotExist:
            html = ""
    return subject, text, html


def queue_mail(
    *,
    to: str | list[str],
    subject: str,
    text: str,
    html: str = "",
    reply_to: str = "",
    attachments: Sequence[tuple[str, bytes, str]] = (),
    send_after: dt.datetime | None = None,
) -> OutboxMessage:
    """Write one message to the outbox; it is delivered after the surrounding transaction commits."""
    message = OutboxMessage.objects.create(
        to=[to] if isinstance(to, str) else list(to),
        subject=subject[:300],
        body_text=text,
        body_html=html,
        reply_to=reply_to,
        attachments=[
            {"filename": name, "content": base64.b64encode(content).decode(), "mimetype": mimetype}
            for name, content, mimetype in attachments
        ],
        send_after=send_after or timezone.now(),
    )
    if getattr(settings, "MAIL_DELIVERY", "worker") == "on_commit" and send_after is None:
        transaction.on_commit(lambda: deliver_message_id(message.pk))
    return message


BLANKED = {
    "to": [], "subject": "", "body_text": "", "body_html": "", "reply_to": "",
    "attachments": [], "last_error": "",
}  # fmt: skip


def blank_sent_messages(*, to: str | None = None, sent_before: dt.datetime | None = None) -> int:
    """Erase the copies of delivered messages: to one address (someone erased their data) or
    all sent before a moment (retention). The rows stay, empty, for the delivery figures."""
    messages = OutboxMessage.objects.filter(sent_at__isnull=False).exclude(to=[])
    if to is not None:
        messages = messages.filter(to=[to])
    if sent_before is not None:
        messages = messages.filter(sent_at__lt=sent_before)
    return messages.update(**BLANKED)


def queue_templated_mail(
    *, to, template: str, context: dict, language: str = "nl", **kwargs
) -> OutboxMessage:
    subject, text, html = render_mail(template, context, language)
    return queue_mail(to=to, subject=subject, text=text, html=html, **kwargs)


def languages_of(emails) -> dict[str, str]:
    """Each address's mail language: that of its account (the language its user last acted in
    on the site), else Dutch."""

    emails = [email for email in emails if email]
    known = dict(get_user_model().objects.filter(email__in=emails).values_list("email", "language"))
    return {email: known.get(email, settings.LANGUAGE_CODE) for email in emails}


def queue_templated_mail_per_language(*, to, template: str, context, **kwargs) -> list:
    """One message per language among the recipients, each in their language. `context` may be
    a function of no arguments: it is called with the language active, so the addresses it
    reverses carry the language's prefix (/en/...)."""
    groups: dict[str, list[str]] = {}
    for email, language in languages_of([to] if isinstance(to, str) else to).items():
        groups.setdefault(language, []).append(email)
    messages = []
    for language, emails in sorted(groups.items()):
        with translation.override(language):
            values = context() if callable(context) else context
        messages.append(
            queue_templated_mail(
                to=emails, template=template, context=values, language=language, **kwargs
            )
        )
    return messages


def _build(message: OutboxMessage) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=message.to,
        reply_to=[message.reply_to] if message.reply_to else None,
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for attachment in message.attachments:
        email.attach(
            attachment["filename"], base64.b64decode(attachment["content"]), attachment["mimetype"]
        )
    return email


def _retry_delay(attempts: int) -> dt.timedelta:
    """2, 4, 8 ... minutes (MAIL_RETRY_SECONDS=60), at most four hours."""
    return dt.timedelta(seconds=min(settings.MAIL_RETRY_SECONDS * 2**attempts, 4 * 3600))


def _send(message: OutboxMessage) -> bool:
    try:
        _build(message).send()
    except Exception as error:
        message.attempts += 1
        message.last_error = f"{type(error).__name__}: {error}"[:2000]
        message.send_after = timezone.now() + _retry_delay(message.attempts)
        message.save(update_fields=["attempts", "last_error", "send_after"])
        logger.warning("Sending outbox message %s failed: %s", message.pk, message.last_error)
        return False
    message.sent_at = timezone.now()
    message.attempts += 1
    message.save(update_fields=["sent_at", "attempts"])
    return True


def deliver_message_id(pk: int) -> bool:
    with transaction.atomic():
        message = _lock(OutboxMessage.objects.filter(pk=pk, sent_at__isnull=True)).first()
        return _send(message) if message else False


def _lock(queryset):
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True)
    return queryset


def deliver_outbox(limit: int = 100) -> tuple[int, int]:
    """Send what is due; return (sent, failed). Safe to run from several workers at once."""
    sent = failed = 0
    due = OutboxMessage.objects.filter(
        sent_at__isnull=True, send_after__lte=timezone.now(), attempts__lt=MAX_ATTEMPTS
    )
    for pk in due.values_list("pk", flat=True)[:limit]:
        if deliver_message_id(pk):
            sent += 1
        else:
            failed += 1
    return sent, failed
