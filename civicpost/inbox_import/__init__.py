"""Reading the platforms' own export files into one kind of incoming message.

    >>> from civicpost.inbox_import import parse_export
    >>> result = parse_export("comments.csv")            # doctest: +SKIP
    >>> result.report()                                  # doctest: +SKIP
    '41 message(s) imported from a facebook-csv export; 2 rejected, 1 skipped. ...'

Each :class:`Message` has the platform, its id there, the author's name and handle, the text,
when it was written (an aware UTC date-time), its link, the id of the post it answers, its kind
(``comment``, ``reply``, ``mention`` or ``dm``) and a stable ``dedupe_key``. A record that cannot
be read is rejected with its line or record number and the reason; the council's own posts,
reposts and likes are skipped with a reason; a file that cannot be read at all (wrong encoding,
not CSV or JSON, missing columns) gives one ``error`` line. Nothing raises on bad input.

The formats, each documented in its module:

================  =====================================================================
``facebook-csv``  Facebook Page comments as CSV (page export, Meta Business Suite):
                  :mod:`~civicpost.inbox_import.facebook`
``facebook-json`` Graph API comments and conversations: :mod:`~civicpost.inbox_import.facebook`
``x-json``        X API v2 posts and direct messages: :mod:`~civicpost.inbox_import.x`
``bluesky-json``  Bluesky threads, feeds and notifications: :mod:`~civicpost.inbox_import.bluesky`
``generic-csv``   id, author, handle, text, created, url, in_reply_to: a manual channel,
                  :mod:`~civicpost.inbox_import.generic`
================  =====================================================================

Pure Python: no Django, no network.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from civicpost.inbox_import import bluesky, facebook, generic, x
from civicpost.inbox_import.reading import MOST_BYTES, decode, load_json, looks_like_json, timestamp
from civicpost.inbox_import.records import (
    KINDS,
    Collector,
    ExportError,
    ImportResult,
    Message,
    Rejection,
)

FORMATS = ("facebook-csv", "facebook-json", "x-json", "bluesky-json", "generic-csv")
_GENERIC_HEADER = {"id", "author", "handle", "text", "created", "url", "in_reply_to"}

__all__ = ["FORMATS", "KINDS", "ExportError", "ImportResult", "Message", "Rejection",
           "detect_format", "parse_export"]


def parse_export(source: bytes | str | Path, format: str | None = None, *,
                 own_accounts: Iterable[str] = (), platform: str = "manual",
                 assume_tz: str = "Europe/London", day_first: bool | None = None,
                 encoding: str | None = None) -> ImportResult:
    """Read an export: a path, or its bytes. ``format`` is one of :data:`FORMATS`, or found
    from the content when ``None``. ``own_accounts`` are the council's own names, handles or
    ids, whose posts are skipped. ``platform`` names a generic CSV's channel. ``assume_tz``
    is the zone of times that give none; ``day_first`` overrides a format's reading of dates
    such as 03/04/2026; ``encoding`` names a file's encoding when it is not UTF-8."""
    try:
        _check_zone(assume_tz)
        data = _read(source)
        text = decode(data, encoding)
        chosen = format or detect_format(text)
        if chosen not in FORMATS:
            raise ExportError(f"unknown format {chosen!r}: use one of {', '.join(FORMATS)}")
        collector = Collector(frozenset(own_accounts))
        _parse(chosen, text, collector, platform=platform, assume_tz=assume_tz, day_first=day_first)
        return collector.result(chosen)
    except ExportError as exc:
        return ImportResult(format, error=str(exc))


def _check_zone(name: str) -> None:
    try:
        timestamp("2026-01-01T00:00", name)
    except (ValueError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        raise ExportError(f"unknown time zone {name!r}: use a name such as Europe/London") from None


def _read(source: bytes | str | Path) -> bytes:
    if isinstance(source, bytes):
        return source
    path = Path(source)
    try:
        if path.stat().st_size > MOST_BYTES:
            raise ExportError(f"{path.name} is larger than {MOST_BYTES // (1024 * 1024)} MB; split it")
        return path.read_bytes()
    except OSError as exc:
        raise ExportError(f"cannot read {path.name}: {exc.strerror}") from None


def detect_format(text: str) -> str:
    """The format of an export's text, judged from its content; raises ExportError when it
    is none of :data:`FORMATS`."""
    if looks_like_json(text):
        data = load_json(text)
        if bluesky.looks_like_bluesky(data):
            return "bluesky-json"
        if x.looks_like_x(data):
            return "x-json"
        if facebook.looks_like_graph(data):
            return "facebook-json"
        raise ExportError("JSON, but not a Facebook, X or Bluesky export we recognise")
    first_line = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    if "," not in first_line and "\t" not in first_line and ";" not in first_line:
        raise ExportError("not a CSV or JSON export: the first line has no column names")
    header = {cell.strip().strip('"').lower() for cell in first_line.split(",")}
    if {"text", "created"} <= header and header <= _GENERIC_HEADER | {"kind"}:
        return "generic-csv"
    known = {alias for aliases in facebook.CSV_COLUMNS.values() for alias in aliases}
    if header & known:
        return "facebook-csv"
    raise ExportError(f"not a CSV or JSON export we recognise (its first line is {first_line[:60]!r})")


def _parse(chosen: str, text: str, collector: Collector, *, platform: str, assume_tz: str,
           day_first: bool | None) -> None:
    if chosen == "facebook-csv":
        facebook.parse_csv(text, collector, assume_tz=assume_tz, day_first=day_first)
    elif chosen == "generic-csv":
        generic.parse_csv(text, collector, platform=platform, assume_tz=assume_tz, day_first=day_first)
    else:
        data = load_json(text)
        if chosen == "facebook-json":
            facebook.parse_graph(data, collector, assume_tz=assume_tz)
        elif chosen == "x-json":
            x.parse(data, collector, assume_tz=assume_tz)
        else:
            bluesky.parse(data, collector, assume_tz=assume_tz)
