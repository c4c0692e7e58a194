from __future__ import annotations

from django.urls import path

from wizard import views

app_name = "agents"

# /<lang>/agents/... (staff only)
urlpatterns = [
    path("", views.agents, name="dashboard"),
]
