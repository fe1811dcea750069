from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from estafette.accounts.models import User
from estafette.core.admin import StaffAuditMixin


@admin.register(User)
class UserAdmin(StaffAuditMixin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "full_name"]
    filter_horizontal = ["groups", "user_permissions", "coordinated_regions"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Persoonlijk"), {"fields": ["full_name"]}),
        (
            _("Rechten"),
            {
                "fields": [
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "coordinated_regions",
                    "groups",
                    "user_permissions",
                ]
            },
        ),
        (_("Data"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
