"""Messages arriving: from an uploaded export, from a platform's connector, or typed in by hand.

Each is triaged by the engine on arrival, with the council's own response targets, and stored
once: the same message (the same channel and platform id) arriving again adds nothing. Urgent
messages (threats, libel complaints) open an incident and alert the Clerk in the same
transaction that stores them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.db import transaction

from civicpost.connectors.base import IncomingMessage
from civicpost.desk.audit.log import record
from civicpost.desk.channels.models import ChannelAccount
from civicpost.desk.councils.registers import registers
from civicpost.desk.inbox.bulk import MessageRows
from civicpost.desk.inbox.models import Arrival, Message, author_key, inbox_settings
from civicpost.engine.triage import Triage, TriageContext, triage_many
from civicpost.inbox_import import Message as ExportedMessage

CHUNK = 2000
MAX_ID = 300
MAX_LINK = 1000
MAX_AUTHOR = 300


@dataclass(frozen=True)
class Arriving:
    """One incoming message, whichever way it came, before it is stored."""

    external_id: str
    kind: str
    author_name: str
    author_handle: str
    text: str
    received: dt.datetime
    link: str = ""
    in_reply_to: str = ""

    @classmethod
    def from_export(cls, message: ExportedMessage) -> Arriving:
        # An export that gives no id still has a stable key (author, time and text hashed).
        return cls(external_id=message.external_id or message.dedupe_key, kind=message.kind,
                   author_name=message.author_name or "", author_handle=message.author_handle or "",
                   text=message.text, received=message.created, link=message.url or "",
                   in_reply_to=message.in_reply_to or "")

    @classmethod
    def from_platform(cls, message: IncomingMessage) -> Arriving:
        return cls(external_id=message.external_id, kind=str(message.kind),
                   author_name=message.author_name or "", author_handle=message.author_handle or "",
                   text=message.text, received=message.created_at, link=message.url or "",
                   in_reply_to=message.in_reply_to or "")


def _bounded_id(value: str) -> str:
    if len(value) <= MAX_ID:
        return value
    # A platform id longer than the column still identifies the message: keep it as a digest.
    return "sha256:" + hashlib.sha256(value.encode("utf-8")).hexdigest()


def _storable_text(text: str) -> str:
    # PostgreSQL cannot store NUL in text; it is replaced by U+FFFD rather than refusing the message.
    return text.replace("\x00", "\ufffd")


@dataclass(frozen=True)
class Stored:
    arrival: Arrival
    imported: int
    duplicates: int
    urgent: list[Message]


def store(council: Any, channel: ChannelAccount, arriving: Sequence[Arriving], *, source: str,
          actor: Any | None = None, file_name: str = "", file_sha256: str = "", format: str = "",
          rejected: Sequence[dict[str, str]] = (), skipped: Sequence[dict[str, str]] = (),
          notes: Sequence[str] = (), processes: int = 1) -> Stored:
    """Triage and store what arrived in one transaction, with one audit event for the batch.
    The caller may hold a transaction of its own (the fetch duty saves its cursor in it)."""
    with transaction.atomic():
        arrival = Arrival.objects.create(
            council=council, channel=channel, source=source, by=actor, file_name=file_name[:255],
            file_sha256=file_sha256, format=format, rejected=list(rejected), skipped=list(skipped),
            notes=list(notes))
        fresh = _not_yet_stored(channel, arriving)
        rows = MessageRows()
        for chunk in _chunks(_built(council, channel, arrival, fresh, processes), CHUNK):
            # A message stored meanwhile by another worker is left out here too, never doubled.
            rows.insert(chunk)
        imported = Message.objects.filter(arrival=arrival).count()
        urgent = list(Message.objects.filter(arrival=arrival, urgent=True).select_related("channel"))
        arrival.imported, arrival.duplicates, arrival.urgent = imported, len(arriving) - imported, len(urgent)
        arrival.save(update_fields=["imported", "duplicates", "urgent"])
        record("inbox.arrived", actor=actor, council=council, subject=arrival,
               summary=f"{imported} message{'s' if imported != 1 else ''} arrived on {channel} "
                       f"({arrival.get_source_display().lower()}"
                       + (f" {file_name}" if file_name else "") + f"); {arrival.duplicates} already "
                       f"stored, {len(rejected)} rejected, {len(urgent)} urgent",
               details={"channel": channel.pk, "source": source, "file": file_name,
                        "sha256": file_sha256, "format": format, "imported": imported,
                        "duplicates": arrival.duplicates, "rejected": len(rejected),
                        "urgent": [m.pk for m in urgent]})
        if urgent:
            from civicpost.desk.inbox import alerts
            from civicpost.desk.incidents import services as incidents

            incidents.open_on_arrival(council, urgent)
            alerts.urgent_arrived(council, channel, urgent)
    return Stored(arrival, imported, arrival.duplicates, urgent)


def _not_yet_stored(channel: ChannelAccount, arriving: Sequence[Arriving]) -> list[Arriving]:
    seen: set[str] = set()
    fresh = []
    for item in arriving:
        key = _bounded_id(item.external_id)
        if key not in seen:
            seen.add(key)
            fresh.append(item)
    known: set[str] = set()
    keys = list(seen)
    for start in range(0, len(keys), 500):
        known.update(Message.objects.filter(channel=channel, external_id__in=keys[start:start + 500])
                     .values_list("external_id", flat=True))
    return [item for item in fresh if _bounded_id(item.external_id) not in known]


def _built(council: Any, channel: ChannelAccount, arrival: Arrival, fresh: list[Arriving],
           processes: int) -> Iterator[dict[str, Any]]:
    """The rows to store, triaged: as plain values, not model instances (see :mod:`.bulk`)."""
    targets = inbox_settings(council).targets()
    councillors = tuple(registers(council)["councillors"])
    posts = _answered_posts(channel, {item.in_reply_to for item in fresh if item.in_reply_to})
    contexts = ((_storable_text(item.text),
                 TriageContext(received=item.received, kind=item.kind, channel=channel.platform,
                               author_name=item.author_name or None,
                               author_handle=item.author_handle or None, councillors=councillors))
                for item in fresh)
    for item, outcome in zip(fresh, triage_many(contexts, targets, processes=processes), strict=True):
        text = _storable_text(item.text)
        yield {
            "council_id": council.pk, "channel_id": channel.pk, "arrival_id": arrival.pk,
            "kind": item.kind, "external_id": _bounded_id(item.external_id),
            "author_name": item.author_name[:MAX_AUTHOR], "author_handle": item.author_handle[:MAX_AUTHOR],
            "author_key": author_key(channel.platform, item.author_handle, item.author_name),
            "text": text, "received": item.received,
            "link": item.link if len(item.link) <= MAX_LINK else "",
            "in_reply_to_external": _bounded_id(item.in_reply_to),
            "answers_post_id": posts.get(item.in_reply_to), **triaged(text, outcome)}


def triaged(text: str, outcome: Triage | Exception) -> dict[str, Any]:
    """What the engine's triage gives a stored message: labels, clocks, FOI validity, urgency."""
    if not isinstance(outcome, Triage):
        # Kept, never dropped: the Clerk sees it in the queue with the reason it was not triaged.
        return {"labels": [{"label": "other", "why": f"could not be triaged: {outcome}", "start": 0,
                            "end": len(text)}], "label_names": " other "}
    return {"labels": [label.to_dict() for label in outcome.labels],
            "label_names": " " + " ".join(label.label for label in outcome.labels) + " ",
            "clocks": [clock.to_dict() for clock in outcome.clocks],
            "foi": outcome.foi.to_dict() if outcome.foi is not None else None,
            "urgent": outcome.urgent, "due": outcome.due_at}


def _answered_posts(channel: ChannelAccount, references: set[str]) -> dict[str, int]:
    """The council's own posts these messages answer, by the platform id or link they give."""
    from civicpost.desk.posts.models import Publication

    found: dict[str, int] = {}
    refs = [r for r in references if r]
    for start in range(0, len(refs), 500):
        chunk = refs[start:start + 500]
        publications = Publication.objects.filter(channel=channel)
        found.update(publications.filter(external_id__in=chunk).values_list("external_id", "post_id"))
        found.update(publications.filter(url__in=chunk).values_list("url", "post_id"))
    return found


def _chunks(items: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    while chunk := list(islice(items, size)):
        yield chunk
