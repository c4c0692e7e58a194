"""The help center's own pages, under /<lang>/ (namespace "helpcenter")."""

from __future__ import annotations

from django.urls import path

from helpcenter import views

app_name = "helpcenter"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<slug:slug>/", views.article, name="article"),
]
