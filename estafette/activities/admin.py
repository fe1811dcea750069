from django.contrib import admin

from estafette.activities.models import (
    AccessibilityFacility,
    Activity,
    ActivityType,
    Audience,
    InteractiveElement,
    Theme,
)
from estafette.partners.admin import PartnerInline


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "edition", "stage", "lead_organisation", "starts_at", "status"]
    list_filter = ["status", "edition", "stage__region", "format", "signup_mode"]
    search_fields = ["title", "town", "lead_organisation__name"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["lead_organisation", "created_by", "copied_from"]
    list_select_related = ["edition", "stage__region", "lead_organisation"]
    filter_horizontal = ["types", "themes", "audiences", "interactive_elements", "accessibility"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PartnerInline]


for model in (Theme, ActivityType, Audience, InteractiveElement, AccessibilityFacility):
    admin.site.register(
        model,
        list_display=["name", "name_en", "slug", "position"],
        prepopulated_fields={"slug": ["name"]},
    )
