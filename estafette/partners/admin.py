from django.contrib import admin

from estafette.partners.models import Partner


class PartnerInline(admin.TabularInline):
    model = Partner
    fk_name = "activity"
    extra = 0
    raw_id_fields = ["organisation", "invited_by"]
    # The invited organisation answers (partners.services.answer_invitation), not staff.
    readonly_fields = ["status", "answered_at"]
