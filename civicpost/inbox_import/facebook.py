"""Facebook Page comments: the CSV a page export or Meta Business Suite gives, and Graph API JSON.

**CSV.** One row a comment. The columns are matched by name, without regard to case,
spaces or underscores, and the first of these names that the file has is used:

==============  =========================================================================
field           column names accepted
==============  =========================================================================
id (required)   Comment ID, comment_id, ID
text (required) Comment, Message, Comment text, Text, Content
created (req.)  Created time, created_time, Date, Time, Comment time, Publish time, Timestamp
author          Author, From, From name, Name, Commenter, Commenter name, Profile name
author id       Author ID, From ID, from_id, User ID, Profile ID
url             Permalink, Permalink URL, permalink_url, Link, URL, Comment link
parent          Parent ID, parent_id, Reply to, In reply to
post            Post ID, post_id, Object ID
==============  =========================================================================

A row with a parent is a ``reply`` to that comment; otherwise a ``comment`` on the post.
Meta writes dates month first (``12/18/2025 14:05``) in the page's time zone: that is the
default here (``day_first=False``, ``assume_tz`` Europe/London), and either can be set.

**Graph API JSON**, as ``GET /{post-id}/comments?fields=id,message,created_time,from,
permalink_url,parent`` returns it: ``{"data": [{"id", "message", "created_time", "from":
{"name", "id"}, "permalink_url", "parent": {"id"}}], "paging": {...}}``. A list of such pages
is read too. Conversations from ``GET /{page-id}/conversations?fields=messages{id,message,
created_time,from}`` are read as direct messages. A comment without ``from`` (Facebook
leaves it out for people who have not allowed it) is kept without an author.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from civicpost.inbox_import.reading import csv_rows, mapping, text_of, timestamp
from civicpost.inbox_import.records import Collector, ExportError, Message

PLATFORM = "facebook"
CSV_COLUMNS = {
    "id": ("comment id", "comment_id", "id"),
    "text": ("comment", "message", "comment text", "text", "content"),
    "created": ("created time", "created_time", "date", "time", "comment time", "publish time",
                "timestamp"),
    "author": ("author", "from", "from name", "name", "commenter", "commenter name", "profile name"),
    "author_id": ("author id", "from id", "from_id", "user id", "profile id"),
    "url": ("permalink", "permalink url", "permalink_url", "link", "url", "comment link"),
    "parent": ("parent id", "parent_id", "reply to", "in reply to"),
    "post": ("post id", "post_id", "object id"),
}


def parse_csv(text: str, collector: Collector, *, assume_tz: str, day_first: bool | None) -> None:
    for line, row in csv_rows(text, CSV_COLUMNS, ("id", "text", "created")):
        where = f"line {line}"
        if not row["text"]:
            collector.reject(where, "no text (a photo or sticker only?)")
            continue
        try:
            created = timestamp(row["created"], assume_tz, False if day_first is None else day_first)
        except ValueError as exc:
            collector.reject(where, f"bad date: {exc}")
            continue
        parent = row.get("parent") or None
        collector.add(where, Message(
            platform=PLATFORM, external_id=row["id"], author_name=row.get("author") or None,
            author_handle=None, author_id=row.get("author_id") or None, text=row["text"], created=created,
            url=row.get("url") or None, in_reply_to=parent or row.get("post") or None,
            kind="reply" if parent else "comment"))


def looks_like_graph(data: Any) -> bool:
    items = list(_items(data))
    return bool(items) and all(isinstance(i, dict) and ("message" in i or "messages" in i
                                                        or "created_time" in i) for i in items[:20])


def parse_graph(data: Any, collector: Collector, *, assume_tz: str) -> None:
    post_id = data.get("id") if isinstance(data, dict) and "data" in data else None
    for index, item in enumerate(_items(data), start=1):
        where = f"record {index}"
        if not isinstance(item, dict):
            collector.reject(where, "not an object")
            continue
        if isinstance(item.get("messages"), dict):
            _conversation(item, where, collector, assume_tz)
            continue
        _comment(item, where, collector, assume_tz, post_id)
        for reply_index, reply in enumerate(_replies(item), start=1):
            if isinstance(reply, dict):
                _comment(reply, f"{where} reply {reply_index}", collector, assume_tz, post_id,
                         parent=text_of(item.get("id")))


def _items(data: Any) -> Iterator[Any]:
    pages = data if isinstance(data, list) else [data]
    for page in pages:
        if isinstance(page, dict) and isinstance(page.get("data"), list):
            yield from page["data"]
        elif isinstance(page, dict) and isinstance(page.get("comments"), dict):
            yield from _items(page["comments"])


def _replies(item: dict[str, Any]) -> list[Any]:
    comments = item.get("comments")
    if isinstance(comments, dict) and isinstance(comments.get("data"), list):
        return list(comments["data"])
    return []


def _comment(item: dict[str, Any], where: str, collector: Collector, assume_tz: str,
             post_id: Any, parent: str | None = None) -> None:
    ident = text_of(item.get("id"))
    text = text_of(item.get("message"))
    if not ident:
        collector.reject(where, "no id")
        return
    if not text.strip():
        collector.reject(where, "no text (a photo or sticker only?)")
        return
    try:
        created = timestamp(item.get("created_time"), assume_tz)
    except ValueError as exc:
        collector.reject(where, f"bad date: {exc}")
        return
    author = mapping(item.get("from"))
    parent_id = parent or (text_of(item["parent"].get("id")) if isinstance(item.get("parent"), dict) else "")
    answers = parent_id or text_of(post_id) or (ident.split("_")[0] if "_" in ident else "")
    collector.add(where, Message(
        platform=PLATFORM, external_id=ident, author_name=text_of(author.get("name")) or None,
        author_handle=None, author_id=text_of(author.get("id")) or None, text=text, created=created,
        url=text_of(item.get("permalink_url")) or None, in_reply_to=answers or None,
        kind="reply" if parent_id else "comment"))


def _conversation(item: dict[str, Any], where: str, collector: Collector, assume_tz: str) -> None:
    messages = item["messages"].get("data")
    if not isinstance(messages, list):
        raise ExportError(f"{where}: 'messages' has no 'data' list")
    for index, message in enumerate(messages, start=1):
        here = f"{where} message {index}"
        if not isinstance(message, dict):
            collector.reject(here, "not an object")
            continue
        try:
            created = timestamp(message.get("created_time"), assume_tz)
        except ValueError as exc:
            collector.reject(here, f"bad date: {exc}")
            continue
        text, ident = text_of(message.get("message")), text_of(message.get("id"))
        if not ident or not text.strip():
            collector.reject(here, "no id" if not ident else "no text")
            continue
        author = mapping(message.get("from"))
        collector.add(here, Message(
            platform=PLATFORM, external_id=ident, author_name=text_of(author.get("name")) or None,
            author_handle=None, author_id=text_of(author.get("id")) or None, text=text, created=created,
            url=None, in_reply_to=None, kind="dm"))
