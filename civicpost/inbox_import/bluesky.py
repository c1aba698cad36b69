"""Bluesky (AT Protocol) JSON: a thread, a feed, or the notifications.

Each post is a ``PostView``: ``{"uri": "at://did:plc:.../app.bsky.feed.post/<rkey>", "cid",
"author": {"did", "handle", "displayName"}, "record": {"text", "createdAt", "reply":
{"root": {"uri"}, "parent": {"uri"}}}, "indexedAt"}``. Three responses hold them:

* ``app.bsky.feed.getPostThread``: ``{"thread": {"post", "parent", "replies": [...]}}``, read
  whole (the post, its parents and every reply, however deep);
* ``app.bsky.feed.getAuthorFeed`` (or any feed): ``{"feed": [{"post", "reply", "reason"}]}``; a
  repost (``reason`` of type ``#reasonRepost``) is skipped;
* ``app.bsky.notification.listNotifications``: ``{"notifications": [{"uri", "cid", "author",
  "reason", "record", "indexedAt"}]}``; replies, mentions and quotes are read, likes, reposts
  and follows skipped.

A post with ``record.reply`` is a ``reply`` to its parent's URI; any other is a ``mention``.
The id is the post's ``at://`` URI; the link is ``https://bsky.app/profile/{handle}/post/
{rkey}``. A deleted or blocked post in a thread (``#notFoundPost``, ``#blockedPost``) is
reported as rejected. Pass the council's own handle in ``own_accounts`` to leave out its posts.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from civicpost.inbox_import.reading import mapping, text_of, timestamp
from civicpost.inbox_import.records import Collector, Message

PLATFORM = "bluesky"
_MOST_DEPTH = 200
_READ_REASONS = {"reply", "mention", "quote"}


def looks_like_bluesky(data: Any) -> bool:
    for page in data if isinstance(data, list) else [data]:
        if isinstance(page, dict) and ("thread" in page or "feed" in page or "notifications" in page):
            return True
    return False


def parse(data: Any, collector: Collector, *, assume_tz: str) -> None:
    for page_number, page in enumerate(data if isinstance(data, list) else [data], start=1):
        prefix = f"page {page_number} " if isinstance(data, list) else ""
        if not isinstance(page, dict):
            collector.reject(f"{prefix}record", "not an object")
            continue
        if isinstance(page.get("thread"), dict):
            for where, node in _thread(page["thread"], f"{prefix}thread"):
                _node(node, where, collector, assume_tz)
        for index, entry in enumerate(page.get("feed") or [], start=1):
            where = f"{prefix}feed {index}"
            reason = entry.get("reason") if isinstance(entry, dict) else None
            if isinstance(reason, dict) and "repost" in text_of(reason.get("$type")).lower():
                collector.skip(where, "a repost, not a message")
            elif isinstance(entry, dict):
                _post(entry.get("post"), where, collector, assume_tz)
            else:
                collector.reject(where, "not an object")
        for index, note in enumerate(page.get("notifications") or [], start=1):
            where = f"{prefix}notification {index}"
            if not isinstance(note, dict):
                collector.reject(where, "not an object")
            elif note.get("reason") not in _READ_REASONS:
                collector.skip(where, f"a {text_of(note.get('reason')) or 'non-message'} notification")
            else:
                _post(note, where, collector, assume_tz)


def _thread(node: dict[str, Any], where: str, depth: int = 0) -> Iterator[tuple[str, dict[str, Any]]]:
    """The thread's nodes: the post, then its parents upwards, then every reply downwards."""
    if depth > _MOST_DEPTH:
        return
    yield where, node
    parent, up = node.get("parent"), 1
    while isinstance(parent, dict) and up <= _MOST_DEPTH:
        yield f"{where} parent {up}", parent
        parent, up = parent.get("parent"), up + 1
    for index, reply in enumerate(node.get("replies") or [], start=1):
        if isinstance(reply, dict):
            reply = {k: v for k, v in reply.items() if k != "parent"}
            yield from _thread(reply, f"{where} reply {index}", depth + 1)


def _node(node: dict[str, Any], where: str, collector: Collector, assume_tz: str) -> None:
    kind = text_of(node.get("$type"))
    if kind.endswith(("#notFoundPost", "#blockedPost")) or node.get("notFound") or node.get("blocked"):
        collector.reject(where, "a deleted or blocked post")
        return
    _post(node.get("post"), where, collector, assume_tz)


def _post(post: Any, where: str, collector: Collector, assume_tz: str) -> None:
    if not isinstance(post, dict):
        collector.reject(where, "no post")
        return
    uri = text_of(post.get("uri"))
    record = mapping(post.get("record"))
    author = mapping(post.get("author"))
    text = text_of(record.get("text"))
    if not uri.startswith("at://"):
        collector.reject(where, "no at:// URI")
        return
    if not text.strip():
        collector.reject(where, "no text (an image or a link only?)")
        return
    try:
        created = timestamp(record.get("createdAt") or post.get("indexedAt"), assume_tz)
    except ValueError as exc:
        collector.reject(where, f"bad date: {exc}")
        return
    reply = mapping(record.get("reply"))
    parent = mapping(reply.get("parent"))
    handle = text_of(author.get("handle"))
    rkey = uri.rsplit("/", 1)[-1]
    collector.add(where, Message(
        platform=PLATFORM, external_id=uri, author_name=text_of(author.get("displayName")) or None,
        author_handle=handle or None, author_id=text_of(author.get("did")) or None, text=text,
        created=created, url=f"https://bsky.app/profile/{handle or text_of(author.get('did'))}/post/{rkey}",
        in_reply_to=text_of(parent.get("uri")) or None, kind="reply" if parent else "mention"))
