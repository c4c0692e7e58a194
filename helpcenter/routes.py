"""The help center's own pages, under /<lang>/ (namespace "helpcenter")."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from helpcenter import feedback, views
from helpcenter.search.views import search_page

app_name = "helpcenter"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<slug:slug>/", views.article, name="article"),
    path("articles/<slug:slug>/feedback/", feedback.article_feedback, name="feedback"),
    path("search/", search_page, name="search"),
    # Support staff: the site's own login page (django-axes locks it after repeated failures).
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="helpcenter/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
