from __future__ import annotations

from django.urls import path

from wizard import events, views

app_name = "wizard"

# /<lang>/wizard/...
urlpatterns = [
    path("", views.step, name="step"),
    path("error/", views.error_entry, name="error"),
    path("feedback/", views.feedback, name="feedback"),
    path("email/", views.admin_email, name="email"),
    # The page script's events (wizard.events); "visit" for the outcome page's counter.
    path("visit/", events.record_event, name="visit"),
]
