"""The public sign-up form (with its bot traps) and the organiser's small forms."""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from estafette.signups.models import Signup

FORM_TOKEN_SALT = "estafette.signups.form-started"
FORM_TOKEN_MAX_AGE = 24 * 3600


def form_started_token() -> str:
    return signing.dumps(time.time(), salt=FORM_TOKEN_SALT)


class SignupForm(forms.Form):
    name = forms.CharField(
        label=_("Naam"),
        max_length=150,
        error_messages={"required": _("Vul uw naam in.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        help_text=_("Hier sturen we de bevestiging en uw persoonlijke link naartoe."),
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
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

    def clean_started(self):
        try:
            started = signing.loads(
                self.cleaned_data["started"], salt=FORM_TOKEN_SALT, max_age=FORM_TOKEN_MAX_AGE
            )
        except signing.BadSignature as error:
            self.data = self.data.copy()  # a fresh token, so the re-sent form can pass
            self.data[self.add_prefix("started")] = form_started_token()
            raise forms.ValidationError(
                _("Het formulier is verlopen. Vul het opnieuw in en verstuur het nog een keer.")
            ) from error
        if settings.SIGNUP_LIMITS and time.time() - float(started) < settings.SIGNUP_MIN_SECONDS:
            raise forms.ValidationError(
                _("Dat ging erg snel. Controleer uw gegevens en verstuur het formulier opnieuw.")
            )
        return self.cleaned_data["started"]


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
