"""The one filter layer: field names are exactly the API parameter names."""

from django import forms
from django.utils.translation import gettext_lazy as _

from estafette.activities.models import (
    AccessibilityFacility,
    Activity,
    ActivityType,
    Audience,
    Theme,
)
from estafette.agenda.places import UnknownPlace, locate
from estafette.core.bounds import LAST_YEAR, validate_supported_day
from estafette.organisations.models import Organisation
from estafette.relay.models import Province, Region

MAX_PAGE = 100_000
BOOL_CHOICES = [("", ""), ("true", _("ja")), ("false", _("nee"))]


class SlugMultipleField(forms.MultipleChoiceField):
    """Several slugs of one vocabulary; unknown slugs give a Dutch error."""

    def __init__(self, model, *args, **kwargs):
        self.model = model
        super().__init__(*args, required=False, **kwargs)

    def valid_value(self, value):
        # A NUL byte never reaches the database (PostgreSQL refuses it in a string literal).
        return "\x00" not in value and self.model.objects.filter(slug=value).exists()

    def validate(self, value):
        for item in value:
            if not self.valid_value(item):
                raise forms.ValidationError(
                    _("‘%(value)s’ kennen we niet als %(what)s."),
                    params={"value": item, "what": self.label},
                )


def _day_field(label) -> forms.DateField:
    """One end of the date range: an ISO day (2024-03-11) within the days the agenda supports."""
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={
            "invalid": _("Vul een bestaande datum in als JJJJ-MM-DD, bijvoorbeeld 2024-03-11.")
        },
        validators=[validate_supported_day],
    )


class AgendaFilterForm(forms.Form):
    edition = forms.IntegerField(
        label=_("Editie (jaar)"), required=False, min_value=2000, max_value=LAST_YEAR
    )
    region = forms.SlugField(label=_("Regio"), required=False)
    province = forms.CharField(label=_("Provincie"), required=False, max_length=30)
    week = forms.IntegerField(
        label=_("Week van de estafette"), required=False, min_value=1, max_value=53
    )
    format = forms.ChoiceField(
        label=_("Vorm"), required=False, choices=[("", "")] + list(Activity.Format.choices)
    )
    interactive = forms.ChoiceField(label=_("Interactief"), required=False, choices=BOOL_CHOICES)
    signup = forms.ChoiceField(
        label=_("Aanmelden"), required=False, choices=[("", "")] + list(Activity.SignupMode.choices)
    )
    has_places = forms.ChoiceField(
        label=_("Nog plaatsen vrij"), required=False, choices=[("", ""), ("true", _("ja"))]
    )
    organisation = forms.SlugField(label=_("Organisatie"), required=False)
    kind = forms.MultipleChoiceField(
        label=_("Soort organisator"),
        required=False,
        choices=Organisation.Kind.choices,
        error_messages={"invalid_choice": _("‘%(value)s’ kennen we niet als soort organisatie.")},
    )
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=200)
    near = forms.CharField(label=_("Postcode of plaats"), required=False, max_length=40)
    radius_km = forms.IntegerField(
        label=_("Straal (km)"), required=False, min_value=1, max_value=300
    )
    sort = forms.ChoiceField(
        label=_("Sorteren"),
        required=False,
        choices=[("", ""), ("date", _("op datum")), ("relevance", _("op relevantie"))],
    )
    page = forms.IntegerField(
        label=_("Pagina"),
        required=False,
        min_value=1,
        # Far beyond any real page, well inside a database's 64-bit OFFSET.
        max_value=MAX_PAGE,
        error_messages={
            "min_value": _("Het paginanummer moet 1 of hoger zijn."),
            "max_value": _("Het paginanummer mag hoogstens %(limit_value)s zijn."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from"] = _day_field(_("Vanaf"))
        self.fields["to"] = _day_field(_("Tot en met"))
        self.fields["theme"] = SlugMultipleField(Theme, label=_("thema"))
        self.fields["type"] = SlugMultipleField(ActivityType, label=_("soort activiteit"))
        self.fields["audience"] = SlugMultipleField(Audience, label=_("doelgroep"))
        self.fields["accessibility"] = SlugMultipleField(
            AccessibilityFacility, label=_("toegankelijkheid")
        )

    def _known_slug(self, name, model, unknown):
        """The slug in field `name` if a `model` row has it; `unknown` says so otherwise."""
        slug = self.cleaned_data.get(name)
        if slug and not model.objects.filter(slug=slug).exists():
            raise forms.ValidationError(unknown, params={"slug": slug})
        return slug

    def clean_region(self):
        return self._known_slug("region", Region, _("De regio ‘%(slug)s’ bestaat niet."))

    def clean_organisation(self):
        unknown = _("De organisatie ‘%(slug)s’ kennen we niet.")
        return self._known_slug("organisation", Organisation, unknown)

    def clean_province(self):
        value = (self.cleaned_data.get("province") or "").strip()
        if not value:
            return ""
        province = (
            Province.objects.filter(code__iexact=value).first()
            or Province.objects.filter(slug=value.lower()).first()
        )
        if province is None:
            raise forms.ValidationError(
                _("De provincie ‘%(value)s’ kennen we niet."), params={"value": value}
            )
        return province.code

    def clean_near(self):
        value = self.cleaned_data.get("near")
        if not value:
            return None
        try:
            return locate(value)
        except UnknownPlace as error:
            raise forms.ValidationError(str(error)) from error

    def clean_radius_km(self):
        return self.cleaned_data.get("radius_km") or 25

    def clean_page(self):
        return self.cleaned_data.get("page") or 1

    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and start > end:
            self.add_error("to", _("De einddatum ligt vóór de begindatum."))
        return data
