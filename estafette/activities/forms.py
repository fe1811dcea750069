"""The guided activity form, the review actions and the cancel and import forms."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.models import construct_instance
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from estafette.activities.importer import ImportFileError, check_size, example_day, typed_moment
from estafette.activities.models import Activity
from estafette.activities.permissions import Action, can
from estafette.activities.rules import stage_week_label
from estafette.activities.services import REJECTION_REASONS, stage_for
from estafette.organisations.models import Organisation
from estafette.organisations.permissions import organisations_of
from estafette.relay.models import NationalMoment, Region
from estafette.relay.postcodes import InvalidPostcode, UnknownPostcode, lookup_postcode

# The steps of the guided form: (legend, help, fields).
STEPS = [
    (_("1. Wat"), _("Vertel in gewone woorden wat er gaat gebeuren."),
     ["title", "summary", "description", "types", "themes", "interactive_elements", "language"]),
    (_("2. Wie"), _("De organisatie die de activiteit organiseert. Partners nodigt u daarna uit."),
     ["lead_organisation"]),
    (_("3. Waar en wanneer"), _("De datum moet in de week van uw regio vallen."),
     ["format", "venue_name", "street_address", "postcode", "town", "online_url", "online_region",
      "is_national", "national_moment", "starts_at", "ends_at"]),
    (_("4. Voor wie en toegankelijkheid"), _("Voor wie is de activiteit, en wat kost het?"),
     ["audiences", "accessibility", "accessibility_notes", "is_free", "cost_description"]),
    (_("5. Aanmelden"), _("Hoe melden bezoekers zich aan?"),
     ["signup_mode", "capacity", "max_places_per_signup", "signup_confirmation", "signup_url"]),
]  # fmt: skip

HELP = {
    "title": _("Kort en duidelijk, bijvoorbeeld ‘Workshop beeldbellen voor mantelzorgers’."),
    "description": _("Wat doen bezoekers? Wat nemen ze mee naar huis?"),
    "postcode": _("Bijvoorbeeld 7511 AA. Wij zoeken zelf de provincie en de regio erbij."),
    "online_region": _("Alleen voor online activiteiten. Leeg: de regio van uw organisatie."),
    "is_national": _(
        "Alleen voor het landelijk team: de activiteit hoort bij een landelijk moment."
    ),
    "capacity": _("Hoeveel mensen kunnen er komen?"),
    "audiences": _(
        "Kies iedereen voor wie de activiteit bedoeld is én wie er ook iets aan heeft: een "
        "activiteit voor burgers die ook zorgprofessionals interesseert, krijgt beide. Zo vinden "
        "zij hem allebei in de agenda."
    ),
}

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ActivityForm(forms.ModelForm):
    online_region = forms.ModelChoiceField(
        Region.objects.all(), required=False, label=_("Regio (voor online activiteiten)")
    )
    is_national = forms.BooleanField(required=False, label=_("Landelijke activiteit"))

    class Meta:
        model = Activity
        fields = [
            "title", "summary", "description", "types", "themes", "interactive_elements",
            "language", "lead_organisation", "format", "venue_name", "street_address", "postcode",
            "town", "online_url", "national_moment", "starts_at", "ends_at", "audiences",
            "accessibility", "accessibility_notes", "is_free", "cost_description", "signup_mode",
            "capacity", "max_places_per_signup", "signup_confirmation", "signup_url",
        ]  # fmt: skip
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "starts_at": DATETIME_INPUT,
            "ends_at": DATETIME_INPUT,
            "types": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "audiences": forms.CheckboxSelectMultiple,
            "interactive_elements": forms.CheckboxSelectMultiple,
            "accessibility": forms.CheckboxSelectMultiple,
            "format": forms.RadioSelect,
            "signup_mode": forms.RadioSelect,
        }

    def __init__(self, *args, user, edition, draft=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.edition, self.draft = user, edition, draft
        self._limit_lead_organisation()
        self.fields["national_moment"].queryset = NationalMoment.objects.filter(edition=edition)
        self.fields["national_moment"].required = False
        if not (user.is_staff or user.is_superuser):
            del self.fields["is_national"]
            del self.fields["national_moment"]
        else:
            self.initial.setdefault("is_national", bool(self.instance.national_moment_id))
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%d-%m-%Y %H:%M", "%Y-%m-%d %H:%M"]
        if self.instance.pk and self.instance.stage_id and not self.instance.has_venue:
            self.initial.setdefault("online_region", self.instance.stage.region_id)
        for name, text in HELP.items():
            if name in self.fields:
                self.fields[name].help_text = text
        self._show_region_week()
        self.fields["capacity"].min_value = 0
        if self.instance.pk and not can(user, self.instance, Action.CAPACITY):
            self.fields["capacity"].disabled = True
            self.fields["capacity"].help_text = _(
                "Alleen de organisator en de beheerders van partners passen het aantal plaatsen aan."
            )
        if draft:
            # A draft may be incomplete; the type checks stay.
            for name, field in self.fields.items():
                if name != "lead_organisation":
                    field.required = False

    def _region(self):
        """The region whose week the dates should fall in, as far as we know it yet: the
        activity's stage, else the lead organisation's region."""
        if self.instance.stage_id:
            return self.instance.stage.region
        lead = self.instance.lead_organisation if self.instance.lead_organisation_id else None
        if lead is None and self.initial.get("lead_organisation"):
            lead = Organisation.objects.filter(pk=self.initial["lead_organisation"]).first()
        if lead is not None and lead.province_id:
            return lead.province.region
        return None

    def _show_region_week(self):
        """The week beside the date fields and an example date in it, from this edition."""
        stages = list(self.edition.stages.select_related("region").order_by("starts_on"))
        self.week_labels = {}
        for stage in stages:  # by slug (postcode lookup) and by id (the online region list)
            self.week_labels[stage.region.slug] = self.week_labels[str(stage.region_id)] = (
                stage_week_label(stage)
            )
        region = self._region()
        own = next(
            (stage for stage in stages if stage.region_id == getattr(region, "pk", None)), None
        )
        example = own or (stages[0] if stages else None)
        if example is not None and "starts_at" in self.fields:
            self.fields["starts_at"].help_text = _("Datum en tijd, bijvoorbeeld %(example)s.") % {
                "example": typed_moment(example_day(example), 14)
            }
        for name in ("starts_at", "ends_at"):
            if name in self.fields:
                described = [f"id_{name}_helptext"] if self.fields[name].help_text else []
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(
                    [*described, "region-week"]
                )

    def _limit_lead_organisation(self):
        """A new activity is led by one of the user's organisations; an existing one changes
        hands only by its lead organisation's admin (a partner saving the form keeps the lead)."""
        field = self.fields["lead_organisation"]
        current = self.instance.lead_organisation_id
        if self.instance.pk and not can(self.user, self.instance, Action.LEAD_CHANGE):
            field.queryset = Organisation.objects.filter(pk=current)
            field.disabled = True
            field.help_text = _("Alleen een beheerder van de organisator kan dit wijzigen.")
            self.initial["lead_organisation"] = current  # not a lead change someone proposed
            return
        proposed = self.initial.get("lead_organisation")  # a waiting revision may propose one
        field.queryset = Organisation.objects.filter(
            Q(pk__in=organisations_of(self.user).values("pk")) | Q(pk=current) | Q(pk=proposed)
        )
        mine = list(organisations_of(self.user)[:2])
        if len(mine) == 1 and not current:
            self.initial.setdefault("lead_organisation", mine[0].pk)

    @property
    def steps(self):
        return [
            {
                "legend": legend,
                "help": help_text,
                "fields": [self[n] for n in names if n in self.fields],
            }
            for legend, help_text, names in STEPS
        ]

    def clean_postcode(self):
        raw = self.cleaned_data.get("postcode", "").strip()
        self.province = None
        if not raw:
            return ""
        try:
            postcode, province = lookup_postcode(raw)
        except (InvalidPostcode, UnknownPostcode) as error:
            raise ValidationError(str(error)) from error
        self.province = province
        return str(postcode)

    def _place(self):
        """Derive province, edition and stage: never typed, always computed."""
        activity = self.instance
        activity.province = getattr(self, "province", None)
        activity.edition = self.edition
        is_national = self.cleaned_data.get("is_national") and "is_national" in self.fields
        if is_national:
            activity.stage = None
            activity.national_moment = self.cleaned_data.get("national_moment")
            if activity.national_moment is None and not self.draft:
                self.add_error(
                    "national_moment", _("Kies het landelijke moment van deze activiteit.")
                )
        else:
            activity.national_moment = None
            region = None if activity.has_venue else self.cleaned_data.get("online_region")
            activity.stage = stage_for(activity, edition=self.edition, region=region)

    def _fill_draft_gaps(self):
        """The database needs a few values even in a draft; the submit check asks for the real ones."""

        activity = self.instance
        if activity.stage_id is None and activity.national_moment_id is None:
            self.add_error(
                "postcode",
                _("We kunnen de regio niet bepalen. Vul de postcode in of kies een regio."),
            )
        first_day = activity.stage.starts_on if activity.stage_id else None
        if activity.starts_at is None and first_day:
            activity.starts_at = timezone.make_aware(dt.datetime.combine(first_day, dt.time(10)))
        ends_missing = activity.ends_at is None or (
            activity.starts_at and activity.ends_at <= activity.starts_at
        )
        if ends_missing and activity.starts_at:
            activity.ends_at = activity.starts_at + dt.timedelta(hours=2)
        if activity.signup_mode == Activity.SignupMode.PLATFORM and activity.capacity is None:
            activity.capacity = 0
        if activity.max_places_per_signup is None:
            activity.max_places_per_signup = 1

    def _post_clean(self):
        opts = self._meta
        try:
            self.instance = construct_instance(self, self.instance, opts.fields, opts.exclude)
        except ValidationError as error:
            self._update_errors(error)
            return
        self._place()
        if self.draft:
            self._fill_draft_gaps()
            return
        try:
            self.instance.full_clean(
                exclude=self._get_validation_exclusions(), validate_unique=False
            )
        except ValidationError as error:
            self._update_errors(error)

    @property
    def region_week(self) -> str:
        """The week of the activity's region (after a POST: the region its postcode gave)."""
        region = self._region()
        return self.week_labels.get(region.slug, "") if region is not None else ""

    @property
    def region_message(self):
        activity = self.instance
        if activity.stage_id:
            return _("Deze locatie ligt in regio %(region)s.") % {
                "region": activity.stage.region.name
            }
        return ""


class RequestChangesForm(forms.Form):
    message = forms.CharField(
        label=_("Wat moet de organisator aanpassen?"), widget=forms.Textarea(attrs={"rows": 4})
    )


class RejectForm(forms.Form):
    preset = forms.ChoiceField(
        label=_("Reden"),
        choices=[("", _("Kies een reden"))] + [(key, text) for key, text in REJECTION_REASONS],
        required=False,
    )
    reason = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        data = super().clean()
        preset = dict(REJECTION_REASONS).get(data.get("preset"), "")
        text = " ".join(part for part in (str(preset), data.get("reason", "").strip()) if part)
        if not text:
            raise ValidationError(_("Kies een reden of schrijf er een."))
        data["full_reason"] = text
        return data


class RejectRevisionForm(forms.Form):
    note = forms.CharField(
        label=_("Waarom gaat deze wijziging niet online?"),
        help_text=_("De organisator krijgt dit in een e-mail."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf waarom de wijziging niet online gaat.")},
    )


class CoordinatorNoteForm(forms.Form):
    """The coordinators' note on the review page (its own prefix: the page holds other forms)."""

    prefix = "coordinator_note"
    text = forms.CharField(
        label=_("Notitie voor coördinatoren"),
        help_text=_(
            "Alleen de coördinatoren van deze regio en het landelijk team zien deze notitie. "
            "De organisator ziet haar niet."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom gaat de activiteit niet door?"),
        help_text=_("Deze reden staat op de openbare pagina van de activiteit."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand (CSV of Excel)"),
        help_text=_("Gebruik het voorbeeldbestand. CSV moet UTF-8 zijn."),
    )
    lead_organisation = forms.ModelChoiceField(queryset=None, label=_("Organisator"))

    def clean_file(self):
        """Too big a file is refused before it is read into memory."""

        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size)
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from error
        return upload

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_organisation"].queryset = organisations_of(user)
        mine = list(organisations_of(user)[:2])
        if len(mine) == 1:
            self.initial.setdefault("lead_organisation", mine[0].pk)
