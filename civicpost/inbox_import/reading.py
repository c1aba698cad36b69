"""Reading export files: bytes to text, text to JSON or CSV rows, and dates to UTC.

Every failure here is an :class:`~civicpost.inbox_import.records.ExportError` with a one-line
message that says what is wrong and, where it helps, what to do about it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from civicpost.inbox_import.records import ExportError

MOST_BYTES = 200 * 1024 * 1024
_SLASH_DATE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})(?:[ ,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?"
                         r"\s*([AaPp][Mm])?)?\s*$")
_EPOCH = re.compile(r"^\s*\d{10}(?:\d{3})?\s*$")


def decode(data: bytes, encoding: str | None = None) -> str:
    """The export's text. UTF-8 (with or without a byte-order mark) and UTF-16 with a mark
    are read as they are; anything else needs ``encoding`` to be named."""
    if not data.strip():
        raise ExportError("the file is empty")
    if encoding:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            raise ExportError(f"the file is not {encoding} text ({exc})") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ExportError(f"the file is not UTF-16 text (bad bytes at offset {exc.start})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExportError(
            f"the file is not UTF-8 text (bad byte at offset {exc.start}); save it as UTF-8 "
            "(in Excel: 'CSV UTF-8') or name its encoding") from None


def load_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExportError(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise ExportError("not valid JSON: nested too deeply") from None


def looks_like_json(text: str) -> bool:
    return text.lstrip()[:1] in ("{", "[")


def csv_rows(text: str, columns: Mapping[str, Sequence[str]], required: Sequence[str]
             ) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line number, row)`` for every data row, the row keyed by our own field names.

    ``columns`` maps each field to the header names an export may use for it (compared
    without case, spaces, dashes or underscores); a missing ``required`` field is an error
    that names the columns the file does have.
    """
    if "\x00" in text:
        raise ExportError("the file holds NUL bytes: it is not a CSV text file")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ExportError("the file is empty") from None
    except csv.Error as exc:
        raise ExportError(f"not a readable CSV file: {exc}") from None
    position = _positions(header, columns)
    missing = [name for name in required if name not in position]
    if missing:
        found = ", ".join(repr(h.strip()) for h in header if h.strip()) or "none"
        raise ExportError(f"missing column(s) {', '.join(missing)}; the file has: {found}")
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            yield reader.line_num, {name: (row[i].strip() if i < len(row) else "")
                                    for name, i in position.items()}
    except csv.Error as exc:
        raise ExportError(f"line {reader.line_num}: not readable as CSV ({exc})") from None


def _key(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name.strip().lower())


def _positions(header: Sequence[str], columns: Mapping[str, Sequence[str]]) -> dict[str, int]:
    keys = [_key(h) for h in header]
    found = {}
    for name, aliases in columns.items():
        for alias in aliases:
            if _key(alias) in keys:
                found[name] = keys.index(_key(alias))
                break
    return found


def timestamp(value: Any, assume_tz: str = "Europe/London", day_first: bool = True) -> dt.datetime:
    """An export's date and time as an aware UTC date-time.

    Takes ISO 8601 (``2025-12-18T14:05:00+0000``, ``...Z``, or without a zone, which is read in
    ``assume_tz``), Unix seconds or milliseconds, and dates with slashes (``18/12/2025 14:05``,
    ``12/18/2025 2:05 PM``): a part above 12 says which is the day, otherwise ``day_first``.
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _epoch(float(value))
    if not isinstance(value, str) or not value.strip():
        raise ValueError("no date")
    raw = value.strip()
    if _EPOCH.match(raw):
        return _epoch(float(raw))
    slash = _SLASH_DATE.match(raw)
    if slash:
        moment = _slash_date(slash, day_first)
    else:
        try:
            moment = dt.datetime.fromisoformat(raw.replace(" UTC", "+00:00"))
        except ValueError:
            raise ValueError(f"not a date we can read: {raw[:40]!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_zone(assume_tz))
    return moment.astimezone(dt.UTC)


def _epoch(seconds: float) -> dt.datetime:
    if seconds > 1e11:
        seconds /= 1000  # milliseconds
    try:
        return dt.datetime.fromtimestamp(seconds, dt.UTC)
    except (OverflowError, OSError, ValueError):
        raise ValueError(f"not a date we can read: {seconds!r}") from None


def _slash_date(match: re.Match[str], day_first: bool) -> dt.datetime:
    first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
    if year < 100:
        year += 2000
    if first > 12 or (day_first and second <= 12):
        day, month = first, second
    else:
        day, month = second, first
    hour = int(match.group(4) or 0)
    if match.group(7):
        hour = hour % 12 + (12 if match.group(7).lower() == "pm" else 0)
    try:
        return dt.datetime(year, month, day, hour, int(match.group(5) or 0), int(match.group(6) or 0))
    except ValueError:
        raise ValueError(f"not a real date: {match.group().strip()!r}") from None


def _zone(name: str) -> dt.tzinfo:
    if name.upper() == "UTC":
        return dt.UTC
    return ZoneInfo(name)


def text_of(value: Any) -> str:
    """A field's value as text: strings as they are, numbers as digits, nothing as ''."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return ""
    if isinstance(value, int | float):
        return str(int(value)) if float(value).is_integer() else str(value)
    return ""


def mapping(value: Any) -> dict[str, Any]:
    """``value`` when it is a JSON object, else an empty one: exports leave fields out."""
    return value if isinstance(value, dict) else {}
