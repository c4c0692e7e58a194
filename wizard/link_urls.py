from __future__ import annotations

from django.urls import path

from wizard import link_views

# /l/... : outside the language prefix, so that links stay short; the page they lead to is in the
# link's language.
urlpatterns = [
    path("<str:code>/", link_views.follow, name="shortlink"),
    path("<str:code>/<str:ticket>/", link_views.follow, name="shortlink-ticket"),
]
