"""Every change to a message is one of these functions: one transaction, a check of who may do
it, and its audit event. Views, commands and the worker call nothing else.

Nothing is deleted: hiding or deleting a comment on the council's own page records the intent
and the house rule it broke (the platform is told by its connector), and the text stays in the
archive exactly as it arrived.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from civicpost.desk.audit.log import record
from civicpost.desk.councils.models import Membership, Role
from civicpost.desk.inbox.models import (
    OPEN_STATES,
    FoiDecision,
    InboxSettings,
    Message,
    Procedure,
    State,
    inbox_settings,
)

MIN_NOTE = 3


class NotAllowed(Exception):
    """The change is not allowed; the message says why, in words for the person who tried."""


def _staff(council: Any, actor: Any) -> Membership:
    membership = Membership.objects.filter(council=council, user=actor, active=True).first()
    if membership is None or not membership.is_staff_role:
        raise NotAllowed("Only the Clerk or an officer can act on the inbox")
    return membership


def _clerk(council: Any, actor: Any, what: str) -> Membership:
    membership = _staff(council, actor)
    if membership.role != Role.CLERK:
        raise NotAllowed(f"Only the Town Clerk can {what}")
    return membership


def _locked(message: Message) -> Message:
    return Message.objects.select_for_update().select_related("council", "channel").get(pk=message.pk)


def _audit(action: str, actor: Any, message: Message, summary: str, **details: Any) -> None:
    record(action, actor=actor, council=message.council, subject=message,
           summary=f"Message {message.pk}: {summary}", details=details)


@transaction.atomic
def take(message: Message, actor: Any, assignee: Any | None = None) -> None:
    """Take a message in hand (or hand it to a colleague)."""
    message = _locked(message)
    _staff(message.council, actor)
    assignee = assignee or actor
    if assignee != actor:
        _staff(message.council, assignee)  # only to someone on the council's staff
    if not message.is_open:
        raise NotAllowed(f"This message is {message.get_state_display().lower()}: reopen it first")
    message.state, message.assigned_to = State.IN_HAND, assignee
    message.save(update_fields=["state", "assigned_to", "updated"])
    _audit("inbox.taken", actor, message, f"in hand with {assignee}", assignee=assignee.email)


@transaction.atomic
def settle(message: Message, actor: Any, state: str, note: str = "") -> None:
    """Mark a message answered or closed (no answer needed), or reopen it."""
    message = _locked(message)
    _staff(message.council, actor)
    allowed = {State.ANSWERED, State.CLOSED, State.IN_HAND}
    if state not in allowed:
        raise NotAllowed("Choose answered, closed or reopen")
    if state == State.IN_HAND and message.state in {State.HIDDEN, State.DELETED}:
        raise NotAllowed("A hidden or deleted comment stays so; its original is in the archive")
    before = message.state
    message.state = state
    if state == State.IN_HAND and message.assigned_to_id is None:
        message.assigned_to = actor
    message.save(update_fields=["state", "assigned_to", "updated"])
    words = {State.ANSWERED: "answered", State.CLOSED: "closed", State.IN_HAND: "reopened"}[state]
    _audit("inbox.settled", actor, message, words + (f": {note.strip()}" if note.strip() else ""),
           before=before, after=state, note=note.strip())


@transaction.atomic
def acknowledge(message: Message, actor: Any) -> None:
    """The Clerk has seen an urgent message: its banner goes."""
    message = _locked(message)
    _clerk(message.council, actor, "acknowledge an urgent message")
    if not message.urgent:
        raise NotAllowed("Only urgent messages need acknowledging")
    if message.alert_acknowledged_at is not None:
        return
    message.alert_acknowledged_at, message.alert_acknowledged_by = timezone.now(), actor
    message.save(update_fields=["alert_acknowledged_at", "alert_acknowledged_by", "updated"])
    _audit("inbox.acknowledged", actor, message, "urgent message seen by the Town Clerk")


@transaction.atomic
def decide_foi(message: Message, actor: Any, decision: str, note: str) -> None:
    """The Clerk's decision on a Freedom of Information request, with a note. A message that is
    not a request after all loses its FOI clock."""
    message = _locked(message)
    _clerk(message.council, actor, "decide on a Freedom of Information request")
    if decision not in FoiDecision.values:
        raise NotAllowed("Choose one of the decisions")
    if len(note.strip()) < MIN_NOTE:
        raise NotAllowed("Write a note of what was decided and why")
    message.foi_decision, message.foi_note = decision, note.strip()
    message.foi_decided_by, message.foi_decided_at = actor, timezone.now()
    message.due = due_from(message.clocks, without=("foi",) if decision == FoiDecision.NOT_FOI else ())
    message.save()
    _audit("inbox.foi-decided", actor, message,
           f"FOI decision: {message.get_foi_decision_display()}. {note.strip()}",
           decision=decision, note=note.strip(), due=message.due)


def due_from(clocks: list[dict[str, Any]], without: tuple[str, ...] = ()) -> dt.datetime | None:
    moments = [dt.datetime.fromisoformat(c["due_at"]) for c in clocks if c["label"] not in without]
    return min(moments, default=None)


@transaction.atomic
def refer(message: Message, actor: Any, procedure: str, note: str = "") -> None:
    """Ludgershall §7: a complaint or grievance belongs in the council's formal procedures."""
    message = _locked(message)
    _staff(message.council, actor)
    if procedure not in Procedure.values:
        raise NotAllowed("Choose the procedure it was referred to")
    message.referred_to, message.referral_note = procedure, note.strip()
    message.referred_by, message.referred_at = actor, timezone.now()
    message.save()
    _audit("inbox.referred", actor, message, f"referred to {message.get_referred_to_display().lower()}"
           + (f": {note.strip()}" if note.strip() else ""), procedure=procedure, note=note.strip())


@transaction.atomic
def moderate(message: Message, actor: Any, action: str, reason: str, note: str = "") -> None:
    """Hide or delete a comment on the council's own page for breaking a house rule. The
    original stays in the archive; the platform is to be told (``platform_action_pending``)."""
    message = _locked(message)
    _staff(message.council, actor)
    rules = inbox_settings(message.council).rules()
    if action not in {"hide", "delete"}:
        raise NotAllowed("Choose hide or delete")
    if reason not in rules:
        raise NotAllowed("Choose the house rule it broke (the Clerk keeps the list in the inbox settings)")
    if message.kind == "dm":
        raise NotAllowed("A direct message is not on the council's page: there is nothing to hide")
    if message.state == State.DELETED:
        raise NotAllowed("This comment is already deleted")
    before = message.state
    message.state = State.HIDDEN if action == "hide" else State.DELETED
    message.moderation_reason, message.moderation_note = reason, note.strip()
    message.moderated_by, message.moderated_at = actor, timezone.now()
    message.platform_action_pending = True
    message.save()
    _audit(f"inbox.{'hidden' if action == 'hide' else 'deleted'}", actor, message,
           f"{'hidden' if action == 'hide' else 'deleted'} on {message.channel} for breaking the "
           f"house rule '{reason}' (the original stays in the archive)",
           before=before, reason=reason, note=note.strip(), text=message.text)


@transaction.atomic
def update_settings(council: Any, actor: Any, changes: dict[str, Any]) -> InboxSettings:
    _clerk(council, actor, "change the inbox settings")
    current = InboxSettings.objects.select_for_update().get(pk=inbox_settings(council).pk)
    before = {key: getattr(current, key) for key in changes}
    for key, value in changes.items():
        setattr(current, key, value)
    current.targets()  # the engine refuses a target it cannot honour
    current.save()
    changed = {k: {"from": before[k], "to": v} for k, v in changes.items() if before[k] != v}
    if changed:
        record("inbox.settings-changed", actor=actor, council=council, subject=current,
               summary=f"Inbox settings changed: {', '.join(changed)}", details=changed)
    return current


def open_messages(council: Any) -> Any:
    return Message.objects.filter(council=council, state__in=OPEN_STATES)
