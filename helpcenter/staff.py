"""Staff accounts: who may see the support pages, the login lockout, and refused staff forms.

Staff pages are private (`Cache-Control: private, no-store`) and need `is_staff`: a visitor who is
not logged in is sent to the login page; a logged-in account without staff rights gets a clear 403.
Logins are locked per account and client after a few failures by django-axes (settings.AXES_*);
the lockout page below says for how long.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

View = Callable[..., HttpResponse]


def staff_page(view: View) -> View:
    """For support staff only, never stored by any cache."""

    @never_cache
    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (user.is_active and user.is_staff):
            return render(request, "helpcenter/staff_only.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def client_ip(request: HttpRequest) -> str | None:
    """The client's address as the rate limits see it (settings.RATELIMIT_IP_META_KEY)."""
    header = settings.RATELIMIT_IP_META_KEY or "REMOTE_ADDR"
    value = request.META.get(header, "") if request is not None else ""
    return value.split(",")[0].strip() or None


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: object = None
) -> HttpResponse:
    """settings.AXES_LOCKOUT_CALLABLE: too many failed logins for this account from this client."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = render(request, "helpcenter/locked_out.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    response["Cache-Control"] = "private, no-store"
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """settings.CSRF_FAILURE_VIEW: a staff form sent without its token, or with a forged one."""
    response = render(request, "helpcenter/csrf_failure.html", status=403)
    response["Cache-Control"] = "private, no-store"
    return response
