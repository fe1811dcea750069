"""Forms of the accounts app: the name at sign-up, confirming the deletion of an account."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

ALLAUTH_PASSWORD_MISMATCH = "You must type the same password each time."  # allauth's msgid


class OurWordsMixin:
    """allauth's password forms say "Je moet ..." (its Dutch catalogue): say it with "u"."""

    def add_error(self, field, error):
        if str(error) == gettext(ALLAUTH_PASSWORD_MISMATCH):
            error = _("Vul twee keer hetzelfde wachtwoord in.")
        super().add_error(field, error)  # type: ignore[misc]


class SignupForm(OurWordsMixin, forms.Form):
    """allauth adds e-mail and password fields to this form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    full_name = forms.CharField(
        label=_("Uw naam"),
        max_length=150,
        help_text=_("Voor- en achternaam. Andere organisatoren en coördinatoren zien deze naam."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    field_order = ["full_name", "email", "password1", "password2"]

    def signup(self, request, user):
        user.full_name = self.cleaned_data["full_name"].strip()
        user.save(update_fields=["full_name"])


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ja, verwijder mijn account definitief"),
        error_messages={"required": _("Vink aan dat u uw account wilt verwijderen.")},
    )
