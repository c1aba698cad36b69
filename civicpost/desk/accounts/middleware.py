"""Sessions that end at the end of the working day and after inactivity (Loughton §3: "log out of
accounts at the end of the task or working day"), and two-factor before anything else for a Clerk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

SIGNED_IN_AT = "civicpost_signed_in_at"
LAST_SEEN = "civicpost_last_seen"
OPEN_TO_UNVERIFIED = ("accounts:two-factor", "accounts:two-factor-setup", "accounts:sign-out")


def session_ends_at(signed_in: dt.datetime) -> dt.datetime:
    """The end of the working day on which the person signed in. Out of hours (an emergency
    at night) the session still ends at midnight that day."""
    local = timezone.localtime(signed_in)
    end_time = settings.CIVICPOST_WORKING_DAY_END
    end = local.replace(hour=end_time.hour, minute=end_time.minute, second=0, microsecond=0)
    if local >= end:
        end = (local + dt.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return end


def _url_name(request: HttpRequest) -> str | None:
    try:
        found = resolve(request.path_info)
    except Resolver404:
        return None
    return f"{found.namespace}:{found.url_name}"


class WorkingDaySessions:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            ended = self._ended(request)
            if ended:
                from civicpost.desk.audit.log import record

                record("session.ended", actor=user, subject=user, summary=f"Signed out: {ended}")
                logout(request)
                messages.info(request, f"You were signed out: {ended}. Please sign in again.")
                return redirect(f"{reverse('accounts:sign-in')}?next={request.path}")
            memberships = getattr(request, "memberships", None)
            clerk = (any(m.is_clerk for m in memberships) if memberships is not None
                     else user.needs_two_factor)
            if (clerk and not user.is_verified()  # type: ignore[attr-defined]
                    and _url_name(request) not in OPEN_TO_UNVERIFIED
                    and not request.path.startswith(settings.STATIC_URL)):
                return redirect("accounts:two-factor")
        return self.get_response(request)

    def _ended(self, request: HttpRequest) -> str:
        now = timezone.now()
        session = request.session
        started = session.get(SIGNED_IN_AT)
        seen = session.get(LAST_SEEN)
        if started and now >= session_ends_at(dt.datetime.fromisoformat(started)):
            return "the working day has ended"
        if seen:
            idle = now - dt.datetime.fromisoformat(seen)
            if idle > dt.timedelta(minutes=settings.CIVICPOST_IDLE_MINUTES):
                return f"no activity for {settings.CIVICPOST_IDLE_MINUTES} minutes"
        # Writing the session on every request would make every page a database write; a minute's
        # resolution is enough for an inactivity limit counted in tens of minutes.
        if not seen or (now - dt.datetime.fromisoformat(seen)).total_seconds() > 60:
            session[LAST_SEEN] = now.isoformat()
        return ""
