"""Getting messages in by hand: a platform's export file uploaded for one channel, or one message
typed in on a manual channel (a letter, a phone call, a platform without an API)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from civicpost.desk.channels.models import ChannelAccount
from civicpost.desk.inbox import arrival
from civicpost.desk.inbox.arrival import Arriving, Stored
from civicpost.desk.inbox.models import Arrival, Kind
from civicpost.desk.inbox.services import NotAllowed, _staff
from civicpost.inbox_import import FORMATS, parse_export
from civicpost.inbox_import.records import dedupe_key

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
FORMAT_PLATFORM = {"facebook-csv": "facebook", "facebook-json": "facebook", "x-json": "x",
                   "bluesky-json": "bluesky"}


def own_accounts(council: Any) -> set[str]:
    """Names and handles the council posts as, whose own comments in an export are skipped."""
    names = {council.name}
    for handle, settings in council.channels.values_list("handle", "platform_settings"):
        if handle:
            names.add(handle)
        for key in ("page_id", "ig_user_id", "user_id", "did"):
            if (settings or {}).get(key):
                names.add(str(settings[key]))
    return names


def _channel(council: Any, channel: ChannelAccount) -> ChannelAccount:
    if channel.council_id != council.pk:
        raise NotAllowed("Choose one of this council's own accounts")
    if not channel.active:
        raise NotAllowed(f"{channel} is not active")
    return channel


def import_export(council: Any, actor: Any, channel: ChannelAccount, data: bytes, *, file_name: str,
                  format: str | None = None, day_first: bool | None = None, processes: int = 1) -> Arrival:
    """Read an export file and store its messages on ``channel``; the arrival is the report.
    A file that cannot be read at all raises NotAllowed with one line saying why. ``processes``
    above 1 shares the triage between that many worker processes (a backlog, not a web page)."""
    _staff(council, actor)
    _channel(council, channel)
    if format is not None and format not in FORMATS:
        raise NotAllowed(f"Choose one of the formats: {', '.join(FORMATS)}")
    if len(data) > MAX_UPLOAD_BYTES:
        raise NotAllowed(f"The file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB: split it")
    result = parse_export(data, format, own_accounts=own_accounts(council),
                          platform=channel.platform, day_first=day_first)
    if not result.ok:
        raise NotAllowed(f"Nothing was imported: {result.error}")
    platform = FORMAT_PLATFORM.get(result.format or "")
    if platform and not channel.is_manual and platform != channel.platform:
        raise NotAllowed(f"This is a {platform.capitalize()} export, but {channel} is a "
                         f"{channel.get_platform_display()} account: choose the account it came from")
    stored = arrival.store(
        council, channel, [Arriving.from_export(m) for m in result.messages], source=Arrival.Source.UPLOAD,
        actor=actor, file_name=file_name, file_sha256=hashlib.sha256(data).hexdigest(),
        format=result.format or "", rejected=[r.to_dict() for r in result.rejected],
        skipped=[s.to_dict() for s in result.skipped], processes=processes)
    return stored.arrival


def enter_by_hand(council: Any, actor: Any, channel: ChannelAccount, *, text: str, received: dt.datetime,
                  kind: str = Kind.COMMENT, author_name: str = "", author_handle: str = "",
                  link: str = "") -> Stored:
    """One message typed in on a manual channel. Entering the same one twice adds nothing."""
    _staff(council, actor)
    _channel(council, channel)
    if not channel.is_manual:
        raise NotAllowed(f"{channel} is fetched from the platform: enter messages by hand only on a "
                         "manual channel")
    if not text.strip():
        raise NotAllowed("Write what the message says")
    if kind not in Kind.values:
        raise NotAllowed("Choose what kind of message it is")
    author = author_handle.strip() or author_name.strip()
    key = dedupe_key("hand", "", author, received.astimezone(dt.UTC), text)
    return arrival.store(council, channel, [Arriving(
        external_id=key, kind=kind, author_name=author_name.strip(), author_handle=author_handle.strip(),
        text=text, received=received, link=link.strip())], source=Arrival.Source.HAND, actor=actor)
