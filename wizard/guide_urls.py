from __future__ import annotations

from django.urls import path

from wizard import views

app_name = "guides"

# /<lang>/admin-guide/...
urlpatterns = [
    path("<slug:guide>/", views.admin_guide, name="guide"),
]
