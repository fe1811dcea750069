from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from estafette.activities import services
from estafette.activities.models import (
    AccessibilityFacility,
    Activity,
    ActivityType,
    Audience,
    InteractiveElement,
    Theme,
)
from estafette.activities.vocabulary_bits import refresh_vocabulary_bits
from estafette.agenda.search import reindex_after_commit
from estafette.core.caching import bump_public_version
from estafette.partners.admin import PartnerInline


class DecisionForm(ActionForm):
    """The admin's action bar with a field for the reason a rejection or cancellation needs."""

    reason = forms.CharField(label=_("Reden (bij afwijzen of annuleren)"), required=False)


def _decide(modeladmin, request, queryset, decide, done, **kwargs) -> None:
    """Run one service per activity, so the audit trail and the mails follow as elsewhere."""
    count = 0
    for activity in queryset:
        try:
            decide(activity=activity, by=request.user, **kwargs)
        except ValidationError as error:
            problems = " ".join(error.messages)
            modeladmin.message_user(request, f"{activity}: {problems}", messages.ERROR)
        else:
            count += 1
    if count:
        modeladmin.message_user(request, done % {"count": count}, messages.SUCCESS)


@admin.action(description=_("Goedkeuren (publiceren)"))
def approve(modeladmin, request, queryset):
    _decide(modeladmin, request, queryset, services.approve_activity, _("%(count)s goedgekeurd."))


@admin.action(description=_("Afwijzen (met reden)"))
def reject(modeladmin, request, queryset):
    _decide(
        modeladmin,
        request,
        queryset,
        services.reject_activity,
        _("%(count)s afgewezen."),
        reason=request.POST.get("reason", ""),
    )


@admin.action(description=_("Annuleren (met reden)"))
def cancel(modeladmin, request, queryset):
    _decide(
        modeladmin,
        request,
        queryset,
        services.cancel_activity,
        _("%(count)s geannuleerd."),
        reason=request.POST.get("reason", ""),
    )


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    # The status changes only through the services (actions below): they check the step, write
    # the audit trail and mail the organisers and participants.
    readonly_fields = ["status", "submitted_at", "published_at", "cancellation_reason"]
    action_form = DecisionForm
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


for model in (Theme, ActivityType, Audience, InteractiveElement, AccessibilityFacility):
    admin.site.register(
        model,
        list_display=["name", "name_en", "slug", "position"],
        prepopulated_fields={"slug": ["name"]},
    )
