"""What every page's layout needs: the council, the person's role there, the menu and banners."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.module_loading import import_string

from civicpost.desk.councils.models import Role


@dataclass(frozen=True)
class MenuItem:
    label: str
    url: str
    current: bool


# (label, url name, roles that see it; "approver" means Clerk or a delegated officer)
MENU = [
    ("Dashboard", "councils:dashboard", None),
    ("New post", "posts:compose", {Role.CLERK, Role.OFFICER, Role.PARTNER}),
    ("Approvals", "posts:approvals", {"approver"}),
    ("Inbox", "inbox:queue", {Role.CLERK, Role.OFFICER}),
    ("Incidents", "incidents:list", {Role.CLERK, Role.AUDITOR}),
    ("Archive", "posts:archive", {Role.CLERK, Role.OFFICER, Role.AUDITOR, Role.PARTNER}),
    ("Check my own post", "personal:check", {Role.CLERK, Role.OFFICER, Role.COUNCILLOR}),
    ("Audit trail", "audit:trail", {Role.CLERK, Role.AUDITOR}),
    ("People", "people:register", {Role.CLERK, Role.AUDITOR}),
    ("Policy", "policies:policy", None),
    ("Elections", "elections:calendar", {Role.CLERK}),
    ("Settings", "councils:settings", {Role.CLERK}),
]


# Every page's layout asks for these; the URLs and the banner functions never change while the
# server runs.
@cache
def _url(name: str) -> str:
    return reverse(name)


@cache
def _banner(path: str) -> Callable[[HttpRequest], list[dict[str, Any]]]:
    return import_string(path)  # type: ignore[no-any-return]


def council(request: HttpRequest) -> dict[str, Any]:
    membership = getattr(request, "membership", None)
    current = getattr(request, "council", None)
    items: list[MenuItem] = []
    if membership is not None:
        for label, name, roles in MENU:
            if roles is None or membership.role in roles or ("approver" in roles and membership.can_approve):
                url = _url(name)
                here = request.path == url if url == "/" else request.path.startswith(url)
                items.append(MenuItem(label, url, here))
    banners = []
    if current is not None:
        for path in getattr(settings, "CIVICPOST_BANNERS", []):
            banners.extend(_banner(path)(request))
    return {"council": current, "membership": membership, "navigation": items,
            "alert_banners": banners}

