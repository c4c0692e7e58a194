from __future__ import annotations

from django.urls import path

from wizard import agent_views, insight_views

app_name = "agents"

# /<lang>/agents/... (staff only)
urlpatterns = [
    path("", agent_views.dashboard, name="dashboard"),
    path("links/", agent_views.links, name="links"),
    path("insight/", insight_views.insight, name="insight"),
    path("insight/<slug:table>.csv", insight_views.insight_csv, name="insight-csv"),
]
