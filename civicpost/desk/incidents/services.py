"""Every change to an incident or a breach record is one of these functions: one transaction,
a check of who may do it, and its audit event.

Anyone on the staff may open an incident (Loughton §3, §5: threats, abuse, harassment and
trolling are reported to the Town Clerk); from then on the Clerk handles it. The inbox opens one
by itself when a threat or a libel complaint arrives.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from civicpost.desk.audit.log import record
from civicpost.desk.councils.models import Membership, Role
from civicpost.desk.incidents.models import (
    Breach,
    Evidence,
    Incident,
    IncidentAction,
    IncidentKind,
    IncidentStatus,
    Outcome,
    content_hash,
)

MIN_NOTE = 3


class NotAllowed(Exception):
    """The change is not allowed; the message says why, in words for the person who tried."""


def _membership(council: Any, actor: Any) -> Membership:
    membership = Membership.objects.filter(council=council, user=actor, active=True).first()
    if membership is None:
        raise NotAllowed("You are not a member of this council")
    return membership


def _require_clerk(council: Any, actor: Any) -> Membership:
    membership = _membership(council, actor)
    if membership.role != Role.CLERK:
        raise NotAllowed("Only the Town Clerk handles incidents and breach records")
    return membership


def _preserve(incident: Incident, message: Any, actor: Any | None) -> Evidence:
    copy = message.snapshot()
    return Evidence.objects.create(incident=incident, message=message, copy=copy,
                                   sha256=content_hash(copy), preserved_by=actor)


def _open(council: Any, actor: Any | None, kind: str, summary: str, people: str,
          messages: Sequence[Any], how: str) -> Incident:
    incident = Incident.objects.create(council=council, kind=kind, summary=summary.strip()[:300],
                                       people_involved=people.strip(), opened_by=actor)
    evidence = [_preserve(incident, message, actor) for message in messages]
    IncidentAction.objects.create(incident=incident, done_on=timezone.localdate(), what=how,
                                  recorded_by=actor)
    record("incident.opened", actor=actor, council=council, subject=incident,
           summary=f"Incident {incident.pk} opened ({incident.get_kind_display()}) {how}: "
                   f"{incident.summary}",
           details={"kind": kind, "messages": [m.pk for m in messages],
                    "evidence": {str(e.message_id): e.sha256 for e in evidence}})
    return incident


def open_on_arrival(council: Any, messages: Iterable[Any]) -> list[Incident]:
    """Threats and libel complaints that just arrived: one incident per kind and author in the
    batch (a storm of threats from one account is one incident, with every message as evidence).
    Runs inside the transaction that stores the messages."""
    groups: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for message in messages:
        kind = IncidentKind.THREAT if message.has("threat") else IncidentKind.LIBEL
        groups[(kind, message.author_key)].append(message)
    opened = []
    for (kind, _), group in groups.items():
        first = group[0]
        what = IncidentKind(kind).label.lower()
        summary = (f"{what.capitalize()} received on {first.channel} from {first.author_display}"
                   + (f" ({len(group)} messages)" if len(group) > 1 else ""))
        opened.append(_open(council, None, kind, summary, first.author_display, group,
                            "automatically when the message arrived"))
    return opened


@transaction.atomic
def open_incident(council: Any, actor: Any, *, kind: str, summary: str, people: str = "",
                  messages: Sequence[Any] = ()) -> Incident:
    """Open an incident by hand, or from one or more messages (their copies are preserved now)."""
    membership = _membership(council, actor)
    if not membership.is_staff_role:
        raise NotAllowed("Only the Clerk or an officer can report an incident")
    if kind not in IncidentKind.values:
        raise NotAllowed("Choose what kind of incident it is")
    if not summary.strip():
        raise NotAllowed("Say in a few words what happened")
    if any(m.council_id != council.pk for m in messages):
        raise NotAllowed("Those messages are not this council's")
    how = "by hand" if not messages else "from the inbox"
    incident = _open(council, actor, kind, summary, people, messages, f"{how} by {actor}")
    if membership.role != Role.CLERK:
        from civicpost.desk.incidents import alerts

        alerts.incident_reported(incident, actor)
    return incident


@transaction.atomic
def add_evidence(incident: Incident, actor: Any, message: Any) -> Evidence:
    _require_clerk(incident.council, actor)
    if message.council_id != incident.council_id:
        raise NotAllowed("That message is not this council's")
    if incident.evidence.filter(message=message).exists():
        raise NotAllowed(f"Message {message.pk} is already preserved in this incident")
    evidence = _preserve(incident, message, actor)
    record("incident.evidence-added", actor=actor, council=incident.council, subject=incident,
           summary=f"Message {message.pk} preserved as evidence in incident {incident.pk}",
           details={"message": message.pk, "sha256": evidence.sha256})
    return evidence


@transaction.atomic
def log_action(incident: Incident, actor: Any, done_on: dt.date, what: str) -> IncidentAction:
    _require_clerk(incident.council, actor)
    if len(what.strip()) < MIN_NOTE:
        raise NotAllowed("Say what was done")
    if done_on > timezone.localdate():
        raise NotAllowed("The date an action was taken cannot be in the future")
    action = IncidentAction.objects.create(incident=incident, done_on=done_on, what=what.strip(),
                                           recorded_by=actor)
    record("incident.action-logged", actor=actor, council=incident.council, subject=incident,
           summary=f"Incident {incident.pk}, {done_on:%d %b %Y}: {what.strip()}",
           details={"done_on": done_on.isoformat(), "what": what.strip()})
    return action


@transaction.atomic
def decide(incident: Incident, actor: Any, *, status: str, outcome: str = "", note: str = "") -> None:
    """Move an incident on: investigating, referred (with where to) or closed (with its outcome)."""
    _require_clerk(incident.council, actor)
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if status not in IncidentStatus.values:
        raise NotAllowed("Choose a status")
    if outcome and outcome not in Outcome.values:
        raise NotAllowed("Choose an outcome from the list")
    if status in {IncidentStatus.REFERRED, IncidentStatus.CLOSED} and not (outcome or incident.outcome):
        raise NotAllowed("Record the outcome (where it was referred, or no further action) first")
    before = {"status": incident.status, "outcome": incident.outcome}
    incident.status = status
    if outcome:
        incident.outcome = outcome
    if note.strip():
        incident.outcome_note = note.strip()
    incident.closed_at = timezone.now() if status == IncidentStatus.CLOSED else None
    incident.save()
    after = {"status": incident.status, "outcome": incident.outcome}
    words = f"Status {incident.get_status_display().lower()}" + (
        f"; outcome: {incident.get_outcome_display()}" if incident.outcome else "") + (
        f". {note.strip()}" if note.strip() else "")
    IncidentAction.objects.create(incident=incident, done_on=timezone.localdate(), what=words,
                                  recorded_by=actor)
    record("incident.decided", actor=actor, council=incident.council, subject=incident,
           summary=f"Incident {incident.pk}: {words}"[:500],
           details={"before": before, "after": after, "note": note.strip()})


@transaction.atomic
def record_breach(council: Any, actor: Any, *, person: Membership, what_happened: str,
                  clause: tuple[str, str] | None = None, post: Any = None, finding_code: str = "",
                  message: Any = None, incident: Incident | None = None) -> Breach:
    """A breach of the policy by someone bound by it, linked to what shows it."""
    _require_clerk(council, actor)
    if person.council_id != council.pk:
        raise NotAllowed("Choose a person from this council")
    if not what_happened.strip():
        raise NotAllowed("Say what the breach was")
    for linked in (post, message, incident):
        if linked is not None and linked.council_id != council.pk:
            raise NotAllowed("Link only this council's posts, messages and incidents")
    finding = None
    if finding_code:
        if post is None:
            raise NotAllowed("A finding belongs to a post: give the post too")
        finding = _finding(post, finding_code)
        if clause is None and finding.get("clause"):
            clause = (finding["clause"].get("id", ""), finding["clause"].get("text", ""))
    if post is None and message is None and incident is None:
        raise NotAllowed("Link the post, message or incident that shows the breach")
    breach = Breach.objects.create(
        council=council, person=person, what_happened=what_happened.strip(),
        clause_id=clause[0] if clause else "", clause_text=clause[1] if clause else "", post=post,
        finding_code=finding_code, finding=finding, message=message, incident=incident,
        recorded_by=actor)
    record("breach.recorded", actor=actor, council=council, subject=breach,
           summary=f"Breach {breach.pk} recorded against {person.user} ({person.get_role_display()})"
                   + (f", clause {breach.clause_id}" if breach.clause_id else ""),
           details={"person": person.user.email, "clause": breach.clause_id,
                    "post": getattr(post, "pk", None), "finding": finding_code,
                    "message": getattr(message, "pk", None), "incident": getattr(incident, "pk", None)})
    return breach


def _finding(post: Any, code: str) -> dict[str, Any]:
    for version in post.versions.order_by("-number"):
        for finding in version.findings:
            if finding.get("code") == code:
                return {**finding, "version": version.number}
    raise NotAllowed(f"Post {post.pk} has no finding {code} in any version")


@transaction.atomic
def decide_breach(breach: Breach, actor: Any, *, outcome: str, note: str = "") -> None:
    _require_clerk(breach.council, actor)
    if outcome not in Outcome.values:
        raise NotAllowed("Choose an outcome from the list")
    before = breach.outcome
    breach.outcome = outcome
    breach.outcome_note = note.strip()
    breach.decided_at = timezone.now()
    breach.save()
    record("breach.decided", actor=actor, council=breach.council, subject=breach,
           summary=f"Breach {breach.pk}: {breach.get_outcome_display()}"
                   + (f". {note.strip()}" if note.strip() else ""),
           details={"before": before, "outcome": outcome, "note": note.strip()})
