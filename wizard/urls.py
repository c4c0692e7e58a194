from __future__ import annotations

from django.urls import path

from wizard import views

app_name = "wizard"

# /<lang>/wizard/...
urlpatterns = [
    path("", views.step, name="step"),
    path("error/", views.error_entry, name="error"),
    path("feedback/", views.feedback, name="feedback"),
    path("email/", views.admin_email, name="email"),
    path("visit/", views.outcome_visit, name="visit"),
]
