"""What triage produces: the labels with their reasons, the response clocks and the result."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

# Every label, in the order a Clerk reads them: what must be seen at once first.
LABELS = ("threat", "libel", "abuse", "foi", "grievance", "complaint", "question", "negative",
          "positive", "other")
URGENT_LABELS = frozenset({"threat", "libel"})


@dataclass(frozen=True)
class TriageLabel:
    """One label of a message and why it was given: ``start``/``end`` index the words in the
    original text that triggered it (the whole text for ``other``)."""

    label: str
    why: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "why": self.why, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Clock:
    """When a label's response is due, and on what basis (a law or the council's target)."""

    label: str
    due_at: dt.datetime
    basis: str

    @property
    def due_date(self) -> dt.date:
        return self.due_at.date()

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "due_at": self.due_at.isoformat(), "due": self.due_date.isoformat(),
                "basis": self.basis}


@dataclass(frozen=True)
class FoiValidity:
    """What a Freedom of Information request has of the three things FOIA s.8 asks for:
    the requester's real name, an address for correspondence and a description of the
    information. Each is what was found (``None`` when missing); ``note`` says in plain
    English what the Clerk should do."""

    name: str | None
    address: str | None
    description: str | None
    note: str

    @property
    def valid(self) -> bool:
        return self.name is not None and self.address is not None and self.description is not None

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(what for what, found in (("name", self.name), ("address", self.address),
                                              ("description", self.description)) if found is None)

    def to_dict(self) -> dict[str, Any]:
        return {"valid": self.valid, "name": self.name, "address": self.address,
                "description": self.description, "missing": list(self.missing), "note": self.note}


@dataclass(frozen=True)
class Triage:
    """The triage of one incoming message.

    ``labels`` holds one entry per label, in the order of :data:`LABELS`; ``urgent`` is true
    when the Clerk must see the message at once (a threat or a libel complaint); ``clocks``
    say when each response is due; ``due`` is the earliest of them, as a date.
    """

    text: str
    received: dt.datetime
    labels: tuple[TriageLabel, ...]
    clocks: tuple[Clock, ...] = ()
    foi: FoiValidity | None = None
    label_names: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "label_names", frozenset(label.label for label in self.labels))

    def has(self, label: str) -> bool:
        return label in self.label_names

    @property
    def urgent(self) -> bool:
        return not self.label_names.isdisjoint(URGENT_LABELS)

    @property
    def due_at(self) -> dt.datetime | None:
        return min((clock.due_at for clock in self.clocks), default=None)

    @property
    def due(self) -> dt.date | None:
        due_at = self.due_at
        return None if due_at is None else due_at.date()

    def to_dict(self) -> dict[str, Any]:
        due = self.due
        return {
            "labels": [label.to_dict() for label in self.labels],
            "urgent": self.urgent,
            "due": None if due is None else due.isoformat(),
            "received": self.received.isoformat(),
            "clocks": [clock.to_dict() for clock in self.clocks],
            "foi": None if self.foi is None else self.foi.to_dict(),
        }
