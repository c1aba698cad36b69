"""Who may open which page: a view names the roles it serves, and everyone else gets a plain
"you cannot do this" page (403), never another council's data."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

View = Callable[..., HttpResponse]


def council_page(*roles: str) -> Callable[[View], View]:
    """The view needs a signed-in member of the current council, in one of ``roles`` if given."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = getattr(request, "membership", None)
            if membership is None:
                if getattr(request, "memberships", None):
                    return redirect("councils:choose")
                return forbidden(request, "You are not a member of any council on civicpost. "
                                          "Ask your Town Clerk to add you.")
            if roles and membership.role not in roles and not (
                    "approver" in roles and membership.can_approve):
                return forbidden(request, f"As {membership.get_role_display().lower()} at "
                                          f"{membership.council} you cannot use this page.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def forbidden(request: HttpRequest, reason: str) -> HttpResponse:
    return render(request, "pages/forbidden.html", {"reason": reason}, status=403)
