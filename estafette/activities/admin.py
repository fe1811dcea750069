from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from estafette.activities import services
from estafette.activities.models import VOCABULARIES, Activity
from estafette.activities.vocabulary_bits import refresh_vocabulary_bits
from estafette.agenda.search import reindex_after_commit
from estafette.core.admin import ReasonForm, StaffAuditMixin, service_action
from estafette.core.caching import bump_public_version
from estafette.partners.admin import PartnerInline

approve = service_action(
    "approve",
    services.approve_activity,
    _("Goedkeuren (publiceren)"),
    _("%(count)s goedgekeurd."),
)
reject = service_action(
    "reject",
    services.reject_activity,
    _("Afwijzen (met reden)"),
    _("%(count)s afgewezen."),
    with_reason=True,
)
cancel = service_action(
    "cancel",
    services.cancel_activity,
    _("Annuleren (met reden)"),
    _("%(count)s geannuleerd."),
    with_reason=True,
)


@admin.register(Activity)
class ActivityAdmin(StaffAuditMixin, admin.ModelAdmin):
    # The status changes only through the services (actions below): they check the step, write
    # the audit trail and mail the organisers and participants.
    readonly_fields = ["status", "submitted_at", "published_at", "cancellation_reason"]
    action_form = ReasonForm
    actions = [approve, reject, cancel]
    list_display = ["title", "edition", "stage", "lead_organisation", "starts_at", "status"]
    list_filter = ["status", "edition", "stage__region", "format", "signup_mode"]
    search_fields = ["title", "town", "lead_organisation__name"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["lead_organisation", "created_by", "copied_from"]
    list_select_related = ["edition", "stage__region", "lead_organisation"]
    filter_horizontal = ["types", "themes", "audiences", "interactive_elements", "accessibility"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PartnerInline]

    # Staff may change anything here, also of a public activity (the admin's changes are not
    # reviewed): its search entry and its edition's public pages follow after commit.
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_vocabulary_bits([form.instance.pk])
        reindex_after_commit([form.instance.pk])
        bump_public_version(edition_id=form.instance.edition_id)

    def delete_model(self, request, obj):
        pk, edition_id = obj.pk, obj.edition_id
        super().delete_model(request, obj)
        reindex_after_commit([pk])  # drops its entry
        bump_public_version(edition_id=edition_id)

    def delete_queryset(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        reindex_after_commit(ids)
        bump_public_version()


class VocabularyAdmin(StaffAuditMixin, admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "position"]
    prepopulated_fields = {"slug": ["name"]}


for model in VOCABULARIES:
    admin.site.register(model, VocabularyAdmin)
