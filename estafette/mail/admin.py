from django.contrib import admin

from estafette.mail.models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "created_at", "send_after", "sent_at", "attempts"]
    list_filter = ["sent_at"]
    search_fields = ["subject"]
    readonly_fields = ["created_at"]
