from django.contrib import admin

from estafette.activities.vocabulary_bits import refresh_organiser_kinds
from estafette.agenda.search import reindex_after_commit
from estafette.core.admin import StaffAuditMixin
from estafette.core.caching import bump_public_version
from estafette.organisations.models import Membership, Organisation
from estafette.organisations.queries import public_activity_ids_of


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]
    # Requests, roles and removals are the organisation's admins' to decide (the services
    # keep it from losing its last admin); staff see them here.
    readonly_fields = ["status", "role"]


@admin.register(Organisation)
class OrganisationAdmin(StaffAuditMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "province", "town"]
    list_filter = ["kind", "province__region", "province"]
    search_fields = ["name", "town"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "kind" in form.changed_data:
            refresh_organiser_kinds(obj)  # the agenda counts its activities by kind
        # Its name is on the pages and in the search entries of the activities it organises.
        reindex_after_commit(public_activity_ids_of(obj))
        bump_public_version()
