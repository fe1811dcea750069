"""The public sign-up form (with its bot traps) and the organiser's small forms."""

import hashlib
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from estafette.signups.models import Signup

FORM_TOKEN_SALT = "estafette.signups.form-started"
FORM_TOKEN_MAX_AGE = 24 * 3600


def form_started_token(started: float | None = None) -> str:
    """When the visitor opened the form, signed, with a nonce so each token is used once."""
    return signing.dumps(
        {"at": started or time.time(), "nonce": secrets.token_urlsafe(8)}, salt=FORM_TOKEN_SALT
    )


def _use_once(token: str) -> bool:
    """False when this token was sent before: a replayed token would skip the minimum time."""
    digest = hashlib.sha256(token.encode()).hexdigest()[:32]
    return cache.add(f"form-started:{digest}", 1, timeout=FORM_TOKEN_MAX_AGE + 60)


def email_field(help_text) -> forms.EmailField:
    """A participant's e-mail address, with the same checks and wording in every form."""
    return forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        help_text=help_text,
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class SignupForm(forms.Form):
    name = forms.CharField(
        label=_("Naam"),
        max_length=150,
        error_messages={"required": _("Vul uw naam in.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = email_field(_("Hier sturen we de bevestiging en uw persoonlijke link naartoe."))
    organisation = forms.CharField(
        label=_("Organisatie (niet verplicht)"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    role = forms.ChoiceField(
        label=_("Ik ben (niet verplicht)"),
        choices=[("", _("Zeg ik liever niet"))] + list(Signup.Role.choices),
        required=False,
    )
    places = forms.TypedChoiceField(label=_("Aantal plaatsen"), coerce=int, initial=1)
    consent = forms.BooleanField(
        error_messages={"required": _("Geef toestemming om uw gegevens te gebruiken.")},
    )
    # Bots fill every field; people never see this one (hidden with CSS, skipped by screen readers).
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity = activity
        maximum = max(activity.max_places_per_signup, 1)
        self.fields["places"].choices = [(n, str(n)) for n in range(1, maximum + 1)]
        self.fields["places"].error_messages["invalid_choice"] = _(
            "Kies 1 tot en met %(max)s plaatsen."
        ) % {"max": maximum}
        if maximum == 1:
            self.fields["places"].widget = forms.HiddenInput()
        self.fields["consent"].label = format_html(
            '{} <a href="{}">{}</a>',
            _(
                "Ik geef toestemming om mijn gegevens te gebruiken voor deze aanmelding, zoals beschreven in de"
            ),
            reverse("pages:privacy"),
            _("privacyverklaring"),
        )
        if not self.is_bound:
            self.initial["started"] = form_started_token()

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Laat dit veld leeg."))
        return ""

    def _renew_started(self, started: float | None = None) -> None:
        # The form shown again carries a fresh token (same start time): it can be sent once more.
        self.data = self.data.copy()
        self.data[self.add_prefix("started")] = form_started_token(started)

    def clean_started(self):
        token = self.cleaned_data["started"]
        try:
            loaded = signing.loads(token, salt=FORM_TOKEN_SALT, max_age=FORM_TOKEN_MAX_AGE)
            started = float(loaded["at"] if isinstance(loaded, dict) else loaded)
        except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
            self._renew_started()
            raise forms.ValidationError(
                _("Het formulier is verlopen. Vul het opnieuw in en verstuur het nog een keer.")
            ) from error
        self._renew_started(started)
        if settings.SIGNUP_LIMITS and not _use_once(token):
            raise forms.ValidationError(
                _("Dit formulier is al verstuurd. Controleer uw gegevens en verstuur het opnieuw.")
            )
        if settings.SIGNUP_LIMITS and time.time() - started < settings.SIGNUP_MIN_SECONDS:
            raise forms.ValidationError(
                _("Dat ging erg snel. Controleer uw gegevens en verstuur het formulier opnieuw.")
            )
        return self.cleaned_data["started"]


class OverviewRequestForm(forms.Form):
    email = email_field(_("Het adres waarmee u zich heeft aangemeld."))


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("Aantal plaatsen"),
        min_value=1,
        max_value=100000,
        error_messages={"required": _("Vul het aantal plaatsen in.")},
    )


class MessageForm(forms.Form):
    subject = forms.CharField(
        label=_("Onderwerp"),
        max_length=150,
        error_messages={"required": _("Vul een onderwerp in.")},
    )
    body = forms.CharField(
        label=_("Bericht"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Schrijf een bericht.")},
    )

    def clean_subject(self):
        # A line break in a mail header makes sending fail for every participant.
        subject = self.cleaned_data["subject"]
        if "\n" in subject or "\r" in subject:
            raise forms.ValidationError(_("Schrijf het onderwerp op één regel."))
        return subject
