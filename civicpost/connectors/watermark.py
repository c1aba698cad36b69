"""A fetch cursor for platforms that can only be asked "what is newer than this time?".

The cursor is a high-water mark plus the ids already returned near it. Each fetch reads
from the mark less an overlap (clocks and indexing lag differ) and drops what it already
returned, so nothing is skipped and nothing comes twice.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from civicpost.connectors.base import ConnectorError, IncomingMessage, now_utc, utc

OVERLAP = dt.timedelta(minutes=10)
FIRST_FETCH = dt.timedelta(days=7)


@dataclass
class Watermark:
    since: dt.datetime
    #: external id -> when it was created, for what was returned inside the overlap.
    seen: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # a platform's own cursors (DMs, ...)

    @classmethod
    def load(cls, cursor: str | None, platform: str) -> Watermark:
        if not cursor:
            return cls(since=now_utc() - FIRST_FETCH)
        try:
            data = json.loads(cursor)
            return cls(since=utc(data["since"]), seen=dict(data.get("seen", {})),
                       extra=dict(data.get("extra", {})))
        except (ValueError, KeyError, TypeError, AttributeError):
            raise ConnectorError(f"the stored {platform} inbox cursor is damaged", permanent=True,
                                 platform_reason="") from None

    @property
    def window_start(self) -> dt.datetime:
        return self.since - OVERLAP

    def is_new(self, external_id: str, created_at: dt.datetime) -> bool:
        return created_at >= self.window_start and external_id not in self.seen

    def advance(self, messages: Iterable[IncomingMessage], *, read_until: dt.datetime) -> str:
        """The next cursor once ``messages`` are handed over. ``read_until`` is when the
        fetch started: the mark never passes it, so a message dated in the future by a
        wrong clock cannot hide the ones that follow."""
        messages = list(messages)
        newest = max([self.since, *(m.created_at for m in messages)])
        since = max(self.since, min(newest, read_until))
        seen = {**self.seen, **{m.external_id: m.created_at.isoformat() for m in messages}}
        keep_from = since - OVERLAP
        seen = {i: moment for i, moment in seen.items() if utc(moment) >= keep_from}
        return json.dumps({"since": since.isoformat(), "seen": seen, "extra": self.extra},
                          sort_keys=True)
