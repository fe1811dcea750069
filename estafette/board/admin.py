from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from estafette.board import services
from estafette.board.models import Answer, Call, DigestSubscription, WantedKind
from estafette.core.admin import ReasonForm, StaffAuditMixin, hide_action

hide = hide_action(services.hide_call, _("%(count)s oproepen verborgen."))


class WantedKindInline(admin.TabularInline):
    model = WantedKind
    extra = 0


@admin.register(Call)
class CallAdmin(StaffAuditMixin, admin.ModelAdmin):
    list_display = ["title", "organisation", "stage", "is_hidden", "closed_at", "created_at"]
    list_filter = ["is_hidden", "stage__edition", "stage__region"]
    search_fields = ["title", "plan", "organisation__name"]
    raw_id_fields = ["organisation", "created_by", "activity"]
    inlines = [WantedKindInline]
    # Hiding goes through the service (action); closing is the calling organisation's.
    readonly_fields = ["is_hidden", "hidden_reason", "closed_at"]
    action_form = ReasonForm
    actions = [hide]


@admin.register(Answer)
class AnswerAdmin(StaffAuditMixin, admin.ModelAdmin):
    list_display = ["call", "organisation", "status", "created_at"]
    raw_id_fields = ["call", "organisation", "created_by", "invitation"]
    # The calling organisation accepts or declines (board.services), not staff.
    readonly_fields = ["status"]


@admin.register(DigestSubscription)
class DigestSubscriptionAdmin(StaffAuditMixin, admin.ModelAdmin):
    pass
