"""Forms to invite a partner and to answer an invitation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from estafette.organisations.models import Organisation


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=[("accept", _("Accepteren")), ("decline", _("Afslaan"))])
    organisation = forms.ModelChoiceField(
        label=_("Met welke organisatie organiseert u mee?"),
        queryset=Organisation.objects.all(),
        required=False,
    )

    @property
    def accepted(self) -> bool:
        return self.cleaned_data["answer"] == "accept"


class InviteByEmailForm(forms.Form):
    name = forms.CharField(label=_("Naam van de organisatie"), max_length=200)
    email = forms.EmailField(
        label=_("E-mailadres van uw contactpersoon daar"),
        help_text=_("Wij sturen een uitnodiging met een link om een account te maken."),
    )


class InviteOrganisationForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.all())
