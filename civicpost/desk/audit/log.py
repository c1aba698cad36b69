"""Writing and checking the audit trail. Every state change in the desk calls :func:`record`
inside the same transaction as the change, so a change and its event land together or not at all."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from civicpost.desk.audit.models import GENESIS, SYSTEM_CHAIN, AuditChain, AuditEvent


def chain_key(council: Any | None) -> str:
    return f"council-{council.pk}" if council is not None else SYSTEM_CHAIN


def record(action: str, *, actor: Any | None, council: Any | None = None,
           subject: models.Model | None = None, summary: str = "",
           details: dict[str, Any] | None = None) -> AuditEvent:
    """Append one event to the council's chain (or the installation's) and return it."""
    key = chain_key(council)
    with transaction.atomic():
        AuditChain.objects.get_or_create(key=key)
        # The UPDATE takes the write lock (SQLite) or the row lock (PostgreSQL) before the head is
        # read, so two writers can never both link to the same previous event.
        AuditChain.objects.filter(key=key).update(length=F("length") + 1)
        chain = AuditChain.objects.get(key=key)
        label = "system"
        if actor is not None and getattr(actor, "pk", None):
            label = f"{actor.name} <{actor.email}>" if getattr(actor, "name", "") else actor.email
        event = AuditEvent(
            chain=key, position=chain.length, at=timezone.now().replace(microsecond=0),
            council=council, actor=actor if actor is not None and getattr(actor, "pk", None) else None,
            actor_label=label, action=action,
            subject_type=subject._meta.model_name if subject is not None else "",
            subject_id=str(subject.pk) if subject is not None else "",
            summary=summary[:500], details=_jsonable(details or {}), previous_hash=chain.head)
        event.hash = event.computed_hash()
        event.save()
        AuditChain.objects.filter(key=key).update(head=event.hash)
    return event


def _jsonable(details: dict[str, Any]) -> dict[str, Any]:
    # Round-trip through JSON so that what is hashed now is exactly what is read back later.
    loaded: dict[str, Any] = json.loads(json.dumps(details, default=str, ensure_ascii=False))
    return loaded


@dataclass(frozen=True)
class Break:
    chain: str
    position: int
    reason: str

    def __str__(self) -> str:
        return f"chain {self.chain}, event {self.position}: {self.reason}"


@dataclass(frozen=True)
class Verification:
    chains: int
    events: int
    broken: Break | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def verify(chains: Iterable[str] | None = None) -> Verification:
    """Walk every chain from its start; the first link that does not hold is reported."""
    keys = list(chains) if chains is not None else sorted(
        set(AuditChain.objects.values_list("key", flat=True))
        | set(AuditEvent.objects.values_list("chain", flat=True).distinct()))
    total = 0
    for key in keys:
        problem, count = _verify_chain(key)
        total += count
        if problem is not None:
            return Verification(len(keys), total, problem)
    return Verification(len(keys), total, None)


def _verify_chain(key: str) -> tuple[Break | None, int]:
    previous = GENESIS
    expected_position = 1
    count = 0
    for event in AuditEvent.objects.filter(chain=key).order_by("position").iterator(chunk_size=2000):
        count += 1
        if event.position != expected_position:
            return Break(key, expected_position, f"event {expected_position} is missing"), count
        if event.previous_hash != previous:
            return Break(key, event.position, "it does not link to the event before it"), count
        if event.computed_hash() != event.hash:
            return Break(key, event.position, "its content was changed after it was written"), count
        previous = event.hash
        expected_position += 1
    head = AuditChain.objects.filter(key=key).first()
    if head is not None and (head.length != count or head.head != previous):
        return Break(key, count + 1, f"the chain should hold {head.length} events but "
                                     f"{count} are left (the latest were removed)"), count
    return None, count


def events_for(council: Any | None) -> Iterator[AuditEvent]:
    return AuditEvent.objects.filter(chain=chain_key(council)).order_by("position").iterator()


def export(out: IO[str], council: Any | None = None, *, every_chain: bool = False) -> int:
    """Write events as JSON lines (one chain, or all), each with its hash; returns the count."""
    query = AuditEvent.objects.order_by("chain", "position")
    if not every_chain:
        query = query.filter(chain=chain_key(council))
    count = 0
    for event in query.iterator(chunk_size=2000):
        out.write(json.dumps(event.to_dict(), ensure_ascii=False, default=str) + "\n")
        count += 1
    return count
