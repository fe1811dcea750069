"""Sign-ups in the admin: to look up, not to edit (places change only through the services)."""

from django.contrib import admin

from estafette.signups.models import Signup


@admin.register(Signup)
class SignupAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "activity", "status", "places", "created_at", "erased_at"]
    list_filter = ["status", "role"]
    search_fields = ["email", "name", "activity__title"]
    list_select_related = ["activity"]
    raw_id_fields = ["activity"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
