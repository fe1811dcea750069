"""The audit trail in the admin, read-only, for staff who need to trace a decision; and what
every app's admin shares: staff's edits in that trail, actions that call the services."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from estafette.core.audit import ACTIONS, action_label, log_action, staff_code
from estafette.core.models import AuditEntry


class ActionFilter(admin.SimpleListFilter):
    title = _("actie")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        return [(code, f"{label} ({code})") for code, label in ACTIONS.items()]

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


class ReadOnlyMixin:
    """An admin to look things up in, not to add, change or delete them there."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["created_at", "actor", "label", "target_type", "target_id", "to_status"]
    list_filter = [ActionFilter, "target_type"]
    search_fields = ["message", "actor__email"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "target_type"]

    @admin.display(description=_("actie"), ordering="action")
    def label(self, entry):
        return f"{action_label(entry.action)} ({entry.action})"


class ReasonForm(ActionForm):
    """The admin's action bar with a field for the reason some decisions need."""

    reason = forms.CharField(
        label=_("Reden (bij afwijzen, annuleren of verbergen)"), required=False
    )


def run_service(modeladmin, request, queryset, service, done, **kwargs) -> None:
    """An admin action: one service call per selected object (given as the keyword named after
    its model: `activity=`, `result=`), so the audit trail and the mails follow as elsewhere.
    A refusal is shown for its object; the others go on."""
    count = 0
    for item in queryset:
        try:
            service(**{item._meta.model_name: item}, by=request.user, **kwargs)
        except ValidationError as error:
            problems = " ".join(error.messages)
            modeladmin.message_user(request, f"{item}: {problems}", messages.ERROR)
        else:
            count += 1
    if count:
        modeladmin.message_user(request, done % {"count": count}, messages.SUCCESS)


def service_action(name: str, service, description, done, *, with_reason: bool = False):
    """An admin action called `name` that runs `service` on each selected object (see
    run_service), with the reason from the action bar (ReasonForm) where it needs one."""

    def action(modeladmin, request, queryset):
        reason = {"reason": request.POST.get("reason", "")} if with_reason else {}
        run_service(modeladmin, request, queryset, service, done, **reason)

    action.__name__ = name
    return admin.action(description=description)(action)


def hide_action(service, done):
    """Moderation as on the site: a coordinator hides a result or a call, with a reason."""
    return service_action("hide", service, _("Verbergen (met reden)"), done, with_reason=True)


def log_staff_edit(request, target, verb: str, **data) -> None:
    log_action(actor=request.user, action=staff_code(target, verb), target=target, **data)


class StaffAuditMixin:
    """Staff's edits in the admin go into the audit trail as every other change does:
    `<model>.added_by_staff`, `<model>.changed_by_staff` (with the names of the changed fields)
    and `<model>.deleted_by_staff`, for the model and for the rows of its inlines."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            log_staff_edit(request, obj, "added")
        elif form.changed_data:
            log_staff_edit(request, obj, "changed", fields=form.changed_data)

    def delete_model(self, request, obj):
        log_staff_edit(request, obj, "deleted")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            log_staff_edit(request, obj, "deleted")
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        for deleted in formset.deleted_forms:
            if deleted.instance.pk is not None:
                log_staff_edit(request, deleted.instance, "deleted")
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            log_staff_edit(request, obj, "added")
        for obj, fields in formset.changed_objects:
            log_staff_edit(request, obj, "changed", fields=fields)
