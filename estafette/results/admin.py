from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from estafette.core.admin import ReasonForm, StaffAuditMixin, hide_action, service_action
from estafette.results import services
from estafette.results.models import Material, Result

hide = hide_action(services.hide_result, _("%(count)s terugblikken verborgen."))
show = service_action(
    "show", services.show_result, _("Weer tonen"), _("%(count)s terugblikken weer getoond.")
)


class MaterialInline(admin.TabularInline):
    model = Material
    extra = 0


@admin.register(Result)
class ResultAdmin(StaffAuditMixin, admin.ModelAdmin):
    list_display = ["activity", "participants", "professionals", "citizens", "is_hidden"]
    list_filter = ["is_hidden", "activity__edition", "activity__stage__region"]
    search_fields = ["activity__title", "summary"]
    raw_id_fields = ["activity", "reported_by"]
    inlines = [MaterialInline]
    # Hiding goes through the services (actions), which check who may and keep the reason.
    readonly_fields = ["is_hidden", "hidden_reason"]
    action_form = ReasonForm
    actions = [hide, show]
