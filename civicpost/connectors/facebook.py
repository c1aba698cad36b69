"""Facebook Pages through the Graph API (version pinned in :mod:`~civicpost.connectors.graph`).

Publishing: text to ``POST /{page-id}/feed``; one photo to ``POST /{page-id}/photos``
(uploaded as ``source``, the text as its caption); several photos uploaded unpublished and
attached to one feed post (``attached_media``); a reply is a comment,
``POST /{object-id}/comments``. The Graph API offers no field for a custom description
(alt text) of a Page photo, so none is sent: Facebook writes its own.

Inbox: comments on the Page's posts of the last ``comment_window_days`` (14) days,
``GET /{post-id}/comments`` newest first, and Messenger conversations,
``GET /{page-id}/conversations?platform=messenger``. Comments on older posts are not seen
(Meta's Page webhooks deliver those as they happen; the desk would add a receiver).

Idempotency: the Graph API takes no idempotency key. When the desk retries after an
attempt whose outcome it does not know, :meth:`FacebookConnector.find_published` reads the
Page's feed (or the comments replied to) from just before the first attempt and returns
the post whose text is exactly the same. Its limits, honestly: a post that Facebook
accepted but does not yet list (seconds, in practice) is not found, so a retry straight
after a timeout can still post twice; and two posts of identical text in the window are
taken to be one. Facebook's own duplicate check (error 506, "Duplicate status message")
is answered the same way. Credentials: ``page_access_token``. Settings: ``page_id``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from civicpost.connectors.base import (
    Connector,
    ConnectorError,
    Fetched,
    IncomingMessage,
    MessageKind,
    OutgoingPost,
    Published,
    now_utc,
    utc,
)
from civicpost.connectors.credentials import Secret
from civicpost.connectors.graph import DUPLICATE_POST, GraphClient, GraphError
from civicpost.connectors.watermark import Watermark

LOOKBACK_SLACK = dt.timedelta(minutes=5)


def _plain(value: Secret | str) -> str:
    return value.reveal() if isinstance(value, Secret) else str(value)


class FacebookConnector(Connector):
    platform = "facebook"

    def __init__(self, credentials: Mapping[str, Secret | str],
                 settings: Mapping[str, Any] | None = None, *, graph: GraphClient | None = None) -> None:
        settings = dict(settings or {})
        if "page_access_token" not in credentials:
            raise ConnectorError("Facebook credentials need 'page_access_token'", permanent=True)
        if not settings.get("page_id"):
            raise ConnectorError("a Facebook channel needs its 'page_id' setting", permanent=True)
        self.page_id = str(settings["page_id"])
        self.comment_window = dt.timedelta(days=int(settings.get("comment_window_days") or 14))
        self.graph = graph or GraphClient(_plain(credentials["page_access_token"]),
                                          platform="Facebook")

    def check_credentials(self) -> str:
        page = self.graph.get(self.page_id, "checking the Page", fields="id,name,link")
        return f"Facebook Page {page.get('name', '?')} ({page.get('id', self.page_id)})"

    # -- publishing ----------------------------------------------------------------------
    def _publish(self, post: OutgoingPost) -> Published:
        try:
            object_id = self._send(post)
        except GraphError as exc:
            if exc.code == DUPLICATE_POST:
                earlier = self.find_published(post, since=now_utc() - dt.timedelta(hours=1))
                if earlier is not None:
                    return earlier
            raise
        return self._published(object_id)

    def _send(self, post: OutgoingPost) -> str:
        if post.reply_to:
            return str(self.graph.post(f"{post.reply_to}/comments", "replying",
                                       message=post.text)["id"])
        if len(post.media) == 1:
            media = post.media[0]
            body = self.graph.post(f"{self.page_id}/photos", "publishing a photo",
                                   files={"source": ("image", media.data, media.mime_type)},
                                   caption=post.text, published="true")
            return str(body.get("post_id") or body["id"])
        attached = {}
        for index, media in enumerate(post.media):
            body = self.graph.post(f"{self.page_id}/photos", "uploading a photo",
                                   files={"source": ("image", media.data, media.mime_type)},
                                   published="false")
            attached[f"attached_media[{index}]"] = f'{{"media_fbid":"{body["id"]}"}}'
        return str(self.graph.request("POST", f"{self.page_id}/feed", "publishing",
                                      data={"message": post.text, **attached})["id"])

    def _published(self, object_id: str, *, already: bool = False) -> Published:
        details = self.graph.get(object_id, "reading the new post",
                                 fields="id,created_time,permalink_url")
        return Published(external_id=object_id, url=details.get("permalink_url"),
                         published_at=utc(details["created_time"]) if details.get("created_time")
                         else now_utc(), already_existed=already)

    def find_published(self, post: OutgoingPost, since: dt.datetime | None = None) -> Published | None:
        start = (since or post.first_attempt_at or now_utc()) - LOOKBACK_SLACK
        if post.reply_to:
            items = self.graph.pages(f"{post.reply_to}/comments", "looking for an earlier reply", 3,
                                     fields="id,message,created_time,from,permalink_url",
                                     filter="stream", order="reverse_chronological", limit=50)
            items = [i for i in items if (i.get("from") or {}).get("id") == self.page_id]
        else:
            items = self.graph.pages(f"{self.page_id}/feed", "looking for an earlier post", 3,
                                     fields="id,message,created_time,permalink_url",
                                     since=int(start.timestamp()), limit=50)
        for item in items:
            if item.get("message") == post.text and utc(item["created_time"]) >= start:
                return Published(external_id=str(item["id"]), url=item.get("permalink_url"),
                                 published_at=utc(item["created_time"]), already_existed=True)
        return None

    def delete(self, external_id: str) -> None:
        try:
            self.graph.delete(external_id, "deleting")
        except GraphError as exc:
            if exc.code == 100 and exc.subcode == 33:  # the object does not exist (any more)
                return
            raise

    # -- inbox ---------------------------------------------------------------------------
    def fetch(self, since_cursor: str | None) -> Fetched:
        started = now_utc()
        mark = Watermark.load(since_cursor, "Facebook")
        notes: list[str] = []
        messages = self._comments(mark, started)
        messages.extend(self._conversations(mark, notes))
        messages.sort(key=lambda m: m.created_at)
        return Fetched(tuple(messages), mark.advance(messages, read_until=started), tuple(notes))

    def _comments(self, mark: Watermark, started: dt.datetime) -> list[IncomingMessage]:
        posts = self.graph.pages(f"{self.page_id}/feed", "listing the Page's posts", 4,
                                 fields="id,created_time",
                                 since=int((started - self.comment_window).timestamp()), limit=50)
        found = []
        for item in posts:
            comments = self.graph.pages(
                f"{item['id']}/comments", "reading comments", 5,
                fields="id,message,from,created_time,permalink_url,parent{id}",
                filter="stream", order="reverse_chronological", limit=100)
            for comment in comments:
                created = utc(comment["created_time"])
                author = comment.get("from") or {}
                if author.get("id") == self.page_id or not mark.is_new(str(comment["id"]), created):
                    continue
                found.append(IncomingMessage(
                    kind=MessageKind.COMMENT, external_id=str(comment["id"]),
                    author_name=author.get("name") or "a Facebook user",
                    author_handle=str(author.get("id") or ""), text=comment.get("message", ""),
                    created_at=created, url=comment.get("permalink_url"),
                    in_reply_to=str((comment.get("parent") or {}).get("id") or item["id"])))
        return found

    def _conversations(self, mark: Watermark, notes: list[str]) -> list[IncomingMessage]:
        try:
            conversations = self.graph.pages(
                f"{self.page_id}/conversations", "reading Messenger conversations", 3,
                platform="messenger", limit=25,
                fields="id,updated_time,messages.limit(25){id,message,from,created_time}")
        except GraphError as exc:
            if not exc.permanent:
                raise
            notes.append("Messenger conversations were not fetched: Facebook answered "
                         f"\u201c{exc.platform_reason}\u201d (the token needs pages_messaging).")
            return []
        found = []
        for conversation in conversations:
            if utc(conversation.get("updated_time") or now_utc()) < mark.window_start:
                continue
            for message in (conversation.get("messages") or {}).get("data", []):
                created = utc(message["created_time"])
                sender = message.get("from") or {}
                if sender.get("id") == self.page_id or not mark.is_new(str(message["id"]), created):
                    continue
                found.append(IncomingMessage(
                    kind=MessageKind.DM, external_id=str(message["id"]),
                    author_name=sender.get("name") or "a Facebook user",
                    author_handle=str(sender.get("id") or ""), text=message.get("message", ""),
                    created_at=created, url=None))
        return found
