"""What comes back on Bluesky: replies, mentions and quotes of the council's posts, and
chat messages, since a cursor.

Two ways to find them, chosen per channel (setting ``inbox``: ``auto``, the default,
``notifications`` or ``pds-scan``):

* **notifications**: ``app.bsky.notification.listNotifications``, which a PDS answers by
  proxying to its AppView. This is how it works on bsky.social and any PDS with an AppView.
  Pages run newest first; the cursor keeps a high-water mark and, when one fetch stops at
  its page budget, where to resume, so a storm of replies is drained over several fetches
  and nothing in between is skipped.
* **pds-scan**: a PDS with no AppView (a small self-hosted PDS, or the test PDS) cannot
  answer notifications or threads. Every record on a PDS is readable through the
  repository API, so the connector lists the PDS's accounts (``com.atproto.sync.listRepos``)
  and reads each one's recent posts (``com.atproto.repo.listRecords``, newest first),
  keeping those that reply to, mention or quote the council's account. Record keys are
  TIDs made by the PDS clock at write time, which gives the order and the high-water mark;
  a ten-minute overlap with a list of what was already returned covers clock skew. It
  reaches only accounts on the same PDS, and reads at most ``max_scan_repos`` (500) of them.

``auto`` uses notifications and falls back to the scan only when the service says it has
no AppView for it (502 UpstreamFailure, 501 MethodNotImplemented); once a channel's cursor
holds a mode it keeps it, so a passing AppView outage is a transient error, not a scan.

Chat (``chat.bsky.convo.getLog`` through the PDS's chat proxy) needs an app password made
with "Allow access to your direct messages" and a service that runs Bluesky's chat
service. The test PDS runs none: there the fetch says so in its notes.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from atproto import models

from civicpost.connectors.base import (
    ConnectorError,
    Fetched,
    IncomingMessage,
    MessageKind,
    now_utc,
    utc,
)
from civicpost.connectors.bluesky import POST_COLLECTION, split_uri, tid_time

if TYPE_CHECKING:
    from civicpost.connectors.bluesky import BlueskyConnector

WANTED_REASONS = ("reply", "mention", "quote")
PAGE_SIZE = 100
MAX_PAGES = 20
OVERLAP = dt.timedelta(minutes=10)
FIRST_FETCH = dt.timedelta(days=7)
NO_APPVIEW = ("UpstreamFailure", "MethodNotImplemented", "XRPCNotSupported")


@dataclass
class InboxState:
    """The cursor, as JSON. ``since``: high-water mark; ``resume``/``upper``: a drain in
    progress; ``seen``: ids at or near the mark already returned; ``chat``: the chat log's
    own cursor."""

    mode: str | None = None
    since: str | None = None
    resume: str | None = None
    upper: str | None = None
    seen: list[str] = field(default_factory=list)
    chat: str | None = None

    @classmethod
    def load(cls, cursor: str | None) -> InboxState:
        if not cursor:
            return cls()
        try:
            data = json.loads(cursor)
            return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})
        except (ValueError, TypeError):
            raise ConnectorError("the stored Bluesky inbox cursor is damaged", permanent=True,
                                 platform_reason="") from None

    def dump(self) -> str:
        return json.dumps({k: v for k, v in self.__dict__.items() if v not in (None, [])},
                          sort_keys=True)


def fetch(connector: BlueskyConnector, cursor: str | None) -> Fetched:
    state = InboxState.load(cursor)
    if state.since is None:
        state.since = (now_utc() - FIRST_FETCH).isoformat()
    wanted_mode = str(connector.settings.get("inbox") or "auto")
    mode = state.mode or wanted_mode
    notes: list[str] = []
    messages: list[IncomingMessage]
    if mode in ("auto", "notifications"):
        try:
            messages = _from_notifications(connector, state)
            state.mode = "notifications"
        except ConnectorError as exc:
            if mode != "auto" or not any(word in exc.platform_reason for word in NO_APPVIEW):
                raise
            notes.append("This Bluesky service has no AppView for notifications "
                         f"({exc.platform_reason}); replies are found by reading the PDS's accounts.")
            state.mode = "pds-scan"
            messages = _from_pds_scan(connector, state, notes)
    else:
        state.mode = "pds-scan"
        messages = _from_pds_scan(connector, state, notes)
    messages.extend(_from_chat(connector, state, notes))
    messages.sort(key=lambda message: message.created_at)
    return Fetched(messages=tuple(messages), cursor=state.dump(), notes=tuple(notes))


def _kind_and_parent(record: Any, own_did: str) -> tuple[MessageKind, str | None] | None:
    """How a post relates to the council's account: a reply to one of its posts, a quote of
    one (reported as a mention), or a mention by facet; None when it does not."""
    own = f"at://{own_did}/"
    reply = getattr(record, "reply", None)
    if reply is not None:
        for ref in (reply.parent, reply.root):
            if ref.uri.startswith(own):
                return MessageKind.REPLY, ref.uri
    embed = getattr(record, "embed", None)
    quoted = getattr(embed, "record", None)
    quoted = getattr(quoted, "record", quoted)  # recordWithMedia nests it once more
    if quoted is not None and str(getattr(quoted, "uri", "")).startswith(own):
        return MessageKind.MENTION, str(quoted.uri)
    for facet in getattr(record, "facets", None) or []:
        for feature in facet.features:
            if getattr(feature, "did", None) == own_did:
                return MessageKind.MENTION, None
    return None


# -- notifications (an AppView) --------------------------------------------------------------
def _from_notifications(connector: BlueskyConnector, state: InboxState) -> list[IncomingMessage]:
    floor = utc(state.since) if state.since else None
    draining = state.resume is not None
    page_cursor = state.resume
    seen = set(state.seen)
    newest: dt.datetime | None = None
    found: list[IncomingMessage] = []
    reached_floor = False
    for _ in range(MAX_PAGES):
        params = models.AppBskyNotificationListNotifications.Params(
            limit=PAGE_SIZE, cursor=page_cursor, reasons=list(WANTED_REASONS))
        page = connector.call("fetching notifications",
                              lambda c, p=params: c.app.bsky.notification.list_notifications(p))
        for notification in page.notifications:
            moment = utc(notification.indexed_at)
            newest = moment if newest is None or moment > newest else newest
            if floor is not None and (moment < floor or (moment == floor and notification.uri in seen)):
                reached_floor = True
                break
            if notification.reason in WANTED_REASONS:
                message = _notification_message(connector, notification)
                if message is not None:
                    found.append(message)
        if reached_floor or not page.cursor or not page.notifications:
            reached_floor = True
            break
        page_cursor = page.cursor
    if reached_floor:
        mark = utc(state.upper) if draining and state.upper else max(filter(None, (newest, floor)))
        state.since, state.resume, state.upper = mark.isoformat(), None, None
        state.seen = [m.external_id for m in found if m.created_at >= mark] if not draining else []
    else:
        state.resume = page_cursor
        if not draining:
            state.upper = newest.isoformat() if newest else state.since
    return found


def _notification_message(connector: BlueskyConnector, notification: Any) -> IncomingMessage | None:
    record = notification.record
    related = _kind_and_parent(record, connector.did)
    kind, parent = related if related else (MessageKind.MENTION, notification.reason_subject)
    author = notification.author
    return IncomingMessage(
        kind=kind, external_id=notification.uri,
        author_name=author.display_name or author.handle, author_handle=author.handle,
        text=getattr(record, "text", ""), created_at=utc(notification.indexed_at),
        url=connector.post_url(notification.uri, author.handle), in_reply_to=parent)


# -- scanning a PDS with no AppView ------------------------------------------------------------
def _from_pds_scan(connector: BlueskyConnector, state: InboxState,
                   notes: list[str]) -> list[IncomingMessage]:
    mark = utc(state.since) if state.since else now_utc() - FIRST_FETCH
    window_start = mark - OVERLAP
    seen = set(state.seen)
    limit = int(connector.settings.get("max_scan_repos") or 500)
    found: list[IncomingMessage] = []
    newest = mark
    for did in _repos(connector, limit, notes):
        if did == connector.did:
            continue
        for rkey, uri, record in _recent_posts(connector, did, window_start):
            moment = tid_time(rkey) or utc(record.created_at)
            newest = max(newest, moment)
            related = _kind_and_parent(record, connector.did)
            if related is None or uri in seen:
                continue
            handle, name = _author(connector, did)
            found.append(IncomingMessage(
                kind=related[0], external_id=uri, author_name=name, author_handle=handle,
                text=record.text, created_at=utc(record.created_at),
                url=connector.post_url(uri, handle), in_reply_to=related[1]))
    state.since = newest.isoformat()
    keep_from = newest - OVERLAP
    state.seen = sorted({*(uri for uri in seen if _uri_time(uri) >= keep_from),
                         *(m.external_id for m in found)})
    return found


def _uri_time(uri: str) -> dt.datetime:
    return tid_time(split_uri(uri)[2]) or dt.datetime.min.replace(tzinfo=dt.UTC)


def _repos(connector: BlueskyConnector, limit: int, notes: list[str]) -> list[str]:
    dids: list[str] = []
    cursor = None
    while True:
        params = models.ComAtprotoSyncListRepos.Params(limit=min(500, limit), cursor=cursor)
        page = connector.call("listing the PDS's accounts",
                              lambda c, p=params: c.com.atproto.sync.list_repos(p))
        dids.extend(repo.did for repo in page.repos if repo.active is not False)
        if len(dids) >= limit:
            notes.append(f"Read the first {limit} accounts on this PDS only.")
            return dids[:limit]
        if not page.cursor or not page.repos:
            return dids
        cursor = page.cursor


def _recent_posts(connector: BlueskyConnector, did: str,
                  window_start: dt.datetime) -> list[tuple[str, str, Any]]:
    posts: list[tuple[str, str, Any]] = []
    cursor = None
    while True:
        params = models.ComAtprotoRepoListRecords.Params(repo=did, collection=POST_COLLECTION,
                                                         limit=PAGE_SIZE, cursor=cursor)
        page = connector.call("reading posts", lambda c, p=params: c.com.atproto.repo.list_records(p))
        for item in page.records:
            rkey = split_uri(item.uri)[2]
            moment = tid_time(rkey) or utc(item.value.created_at)
            if moment < window_start:
                return posts
            posts.append((rkey, item.uri, item.value))
        if not page.cursor or not page.records:
            return posts
        cursor = page.cursor


def _author(connector: BlueskyConnector, did: str) -> tuple[str, str]:
    cache: dict[str, tuple[str, str]] = connector.__dict__.setdefault("_author_cache", {})
    if did not in cache:
        described = connector.call("reading an account", lambda c: c.com.atproto.repo.describe_repo(
            models.ComAtprotoRepoDescribeRepo.Params(repo=did)))
        name = described.handle
        if "app.bsky.actor.profile" in (described.collections or []):
            try:
                profile = connector.call("reading a profile", lambda c: c.com.atproto.repo.get_record(
                    models.ComAtprotoRepoGetRecord.Params(repo=did, collection="app.bsky.actor.profile",
                                                          rkey="self")))
                name = getattr(profile.value, "display_name", None) or name
            except ConnectorError:
                pass
        cache[did] = (described.handle, name)
    return cache[did]


# -- chat ----------------------------------------------------------------------------------
def _from_chat(connector: BlueskyConnector, state: InboxState,
               notes: list[str]) -> list[IncomingMessage]:
    if connector.settings.get("chat") is False:
        return []
    try:
        chat = connector.client().with_bsky_chat_proxy()
        params = models.ChatBskyConvoGetLog.Params(cursor=state.chat)
        log = connector.call("reading direct messages",
                             lambda c: chat.chat.bsky.convo.get_log(params))
    except ConnectorError as exc:
        notes.append("Direct messages were not fetched: the service answered "
                     f"\u201c{exc.platform_reason}\u201d. Chat needs an app password made with "
                     "\u2018Allow access to your direct messages\u2019 and a service that runs "
                     "Bluesky's chat service.")
        return []
    found = []
    for entry in log.logs:
        message = getattr(entry, "message", None)
        sender = getattr(getattr(message, "sender", None), "did", None)
        if (message is not None and sender is not None and sender != connector.did
                and getattr(entry, "py_type", "").endswith("#logCreateMessage")):
            handle, name = _chat_sender(connector, sender)
            found.append(IncomingMessage(
                kind=MessageKind.DM, external_id=f"{entry.convo_id}/{message.id}",
                author_name=name, author_handle=handle, text=getattr(message, "text", ""),
                created_at=utc(message.sent_at), url=None))
    if log.cursor:
        state.chat = log.cursor
    return found


def _chat_sender(connector: BlueskyConnector, did: str) -> tuple[str, str]:
    try:
        profile = connector.call("reading a profile", lambda c: c.app.bsky.actor.get_profile(
            models.AppBskyActorGetProfile.Params(actor=did)))
    except ConnectorError:
        return did, did
    return profile.handle, profile.display_name or profile.handle
