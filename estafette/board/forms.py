"""Board forms: the public filter, a new call, an answer, accepting, hiding."""

from django import forms
from django.utils.translation import gettext_lazy as _

from estafette.activities.models import Activity, Theme
from estafette.organisations.models import Organisation
from estafette.organisations.permissions import organisations_of
from estafette.partners.services import INVITING_STATUSES
from estafette.relay.models import Region, Stage


class BoardFilterForm(forms.Form):
    region = forms.ModelChoiceField(
        label=_("Regio"),
        queryset=Region.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle regio's"),
    )
    kind = forms.ChoiceField(
        label=_("Gezochte soort partner"),
        choices=[("", _("Alle soorten"))] + list(Organisation.Kind.choices),
        required=False,
    )


class CallForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Namens"), queryset=Organisation.objects.none())
    stage = forms.ModelChoiceField(
        label=_("Regioweek"),
        queryset=Stage.objects.none(),
        help_text=_("U plaatst een oproep vóór de week van de regio."),
    )
    title = forms.CharField(label=_("Titel"), max_length=150)
    plan = forms.CharField(
        label=_("Wat bent u van plan?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Vertel wat voor activiteit het wordt en wat de partner kan bijdragen."),
    )
    kinds = forms.MultipleChoiceField(
        label=_("Welke soort partner zoekt u?"),
        choices=Organisation.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    activity = forms.ModelChoiceField(
        label=_("Activiteit (als u die al heeft aangemaakt)"),
        queryset=Activity.objects.none(),
        required=False,
    )

    def __init__(self, *args, user, stages, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = organisations_of(user)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()
        self.fields["stage"].queryset = stages
        self.fields["activity"].queryset = Activity.objects.filter(
            lead_organisation__in=organisations, stage__in=stages
        ).exclude(status__in=[Activity.Status.CANCELLED, Activity.Status.REJECTED])


class AnswerForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Namens"), queryset=Organisation.objects.none())
    message = forms.CharField(
        label=_("Wat wil uw organisatie bijdragen?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()


class AcceptForm(forms.Form):
    activity = forms.ModelChoiceField(
        label=_("Uitnodigen als partner voor"), queryset=Activity.objects.none()
    )

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        # Only activities that may send invitations (partners.services decides which).
        self.fields["activity"].queryset = Activity.objects.filter(
            lead_organisation=call.organisation, status__in=INVITING_STATUSES
        )
        if call.activity_id:
            self.fields["activity"].initial = call.activity_id


class HideCallForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom verbergt u deze oproep?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
