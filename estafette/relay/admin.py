from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from estafette.core.admin import StaffAuditMixin
from estafette.relay.models import Edition, NationalMoment, Province, Region, Stage


class StageFormSet(BaseInlineFormSet):
    """Checks the stages of one edition against each other, also before any is saved."""

    def clean(self):
        super().clean()
        # Each form's instance holds its cleaned values (unsaved), so the model's rule applies.
        stages = [
            form.instance
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("starts_on")
            and form.cleaned_data.get("ends_on")
            and form.cleaned_data.get("region")
        ]
        regions = [stage.region for stage in stages]
        for region in {r for r in regions if regions.count(r) > 1}:
            raise ValidationError(
                _("Regio %(region)s staat twee keer in deze editie.") % {"region": region.name}
            )
        for i, a in enumerate(stages):
            for b in stages[i + 1 :]:
                if a.overlaps(b):
                    raise ValidationError(
                        _("De weken van regio %(a)s en regio %(b)s overlappen.")
                        % {"a": a.region.name, "b": b.region.name}
                    )


class StageInline(admin.TabularInline):
    model = Stage
    formset = StageFormSet
    extra = 0
    ordering = ["order"]


class NationalMomentInline(admin.TabularInline):
    model = NationalMoment
    extra = 0


@admin.register(Edition)
class EditionAdmin(StaffAuditMixin, admin.ModelAdmin):
    list_display = ["year", "__str__", "starts_on", "ends_on", "is_published"]
    inlines = [NationalMomentInline, StageInline]


class ProvinceInline(admin.TabularInline):
    model = Province
    extra = 0


@admin.register(Region)
class RegionAdmin(StaffAuditMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "colour"]
    inlines = [ProvinceInline]


@admin.register(Province)
class ProvinceAdmin(StaffAuditMixin, admin.ModelAdmin):
    list_display = ["name", "code", "region"]
    list_filter = ["region"]


admin.site.site_header = gettext_lazy("Beheer Slimme Zorg Estafette")
admin.site.site_title = gettext_lazy("Slimme Zorg Estafette")
