from __future__ import annotations

from django.contrib import admin

from wizard.models import Feedback, ShortLink


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["created_at", "outcome", "language", "solved"]
    list_filter = ["solved", "language", "outcome"]
    date_hierarchy = "created_at"


@admin.register(ShortLink)
class ShortLinkAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "ticket",
        "query",
        "language",
        "created_by",
        "created_at",
        "times_opened",
    ]
    list_filter = ["language", "is_macro"]
    search_fields = ["code", "ticket"]
    readonly_fields = ["code", "macro", "created_by", "times_opened", "last_opened_at"]
    date_hierarchy = "created_at"
