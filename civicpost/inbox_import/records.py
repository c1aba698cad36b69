"""What an import produces: normalised messages, and what was left out and why."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

KINDS = ("comment", "reply", "mention", "dm")


@dataclass(frozen=True)
class Message:
    """One incoming message, whatever platform it came from.

    ``created`` is an aware date-time in UTC. ``in_reply_to`` is the platform's id of the post
    or comment it answers (``None`` for a mention or a direct message). ``dedupe_key`` is the
    same for the same message however often, and from whichever export, it is imported:
    ``platform:external id`` (a Facebook comment has the same key from the page's CSV and from
    the Graph API), or a hash of author, time and text when an export gives no id.
    """

    platform: str
    external_id: str
    author_name: str | None
    author_handle: str | None
    text: str
    created: dt.datetime
    url: str | None
    in_reply_to: str | None
    kind: str
    author_id: str | None = None
    dedupe_key: str = field(default="")

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)} (got {self.kind!r})")
        if self.created.tzinfo is None:
            raise ValueError("created must be an aware date-time")
        object.__setattr__(self, "created", self.created.astimezone(dt.UTC))
        if not self.dedupe_key:
            key = dedupe_key(self.platform, self.external_id, self.author_handle or self.author_name,
                             self.created, self.text)
            object.__setattr__(self, "dedupe_key", key)

    def to_dict(self) -> dict[str, Any]:
        return {
            "platform": self.platform, "external_id": self.external_id, "author_name": self.author_name,
            "author_handle": self.author_handle, "author_id": self.author_id, "text": self.text,
            "created": self.created.isoformat(), "url": self.url, "in_reply_to": self.in_reply_to,
            "kind": self.kind, "dedupe_key": self.dedupe_key,
        }

    def triage_context(self) -> dict[str, Any]:
        """The context :func:`civicpost.engine.triage.triage` reads this message in."""
        context: dict[str, Any] = {"received": self.created.isoformat(), "kind": self.kind,
                                   "channel": self.platform}
        if self.author_name:
            context["author_name"] = self.author_name
        if self.author_handle:
            context["author_handle"] = self.author_handle
        return context


def dedupe_key(platform: str, external_id: str, author: str | None, created: dt.datetime, text: str) -> str:
    if external_id:
        return f"{platform}:{external_id}"
    digest = hashlib.sha256("\x1f".join((author or "", created.isoformat(), text)).encode("utf-8"))
    return f"{platform}:sha256:{digest.hexdigest()[:32]}"


@dataclass(frozen=True)
class Rejection:
    """A record that was not imported: where it was (a CSV line number, or the position of
    the record in the JSON) and why, in one line."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"

    def to_dict(self) -> dict[str, str]:
        return {"where": self.where, "reason": self.reason}


@dataclass(frozen=True)
class ImportResult:
    """The messages an export held, the records rejected (with why), the records skipped on
    purpose (the council's own posts, reposts, likes) and, when the file itself could not be
    read, ``error``: one line saying what is wrong with it."""

    format: str | None
    messages: tuple[Message, ...] = ()
    rejected: tuple[Rejection, ...] = ()
    skipped: tuple[Rejection, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def report(self) -> str:
        """A plain-text account of the import for the person who ran it."""
        if self.error:
            return f"Not imported: {self.error}"
        lines = [f"{len(self.messages)} message(s) imported from a {self.format} export; "
                 f"{len(self.rejected)} rejected, {len(self.skipped)} skipped."]
        lines.extend(f"  rejected {r}" for r in self.rejected)
        lines.extend(f"  skipped {r}" for r in self.skipped)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {"format": self.format, "error": self.error,
                "messages": [m.to_dict() for m in self.messages],
                "rejected": [r.to_dict() for r in self.rejected],
                "skipped": [s.to_dict() for s in self.skipped]}


class ExportError(ValueError):
    """The file as a whole cannot be read as the export it claims to be."""


class Collector:
    """Gathers messages while a parser walks an export: rejects a second copy of the same
    message and leaves out the council's own accounts."""

    def __init__(self, own_accounts: frozenset[str]) -> None:
        self.own = frozenset(a.lower().lstrip("@") for a in own_accounts)
        self.messages: list[Message] = []
        self.rejected: list[Rejection] = []
        self.skipped: list[Rejection] = []
        self._seen: dict[str, str] = {}

    def add(self, where: str, message: Message) -> None:
        authors = {(v or "").lower().lstrip("@") for v in (message.author_handle, message.author_id,
                                                           message.author_name)} - {""}
        if self.own & authors:
            self.skipped.append(Rejection(where, "the council's own account"))
            return
        first = self._seen.get(message.dedupe_key)
        if first is not None:
            self.rejected.append(Rejection(where, f"the same message as {first} ({message.dedupe_key})"))
            return
        self._seen[message.dedupe_key] = where
        self.messages.append(message)

    def reject(self, where: str, reason: str) -> None:
        self.rejected.append(Rejection(where, reason))

    def skip(self, where: str, reason: str) -> None:
        self.skipped.append(Rejection(where, reason))

    def result(self, format_name: str) -> ImportResult:
        return ImportResult(format_name, tuple(self.messages), tuple(self.rejected), tuple(self.skipped))
