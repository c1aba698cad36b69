"""Which council a request acts for. Every query of council data goes through ``request.council``,
so one council's users never see another's data on the same installation."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from civicpost.desk.councils.models import Membership

SESSION_KEY = "civicpost_council"


class CurrentCouncil:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.council = None  # type: ignore[attr-defined]
        request.membership = None  # type: ignore[attr-defined]
        if request.user.is_authenticated:
            memberships = list(Membership.objects.filter(user=request.user, active=True)
                               .select_related("council"))
            request.memberships = memberships  # type: ignore[attr-defined]
            chosen = request.session.get(SESSION_KEY)
            membership = next((m for m in memberships if m.council_id == chosen), None)
            if membership is None and len(memberships) == 1:
                membership = memberships[0]
            if membership is not None:
                request.membership = membership  # type: ignore[attr-defined]
                request.council = membership.council  # type: ignore[attr-defined]
        return self.get_response(request)
