"""What the inbox tests share: export files built row by row, and a message arriving through the
desk's own services (typed in on the town's manual channel, as an officer would)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zlib
from typing import Any
from zoneinfo import ZoneInfo

from civicpost.desk.inbox import importing
from civicpost.desk.inbox.models import Message

UK = ZoneInfo("Europe/London")
FACEBOOK_HEADER = ["Comment ID", "Post ID", "Parent ID", "Author", "Author ID", "Comment", "Created time",
                   "Permalink"]


def facebook_csv(rows: list[tuple[str, str, str, str]]) -> bytes:
    """A Facebook Page comments export: (comment id, author, comment, ISO time) per row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(FACEBOOK_HEADER)
    for comment_id, author, text, created in rows:
        writer.writerow([comment_id, "1029384756", "", author, str(zlib.crc32(author.encode())), text,
                         created, f"https://www.facebook.com/LoughtonTownCouncil/posts/1029384756"
                                  f"?comment_id={comment_id}"])
    return out.getvalue().encode("utf-8")


def arrive(town: Any, text: str, *, author: str = "Sandra Pike", handle: str = "",
           when: dt.datetime | None = None, kind: str = "comment", link: str = "") -> Message:
    """One message entered by hand on the town's manual channel; returns it as stored."""
    stored = importing.enter_by_hand(
        town.council, town.officer, town.channel, text=text,
        received=when or dt.datetime.now(UK).replace(microsecond=0), kind=kind, author_name=author,
        author_handle=handle, link=link)
    return stored.arrival.messages.get()


def at(day: str, time: str = "10:00") -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=UK)
