"""The generic CSV for a manual channel (letters typed in, e-mails, a platform with no API).

Columns, matched by name without regard to case: ``id``, ``author``, ``handle``, ``text``,
``created``, ``url``, ``in_reply_to``, and optionally ``kind`` (comment, reply, mention or
dm). ``text`` and ``created`` are required; ``id`` may be empty, and the dedupe key is then
made from the author, the time and the text. ``created`` takes ISO 8601 or a UK date
(``18/12/2025 14:05``: day first by default), read as UK time unless it gives a zone. Without
``kind``, a row with ``in_reply_to`` is a ``reply`` and any other a ``comment``.
"""

from __future__ import annotations

from civicpost.inbox_import.reading import csv_rows, timestamp
from civicpost.inbox_import.records import KINDS, Collector, Message

COLUMNS = {
    "id": ("id",), "author": ("author",), "handle": ("handle",), "text": ("text",),
    "created": ("created",), "url": ("url",), "in_reply_to": ("in_reply_to", "in reply to"),
    "kind": ("kind",),
}


def parse_csv(text: str, collector: Collector, *, platform: str, assume_tz: str,
              day_first: bool | None) -> None:
    for line, row in csv_rows(text, COLUMNS, ("text", "created")):
        where = f"line {line}"
        if not row["text"]:
            collector.reject(where, "no text")
            continue
        try:
            created = timestamp(row["created"], assume_tz, True if day_first is None else day_first)
        except ValueError as exc:
            collector.reject(where, f"bad date: {exc}")
            continue
        parent = row.get("in_reply_to") or None
        kind = (row.get("kind") or ("reply" if parent else "comment")).lower()
        if kind not in KINDS:
            collector.reject(where, f"kind must be one of {', '.join(KINDS)} (got {kind!r})")
            continue
        collector.add(where, Message(
            platform=platform, external_id=row.get("id", ""), author_name=row.get("author") or None,
            author_handle=row.get("handle") or None, text=row["text"], created=created,
            url=row.get("url") or None, in_reply_to=parent, kind=kind))
