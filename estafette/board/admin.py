from django.contrib import admin

from estafette.board.models import Answer, Call, DigestSubscription, WantedKind


class WantedKindInline(admin.TabularInline):
    model = WantedKind
    extra = 0


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "stage", "is_hidden", "closed_at", "created_at"]
    list_filter = ["is_hidden", "stage__edition", "stage__region"]
    search_fields = ["title", "plan", "organisation__name"]
    raw_id_fields = ["organisation", "created_by", "activity"]
    inlines = [WantedKindInline]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["call", "organisation", "status", "created_at"]
    raw_id_fields = ["call", "organisation", "created_by", "invitation"]


admin.site.register(DigestSubscription)
