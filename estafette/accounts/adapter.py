"""allauth, the Estafette way: its e-mails go through our outbox, organisers land on their page."""

from types import SimpleNamespace
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
    # allauth's own messages in our words: B1 Dutch with "u" (its Dutch catalogue says "je").
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": gettext_lazy("Dit account is niet actief."),
        "cannot_remove_primary_email": gettext_lazy(
            "U kunt dit e-mailadres niet verwijderen. Op dit adres krijgt u e-mail van ons."
        ),
        "duplicate_email": gettext_lazy("Dit e-mailadres hoort al bij uw account."),
        "email_password_mismatch": gettext_lazy(
            "Het e-mailadres of het wachtwoord is niet correct. Probeer het nog eens."
        ),
        "email_taken": gettext_lazy("Er is al een account met dit e-mailadres."),
        "enter_current_password": gettext_lazy("Vul uw huidige wachtwoord in."),
        "incorrect_code": gettext_lazy("Deze code klopt niet. Probeer het nog eens."),
        "incorrect_password": gettext_lazy("Dit wachtwoord klopt niet."),
        "invalid_or_expired_key": gettext_lazy("Deze link is verlopen of niet geldig."),
        "invalid_login": gettext_lazy("Inloggen is niet gelukt."),
        "invalid_password_reset": gettext_lazy("Deze link is verlopen of niet geldig."),
        "max_email_addresses": gettext_lazy("U kunt niet meer dan %d e-mailadressen toevoegen."),
        "too_many_login_attempts": gettext_lazy(
            "Te veel inlogpogingen. Probeer het later nog eens."
        ),
        "unknown_email": gettext_lazy("Wij kennen geen account met dit e-mailadres."),
        "unverified_primary_email": gettext_lazy("Bevestig eerst uw e-mailadres."),
        "select_only_one": gettext_lazy("Kies één e-mailadres."),
        "same_as_current": gettext_lazy("Dit is hetzelfde als nu. Vul iets anders in."),
        "rate_limited": gettext_lazy(
            "U heeft het te vaak geprobeerd. Wacht even en probeer het dan opnieuw."
        ),
    }

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render allauth's message and queue it; the outbox sends it after commit, with retries."""
        context = {
            "email": email,
            "current_site": site_for_mail(),
            "site_url": settings.SITE_URL,
            **context,
        }
        # Every link on SITE_URL (https, our host), never the host of the request.
        for key, value in context.items():
            if key.endswith("_url") and isinstance(value, str) and value.startswith("http"):
                context[key] = on_site(value)
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

    def get_reauthentication_methods(self, user):
        """allauth's ways to confirm it is you, in our words ("Gebruik je wachtwoord" in its own)."""
        descriptions = {
            "reauthenticate": _("Met uw wachtwoord"),
            "reauthenticate_by_code": _("Met een code per e-mail"),
            "mfa_reauthenticate": _("Met de code uit uw app of een herstelcode"),
        }
        return [
            {**method, "description": descriptions.get(method["id"], method["description"])}
            for method in super().get_reauthentication_methods(user)
        ]

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
