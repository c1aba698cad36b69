"""What the policy adds to the dashboard (its review date, who has acknowledged it) and to every
page (a reminder to a person who has not acknowledged the version in force)."""

from __future__ import annotations

import time
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from civicpost.desk.policies.acknowledging import Document, missing_for
from civicpost.desk.policies.models import current_version, version_in_force
from civicpost.desk.policies.review import schedule

# What the person still had to acknowledge, kept in their session so that every page need not
# ask the database: for good once everything is done (an acknowledgement is never taken back),
# for a minute while something is outstanding (they may acknowledge in another browser), and
# forgotten when they acknowledge here, a new version comes into force or their role changes.
OUTSTANDING = "civicpost_outstanding"
RECHECK_SECONDS = 60


def acknowledgement_banner(request: HttpRequest) -> list[dict[str, Any]]:
    membership = getattr(request, "membership", None)
    if membership is None or request.path.startswith(reverse("policies:policy")):
        return []
    try:
        version = version_in_force(membership.council)
    except LookupError:
        return []
    missing = _outstanding(request, membership, version)
    if not missing:
        return []
    return [{"template": "policies/_acknowledge_banner.html",
             "alert": {"labels": [Document(d).label for d in missing],
                       "partner": membership.role == "partner",
                       "version": version.number}}]


def _outstanding(request: HttpRequest, membership: Any, version: Any) -> list[str]:
    kept = request.session.get(OUTSTANDING)
    now = time.time()
    if (kept and kept["for"] == [version.pk, membership.role]
            and (not kept["missing"] or now - kept["at"] < RECHECK_SECONDS)):
        return list(kept["missing"])
    missing = missing_for(membership, version)
    request.session[OUTSTANDING] = {"for": [version.pk, membership.role], "missing": missing, "at": now}
    return missing


def forget_outstanding(request: HttpRequest) -> None:
    request.session.pop(OUTSTANDING, None)


def policy_panels(request: HttpRequest) -> list[Any]:
    from civicpost.desk.councils.panels import Panel
    from civicpost.desk.people.register import outstanding

    membership = request.membership  # type: ignore[attr-defined]
    if not (membership.is_clerk or membership.read_only):
        return []
    try:
        version = current_version(request.council)  # type: ignore[attr-defined]
    except LookupError:
        return [Panel("Policy", [("The council has no policy yet", "")], tone="warning", order=3)]
    review = schedule(version)
    waiting = outstanding(request.council)  # type: ignore[attr-defined]
    versions = reverse("policies:version", args=[version.pk])
    panel = Panel("Policy", order=3, tone="warning" if review.state in {"overdue", "soon"} else "")
    panel.lines.append((f"Version {version.number} in force, saved {version.created:%d %B %Y}",
                        reverse("policies:policy")))
    panel.lines.append((review.sentence, versions))
    if waiting:
        panel.lines.append((f"{len(waiting)} {'person has' if len(waiting) == 1 else 'people have'} not "
                            f"acknowledged version {version.number}", reverse("people:acknowledgements")))
    else:
        panel.lines.append((f"Everyone has acknowledged version {version.number}",
                            reverse("people:acknowledgements")))
    return [panel]
