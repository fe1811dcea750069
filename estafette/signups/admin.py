"""Sign-ups in the admin: to look up, not to edit; cancelling goes through the service, which
frees the places, moves the waiting list up and writes the audit trail."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from estafette.core.admin import ReadOnlyMixin, service_action
from estafette.signups import services
from estafette.signups.models import Signup

cancel = service_action(
    "cancel",
    services.cancel_signup,
    _("Annuleren (plaatsen komen vrij)"),
    _("%(count)s aanmeldingen geannuleerd."),
)


@admin.register(Signup)
class SignupAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "email", "activity", "status", "places", "created_at", "erased_at"]
    list_filter = ["status", "role"]
    search_fields = ["email", "name", "activity__title"]
    list_select_related = ["activity"]
    raw_id_fields = ["activity"]
    actions = [cancel]
