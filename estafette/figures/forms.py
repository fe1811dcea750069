"""The figures page's one question: which figure goes on the map."""

from django import forms
from django.utils.translation import gettext_lazy as _

from estafette.figures.queries import METRICS


class MapMetricForm(forms.Form):
    kaart = forms.ChoiceField(
        label=_("Toon op de kaart"),
        choices=[(metric.key, metric.label) for metric in METRICS],
        required=False,
        error_messages={
            "invalid_choice": _(
                "Kies een van de cijfers uit de lijst; de kaart toont nu de activiteiten."
            )
        },
    )

    def metric_key(self) -> str:
        if self.is_valid() and self.cleaned_data["kaart"]:
            return self.cleaned_data["kaart"]
        return METRICS[0].key
