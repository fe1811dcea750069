"""The organiser's results form, the material form and the coordinator's hide form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from estafette.results.models import Material, Result
from estafette.results.uploads import DOCUMENTS, PHOTOS


class ResultForm(forms.ModelForm):
    class Meta:
        model = Result
        fields = ["participants", "professionals", "citizens", "summary", "lessons"]
        labels = {
            "participants": _("Hoeveel deelnemers waren er in totaal?"),
            "professionals": _("Hoeveel van hen waren zorgprofessionals?"),
            "citizens": _("Hoeveel van hen waren burgers (inwoners, mantelzorgers)?"),
            "summary": _("Wat heeft de activiteit opgeleverd?"),
            "lessons": _("Wat geeft u mee aan de volgende regio?"),
        }
        help_texts = {
            "summary": _(
                "Bijvoorbeeld: nieuwe contacten, afspraken, ideeën of wat deelnemers zeiden."
            ),
            "lessons": _("Tips en lessen: wat werkte goed, wat zou u anders doen?"),
        }
        widgets = {
            "participants": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
            "professionals": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
            "citizens": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
            "summary": forms.Textarea(attrs={"rows": 5}),
            "lessons": forms.Textarea(attrs={"rows": 5}),
        }

    def clean(self):
        data = super().clean()
        total = data.get("participants")
        parts = (data.get("professionals") or 0) + (data.get("citizens") or 0)
        if total is not None and parts > total:
            self.add_error(
                "participants",
                _("Zorgprofessionals en burgers samen zijn meer dan het totale aantal deelnemers."),
            )
        return data

    def validate_constraints(self, exclude=None):
        """The cross-field rule is checked in clean() with a message on the right field."""


def _accept(kinds) -> str:
    return ",".join(sorted(kinds))


class MaterialForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort materiaal"), choices=Material.Kind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label=_("Titel"), max_length=200)
    upload = forms.FileField(
        label=_("Bestand"),
        required=False,
        help_text=_(
            "Presentatie of hand-out: PDF, PPTX, DOCX, XLSX, ODP of ODT, hoogstens 20 MB. "
            "Foto: JPG of PNG, hoogstens 8 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": _accept({*DOCUMENTS, *PHOTOS})}),
    )
    url = forms.URLField(
        label=_("Link naar de opname of het verslag"),
        required=False,
        max_length=500,
        assume_scheme="https",
    )
    alt_text = forms.CharField(
        label=_("Wat is er op de foto te zien?"),
        required=False,
        max_length=300,
        help_text=_("Alleen bij een foto. Voor wie de foto niet kan zien."),
    )
    people_agreed = forms.BooleanField(
        label=_("De mensen die op de foto staan, vinden het goed dat hij hier staat."),
        required=False,
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom verbergt u deze terugblik?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Dit komt in de audittrail; de organisator ziet het op de terugblikpagina."),
    )
