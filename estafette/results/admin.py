from django.contrib import admin

from estafette.results.models import Material, Result


class MaterialInline(admin.TabularInline):
    model = Material
    extra = 0


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    list_display = ["activity", "participants", "professionals", "citizens", "is_hidden"]
    list_filter = ["is_hidden", "activity__edition", "activity__stage__region"]
    search_fields = ["activity__title", "summary"]
    raw_id_fields = ["activity", "reported_by"]
    inlines = [MaterialInline]
