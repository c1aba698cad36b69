"""X (Twitter) API v2 JSON: replies and mentions, and direct messages.

**Posts**, as ``GET /2/tweets/search/recent`` or ``GET /2/users/{id}/mentions`` return them with
``tweet.fields=created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets,
note_tweet`` and ``expansions=author_id``::

    {"data": [{"id", "text", "author_id", "created_at", "conversation_id",
               "in_reply_to_user_id", "referenced_tweets": [{"type": "replied_to", "id"}],
               "note_tweet": {"text"}}],
     "includes": {"users": [{"id", "name", "username"}]}, "meta": {...}, "errors": [...]}

A post that replies to another (``referenced_tweets`` of type ``replied_to``) is a ``reply``
to it; any other is a ``mention``. A repost (``retweeted``) is skipped: it is not a message.
A long post's full text is in ``note_tweet``. The link is ``https://x.com/{username}/status/
{id}``. Entries of ``errors`` (posts deleted or withheld) are reported as rejected.

**Direct messages**, as ``GET /2/dm_events`` returns them: ``{"data": [{"id", "event_type":
"MessageCreate", "text", "sender_id", "dm_conversation_id", "created_at"}], "includes":
{"users": [...]}}``. Other event types (joining, leaving a conversation) are skipped.

Several pages may be given as a JSON list of these objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from civicpost.inbox_import.reading import text_of, timestamp
from civicpost.inbox_import.records import Collector, Message

PLATFORM = "x"


def looks_like_x(data: Any) -> bool:
    for page in _pages(data):
        items = page.get("data")
        items = items if isinstance(items, list) else [items] if isinstance(items, dict) else []
        for item in items[:20]:
            if isinstance(item, dict) and ("author_id" in item or "event_type" in item
                                           or "edit_history_tweet_ids" in item):
                return True
        if isinstance(page.get("includes"), dict) and "users" in page["includes"]:
            return True
    return False


def _pages(data: Any) -> Iterator[dict[str, Any]]:
    for page in data if isinstance(data, list) else [data]:
        if isinstance(page, dict):
            yield page


def parse(data: Any, collector: Collector, *, assume_tz: str) -> None:
    for page_number, page in enumerate(_pages(data), start=1):
        prefix = f"page {page_number} " if isinstance(data, list) else ""
        users = _users(page)
        items = page.get("data")
        items = items if isinstance(items, list) else [items] if isinstance(items, dict) else []
        for index, item in enumerate(items, start=1):
            where = f"{prefix}record {index}"
            if not isinstance(item, dict):
                collector.reject(where, "not an object")
            elif "event_type" in item:
                _direct_message(item, where, users, collector, assume_tz)
            else:
                _post(item, where, users, collector, assume_tz)
        for index, error in enumerate(page.get("errors") or [], start=1):
            if isinstance(error, dict):
                detail = text_of(error.get("detail")) or text_of(error.get("title")) or "an error"
                collector.reject(f"{prefix}error {index}", f"X reported: {detail}")


def _users(page: dict[str, Any]) -> dict[str, dict[str, Any]]:
    includes = page.get("includes")
    users = includes.get("users") if isinstance(includes, dict) else None
    if not isinstance(users, list):
        return {}
    return {text_of(u.get("id")): u for u in users if isinstance(u, dict) and u.get("id") is not None}


def _post(item: dict[str, Any], where: str, users: dict[str, dict[str, Any]], collector: Collector,
          assume_tz: str) -> None:
    ident = text_of(item.get("id"))
    note = item.get("note_tweet")
    long_text = text_of(note.get("text")) if isinstance(note, dict) else ""
    text = long_text or text_of(item.get("text"))
    if not ident:
        collector.reject(where, "no id")
        return
    references = [r for r in item.get("referenced_tweets") or [] if isinstance(r, dict)]
    if any(r.get("type") == "retweeted" for r in references):
        collector.skip(where, "a repost, not a message")
        return
    if not text.strip():
        collector.reject(where, "no text")
        return
    try:
        created = timestamp(item.get("created_at"), assume_tz)
    except ValueError as exc:
        collector.reject(where, f"bad date: {exc}")
        return
    author_id = text_of(item.get("author_id"))
    user = users.get(author_id, {})
    username = text_of(user.get("username"))
    replied_to = next((text_of(r.get("id")) for r in references if r.get("type") == "replied_to"), "")
    url = f"https://x.com/{username}/status/{ident}" if username else f"https://x.com/i/web/status/{ident}"
    collector.add(where, Message(
        platform=PLATFORM, external_id=ident, author_name=text_of(user.get("name")) or None,
        author_handle=f"@{username}" if username else None, author_id=author_id or None, text=text,
        created=created, url=url, in_reply_to=replied_to or None, kind="reply" if replied_to else "mention"))


def _direct_message(item: dict[str, Any], where: str, users: dict[str, dict[str, Any]],
                    collector: Collector, assume_tz: str) -> None:
    if item.get("event_type") != "MessageCreate":
        collector.skip(where, f"a {text_of(item.get('event_type')) or 'non-message'} event, not a message")
        return
    ident, text = text_of(item.get("id")), text_of(item.get("text"))
    if not ident or not text.strip():
        collector.reject(where, "no id" if not ident else "no text")
        return
    try:
        created = timestamp(item.get("created_at"), assume_tz)
    except ValueError as exc:
        collector.reject(where, f"bad date: {exc}")
        return
    sender = text_of(item.get("sender_id"))
    user = users.get(sender, {})
    username = text_of(user.get("username"))
    collector.add(where, Message(
        platform=PLATFORM, external_id=ident, author_name=text_of(user.get("name")) or None,
        author_handle=f"@{username}" if username else None, author_id=sender or None, text=text,
        created=created, url=None, in_reply_to=None, kind="dm"))
