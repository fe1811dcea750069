"""allauth, the Estafette way: its e-mails go through our outbox, organisers land on their page."""

from types import SimpleNamespace
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from estafette.core.clients import client_ip
from estafette.mail.services import queue_mail


def site_for_mail():
    """What allauth's templates call `current_site` (we run without django.contrib.sites)."""
    return SimpleNamespace(
        name=_("Slimme Zorg Estafette"), domain=urlsplit(settings.SITE_URL).netloc
    )


def on_site(url: str) -> str:
    """The same address on SITE_URL: links in e-mails never follow a Host header someone sent."""
    parts, site = urlsplit(url), urlsplit(settings.SITE_URL)
    return urlunsplit((site.scheme, site.netloc, parts.path, parts.query, parts.fragment))


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render allauth's message and queue it; the outbox sends it after commit, with retries."""
        context = {
            "email": email,
            "current_site": site_for_mail(),
            "site_url": settings.SITE_URL,
            **context,
        }
        if "request" not in context:
            context["request"] = self.request
        message = self.render_mail(template_prefix, email, context)
        text = message.body
        html = next(
            (
                body
                for body, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        ) or render_to_string(
            "mail/account_message_body.html", {"text": text, "subject": message.subject}
        )
        queue_mail(to=message.to, subject=message.subject, text=text, html=html)

    def get_reset_password_from_key_url(self, key: str) -> str:
        return on_site(super().get_reset_password_from_key_url(key))

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def get_client_ip(self, request) -> str:
        return client_ip(request)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth counts failures per account; counted per account and address, five wrong
        # passwords from a stranger no longer lock the owner out of a correct log-in.
        return (
            f"{client_ip(request)}:{super()._get_login_attempts_cache_key(request, **credentials)}"
        )

    def get_login_redirect_url(self, request):
        return reverse("accounts:overview")

    def get_signup_redirect_url(self, request):
        return reverse("accounts:overview")
