"""Every check the desk makes goes through here to the engine, with the council's current policy
version and registers, so that a version records exactly what it was checked against."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from civicpost.desk.councils.models import Council, Role
from civicpost.desk.councils.registers import registers
from civicpost.desk.policies.models import PolicyVersion, version_in_force
from civicpost.engine import Report, check

_ENGINE_ROLE = {Role.CLERK: "clerk", Role.OFFICER: "officer", Role.COUNCILLOR: "councillor",
                Role.PARTNER: "partner", Role.AUDITOR: "officer"}


@dataclass(frozen=True)
class Checked:
    report: Report
    policy: PolicyVersion
    context: dict[str, Any]


def engine_context(council: Council, *, role: str, kind: str = "post", account: str = "council",
                   when: dt.datetime | None = None,
                   media: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    day = timezone.localtime(when).date() if when else timezone.localdate()
    return {
        "account": account,
        "kind": kind,
        "date": day.isoformat(),
        "author_role": _ENGINE_ROLE.get(role, "officer"),
        "media": [{k: m[k] for k in ("type", "alt", "credit", "shows_people", "shows_children",
                                     "consent") if k in m} for m in media or []],
        **registers(council),
    }


def check_text(council: Council, text: str, *, role: str, kind: str = "post",
               account: str = "council", when: dt.datetime | None = None,
               media: list[dict[str, Any]] | None = None) -> Checked:
    policy = version_in_force(council)
    context = engine_context(council, role=role, kind=kind, account=account, when=when, media=media)
    return Checked(check(text, context, policy.pack), policy, context)
