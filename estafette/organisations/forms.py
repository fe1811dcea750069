"""Forms for organisations and memberships."""

from django import forms
from django.utils.translation import gettext_lazy as _

from estafette.organisations.models import Membership, Organisation
from estafette.relay.models import Province


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Naam van de organisatie"), max_length=200)
    kind = forms.ChoiceField(label=_("Soort organisatie"), choices=Organisation.Kind.choices)
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=7,
        required=False,
        help_text=_("Wij zoeken dan zelf de provincie op. Bijvoorbeeld 7511 AA."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    province = forms.ModelChoiceField(
        label=_("Provincie"),
        queryset=Province.objects.order_by("name"),
        required=False,
        empty_label=_("Zoek op via de postcode"),
        help_text=_("Niet nodig als u de postcode invult."),
    )
    town = forms.CharField(label=_("Plaats"), max_length=100, required=False)
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        help_text=_("Bijvoorbeeld https://www.voorbeeld.nl"),
    )
    description = forms.CharField(
        label=_("Over de organisatie"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Wat doet uw organisatie? Twee of drie zinnen zijn genoeg."),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("province") and not cleaned.get("postcode"):
            raise forms.ValidationError(
                _("Kies de provincie of vul de postcode van de organisatie in.")
            )
        return cleaned


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Zoek op naam of plaats"), required=False, max_length=100)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Goedkeuren")), ("decline", _("Afwijzen"))])

    @property
    def approved(self) -> bool:
        return self.cleaned_data["decision"] == "approve"


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rol"), choices=Membership.Role.choices)
