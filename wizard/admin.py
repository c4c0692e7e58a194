from __future__ import annotations

from django.contrib import admin

from wizard.models import Feedback, OutcomeVisit


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["created_at", "outcome", "language", "solved"]
    list_filter = ["solved", "language", "outcome"]
    date_hierarchy = "created_at"


@admin.register(OutcomeVisit)
class OutcomeVisitAdmin(admin.ModelAdmin):
    list_display = ["created_at", "outcome", "language"]
    list_filter = ["language", "outcome"]
    date_hierarchy = "created_at"
