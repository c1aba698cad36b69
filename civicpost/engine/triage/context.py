"""The circumstances of an incoming message: when it was received, on which channel, what
kind of message it is and who sent it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from civicpost.engine.context import Context, ContextError

KINDS = ("comment", "reply", "mention", "dm")
# Councils' clocks run on UK time: a message at 23:30 UTC in summer arrived the next day.
UK_TIME = ZoneInfo("Europe/London")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class TriageContext:
    """``received`` (an aware date-time; a naive one is read as UK time) starts the clocks.
    ``author_name`` and ``author_handle`` are what the platform says of the sender; they
    decide whether an FOI request gives a name. ``councillors`` are the council's register,
    so that threats and insults aimed at them are recognised by name."""

    received: dt.datetime = field(default_factory=_now)
    kind: str = "comment"
    channel: str = ""
    author_name: str | None = None
    author_handle: str | None = None
    councillors: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ContextError(f"kind must be one of {', '.join(KINDS)} (got {self.kind!r})")
        if self.received.tzinfo is None:
            object.__setattr__(self, "received", self.received.replace(tzinfo=UK_TIME))

    @property
    def received_in_uk(self) -> dt.datetime:
        return self.received.astimezone(UK_TIME)

    def engine_context(self) -> Context:
        """The context the engine's abuse rules read the message in."""
        return _engine_context("dm" if self.kind == "dm" else "reply", self.councillors)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> TriageContext:
        """Build a context from JSON-like data, with a clear error for any bad value."""
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            raise ContextError("context must be an object of keys and values")
        unknown = set(data) - _KNOWN_KEYS
        if unknown:
            raise ContextError(f"unknown context key(s): {', '.join(sorted(unknown))}")
        values: dict[str, Any] = {}
        if data.get("received") is not None:
            values["received"] = parse_received(data["received"])
        for key in ("kind", "channel", "author_name", "author_handle"):
            if data.get(key) is not None:
                if not isinstance(data[key], str):
                    raise ContextError(f"{key} must be text (got {type(data[key]).__name__})")
                values[key] = data[key]
        if "councillors" in data:
            councillors = data["councillors"]
            if not isinstance(councillors, list | tuple) or not all(isinstance(c, str) for c in councillors):
                raise ContextError("councillors must be a list of names")
            values["councillors"] = tuple(councillors)
        return cls(**values)


_KNOWN_KEYS = {"received", "kind", "channel", "author_name", "author_handle", "councillors"}


def parse_received(value: Any) -> dt.datetime:
    """An ISO date-time (or date) as an aware date-time; a naive one is UK time."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time())
    elif isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise ContextError("received must be an ISO date-time such as 2026-12-18T14:05:00Z "
                               f"(got {value!r})") from None
    else:
        raise ContextError(f"received must be an ISO date-time (got {type(value).__name__})")
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UK_TIME)


@lru_cache(maxsize=256)
def _engine_context(kind: str, councillors: tuple[str, ...]) -> Context:
    return Context(account="council", kind=kind, councillors=councillors)
