"""The audit trail in the admin: read-only, for staff who need to trace a decision."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from estafette.core.audit import ACTIONS, action_label
from estafette.core.models import AuditEntry


class ActionFilter(admin.SimpleListFilter):
    title = _("actie")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        return [(code, f"{label} ({code})") for code, label in ACTIONS.items()]

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "label", "target_type", "target_id", "to_status"]
    list_filter = [ActionFilter, "target_type"]
    search_fields = ["message", "actor__email"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "target_type"]

    @admin.display(description=_("actie"), ordering="action")
    def label(self, entry):
        return f"{action_label(entry.action)} ({entry.action})"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
