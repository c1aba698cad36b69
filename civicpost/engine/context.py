"""The circumstances of a check: who posts, on which account, when, with what, and the
council's registers (councillors, partners, controversial issues, own contacts)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from civicpost.engine.elections import Election

ACCOUNTS = ("council", "personal")
KINDS = ("post", "reply", "share", "dm")
ROLES = ("officer", "clerk", "councillor", "partner")


class ContextError(ValueError):
    """A context value that cannot be understood; the message says which and why."""


@dataclass(frozen=True)
class Media:
    """An image, video or other attachment of a post."""

    type: str = "image"
    alt: str | None = None
    credit: str | None = None
    shows_people: bool = False
    shows_children: bool = False
    consent: bool = False


@dataclass(frozen=True)
class Partner:
    """A partner, supplier or customer in the council's register, and whether it has
    approved being named (Loughton §3)."""

    name: str
    approved: bool = False


@dataclass(frozen=True)
class Context:
    account: str = "council"
    kind: str = "post"
    date: dt.date = field(default_factory=dt.date.today)
    pre_election: bool | None = None
    author_role: str = "officer"
    media: tuple[Media, ...] = ()
    councillors: tuple[str, ...] = ()
    partners: tuple[Partner, ...] = ()
    controversial_issues: tuple[str, ...] = ()
    council_contacts: tuple[str, ...] = ()
    elections: tuple[Election, ...] = ()

    def __post_init__(self) -> None:
        _choose("account", self.account, ACCOUNTS)
        _choose("kind", self.kind, KINDS)
        _choose("author_role", self.author_role, ROLES)

    @property
    def in_pre_election_period(self) -> bool:
        """True when an explicit ``pre_election`` says so, or the date falls in an
        election's period."""
        if self.pre_election is not None:
            return self.pre_election
        return any(e.covers(self.date) for e in self.elections)

    @property
    def on_council_account(self) -> bool:
        return self.account == "council"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Context:
        """Build a context from JSON-like data, with a clear error for any bad value."""
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            raise ContextError("context must be an object of keys and values")
        unknown = set(data) - _KNOWN_KEYS
        if unknown:
            raise ContextError(f"unknown context key(s): {', '.join(sorted(unknown))}")
        values: dict[str, Any] = {}
        for key in ("account", "kind", "author_role"):
            if key in data:
                values[key] = _string(key, data[key])
        if data.get("date") is not None:
            values["date"] = _date("date", data["date"])
        if data.get("pre_election") is not None:
            if not isinstance(data["pre_election"], bool):
                raise ContextError("pre_election must be true or false")
            values["pre_election"] = data["pre_election"]
        for key in ("councillors", "controversial_issues", "council_contacts"):
            if key in data:
                values[key] = tuple(_string(key, v) for v in _list(key, data[key]))
        if "media" in data:
            values["media"] = tuple(_media(m) for m in _list("media", data["media"]))
        if "partners" in data:
            values["partners"] = tuple(_partner(p) for p in _list("partners", data["partners"]))
        if "elections" in data:
            values["elections"] = tuple(_election(e) for e in _list("elections", data["elections"]))
        return cls(**values)


_KNOWN_KEYS = {
    "account", "kind", "date", "pre_election", "author_role", "media", "councillors",
    "partners", "controversial_issues", "council_contacts", "elections",
}


def _choose(key: str, value: str, allowed: Iterable[str]) -> None:
    allowed = tuple(allowed)
    if value not in allowed:
        raise ContextError(f"{key} must be one of {', '.join(allowed)} (got {value!r})")


def _string(key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ContextError(f"{key} must be text (got {type(value).__name__})")
    return value


def _list(key: str, value: Any) -> list[Any]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise ContextError(f"{key} must be a list")
    return list(value)


def _date(key: str, value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(_string(key, value)[:10])
    except ValueError:
        raise ContextError(f"{key} must be an ISO date such as 2026-05-07 (got {value!r})") from None


def _media(value: Any) -> Media:
    if isinstance(value, str):
        return Media(type=value)
    if not isinstance(value, Mapping):
        raise ContextError('each media item must be an object such as {"type": "image", "alt": "..."}')
    unknown = set(value) - {"type", "alt", "credit", "shows_people", "shows_children", "consent"}
    if unknown:
        raise ContextError(f"unknown media key(s): {', '.join(sorted(unknown))}")
    alt, credit = value.get("alt"), value.get("credit")
    return Media(
        type=_string("media type", value.get("type", "image")),
        alt=None if alt is None else _string("media alt", alt),
        credit=None if credit is None else _string("media credit", credit),
        shows_people=bool(value.get("shows_people", False)),
        shows_children=bool(value.get("shows_children", False)),
        consent=bool(value.get("consent", False)),
    )


def _partner(value: Any) -> Partner:
    if isinstance(value, str):
        return Partner(name=value)
    if not isinstance(value, Mapping) or "name" not in value:
        raise ContextError('each partner must be a name or {"name": ..., "approved": true|false}')
    return Partner(name=_string("partner name", value["name"]), approved=bool(value.get("approved")))


def _election(value: Any) -> Election:
    if not isinstance(value, Mapping) or "poll" not in value:
        raise ContextError('each election must be {"poll": "YYYY-MM-DD", "notice": "YYYY-MM-DD"}')
    notice = value.get("notice")
    return Election(
        poll=_date("election poll", value["poll"]),
        notice=None if notice is None else _date("election notice", notice),
        name=str(value.get("name", "")),
    )
