from __future__ import annotations

from django.contrib import admin

from helpcenter.models import ArticleFeedback, Event


@admin.register(ArticleFeedback)
class ArticleFeedbackAdmin(admin.ModelAdmin):
    list_display = ["updated_at", "article", "language", "helpful", "comment"]
    list_filter = ["helpful", "language", "article"]
    search_fields = ["comment"]
    readonly_fields = ["article", "language", "helpful", "comment", "created_at", "updated_at"]
    date_hierarchy = "updated_at"


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "name", "subject", "detail", "language", "link_code"]
    list_filter = ["name", "language"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
