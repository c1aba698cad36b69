"""Messages as pages show them: the words that triggered each label marked in the text, the
clocks in plain English, and the council's own policy clauses beside the actions they ask for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from civicpost.desk.inbox.forms import LABEL_NAMES
from civicpost.desk.inbox.models import Message
from civicpost.desk.posts.presenting import Piece, pieces

# How strongly each label's words are marked (the colours of the post findings).
_TONE = {"threat": "block", "libel": "block", "abuse": "block", "foi": "warn", "grievance": "warn",
         "complaint": "warn", "negative": "warn", "question": "advise", "positive": "advise"}


@dataclass(frozen=True)
class ShownLabel:
    label: str
    name: str
    why: str
    words: str
    tone: str


def shown_labels(message: Message) -> list[ShownLabel]:
    found = []
    for item in message.labels:
        words = message.text[item["start"]:item["end"]] if item["label"] != "other" else ""
        found.append(ShownLabel(item["label"], LABEL_NAMES.get(item["label"], item["label"]), item["why"],
                                words, _TONE.get(item["label"], "advise")))
    return found


def marked_text(message: Message) -> list[Piece]:
    spans = [{"start": item["start"], "end": item["end"], "severity": _TONE[item["label"]]}
             for item in message.labels if item["label"] in _TONE]
    return pieces(message.text, spans)


@dataclass(frozen=True)
class ShownClock:
    label: str
    name: str
    due_at: dt.datetime
    basis: str


def shown_clocks(message: Message) -> list[ShownClock]:
    return [ShownClock(c["label"], LABEL_NAMES.get(c["label"], c["label"]),
                       dt.datetime.fromisoformat(c["due_at"]), c["basis"]) for c in message.clocks]


def policy_clauses(council: Any, *capabilities: str) -> list[Any]:
    """The clauses of the council's current policy that a part of the desk enforces, verbatim."""
    from civicpost.desk.policies.models import current_version

    try:
        pack = current_version(council).pack
    except LookupError:
        return []
    wanted = {f"desk:{c}" for c in capabilities}
    return [c for c in pack.clauses if wanted & set(c.enforced_by)]
