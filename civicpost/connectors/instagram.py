"""Instagram professional accounts through the Graph API's content publishing.

Publishing is two steps: a media container (``POST /{ig-user-id}/media`` with the
image's public URL, the caption and the alt text; a carousel for several images), then
``POST /{ig-user-id}/media_publish``. Instagram fetches the image itself ("we cURL media
used in publishing attempts, so the media must be hosted on a publicly accessible
server"), so the desk gives this connector ``media_url_for``: a callable (setting) that
puts one :class:`~civicpost.connectors.base.Media` where Instagram can fetch it and
returns its URL. Every post needs an image (limit PL006), except a reply, which answers a
comment: ``POST /{ig-comment-id}/replies``.

The API cannot delete a published post; :meth:`InstagramConnector.delete` deletes
comments and replies, and for a post says to delete it in the Instagram app.

Inbox: comments and replies on the account's recent posts (``GET /{ig-media-id}/comments``).
Direct messages come only through Instagram Messaging webhooks, which this connector does
not receive; the fetch says so in its notes.

Idempotency: no server-side key. :meth:`InstagramConnector.find_published` reads the
account's recent media from just before the first attempt and returns the one whose
caption is exactly the post's text. The same limits as Facebook's apply: a post not yet
listed is not found, and two identical captions in the window are taken as one. An
unpublished container left behind by a failed attempt expires by itself after 24 hours.

Credentials: ``access_token``. Settings: ``ig_user_id``, ``media_url_for``, and ``host``
(https://graph.facebook.com for Instagram API with Facebook Login, the default).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping
from typing import Any

from civicpost.connectors.base import (
    Connector,
    ConnectorError,
    Fetched,
    IncomingMessage,
    Media,
    MessageKind,
    OutgoingPost,
    Published,
    now_utc,
    utc,
)
from civicpost.connectors.credentials import Secret
from civicpost.connectors.graph import GRAPH_HOST, GraphClient
from civicpost.connectors.watermark import Watermark

LOOKBACK_SLACK = dt.timedelta(minutes=5)
CONTAINER_CHECKS = 10
CONTAINER_WAIT_SECONDS = 3.0


def _plain(value: Secret | str) -> str:
    return value.reveal() if isinstance(value, Secret) else str(value)


class InstagramConnector(Connector):
    platform = "instagram"

    def __init__(self, credentials: Mapping[str, Secret | str],
                 settings: Mapping[str, Any] | None = None, *, graph: GraphClient | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        settings = dict(settings or {})
        if "access_token" not in credentials:
            raise ConnectorError("Instagram credentials need 'access_token'", permanent=True)
        if not settings.get("ig_user_id"):
            raise ConnectorError("an Instagram channel needs its 'ig_user_id' setting", permanent=True)
        self.user_id = str(settings["ig_user_id"])
        self.media_url_for: Callable[[Media], str] | None = settings.get("media_url_for")
        self.graph = graph or GraphClient(_plain(credentials["access_token"]), platform="Instagram",
                                          host=str(settings.get("host") or GRAPH_HOST))
        self._sleep = sleep
        self._username: str | None = None

    def check_credentials(self) -> str:
        account = self.graph.get(self.user_id, "checking the account", fields="id,username,name")
        self._username = account.get("username")
        return f"Instagram account @{self._username} ({account.get('id', self.user_id)})"

    def check_limits(self, post: OutgoingPost) -> list[Any]:
        findings = super().check_limits(post)
        if post.reply_to:  # a reply is a comment: text only, no image needed
            findings = [f for f in findings if f.code != "PL006"]
        return findings

    # -- publishing ----------------------------------------------------------------------
    def _publish(self, post: OutgoingPost) -> Published:
        if post.reply_to:
            body = self.graph.post(f"{post.reply_to}/replies", "replying", message=post.text)
            return Published(external_id=str(body["id"]), url=None, published_at=now_utc())
        if self.media_url_for is None:
            raise ConnectorError("Instagram publishing needs a public address for the image, and "
                                 "this channel has no media_url_for setting", permanent=True)
        if len(post.media) == 1:
            container = self._container(post.media[0], caption=post.text)
        else:
            children = [self._container(media, carousel_item=True) for media in post.media]
            container = str(self.graph.post(f"{self.user_id}/media", "making the carousel",
                                            media_type="CAROUSEL", children=",".join(children),
                                            caption=post.text)["id"])
        self._wait_until_ready(container)
        media_id = str(self.graph.post(f"{self.user_id}/media_publish", "publishing",
                                       creation_id=container)["id"])
        details = self.graph.get(media_id, "reading the new post", fields="id,permalink,timestamp")
        return Published(external_id=media_id, url=details.get("permalink"),
                         published_at=utc(details["timestamp"]) if details.get("timestamp")
                         else now_utc())

    def _container(self, media: Media, *, caption: str | None = None,
                   carousel_item: bool = False) -> str:
        assert self.media_url_for is not None
        fields: dict[str, Any] = {"image_url": self.media_url_for(media)}
        if media.alt_text:
            fields["alt_text"] = media.alt_text
        if caption is not None:
            fields["caption"] = caption
        if carousel_item:
            fields["is_carousel_item"] = "true"
        return str(self.graph.post(f"{self.user_id}/media", "preparing an image", **fields)["id"])

    def _wait_until_ready(self, container: str) -> None:
        status = ""
        for _ in range(CONTAINER_CHECKS):
            status = str(self.graph.get(container, "checking the upload",
                                        fields="status_code").get("status_code", ""))
            if status in ("FINISHED", "PUBLISHED"):
                return
            if status in ("ERROR", "EXPIRED"):
                raise ConnectorError("Instagram could not prepare the image", permanent=True,
                                     platform_reason=f"container status {status}")
            self._sleep(CONTAINER_WAIT_SECONDS)
        raise ConnectorError("Instagram is still preparing the image", permanent=False,
                             retry_after=60.0, platform_reason=f"container status {status}")

    def find_published(self, post: OutgoingPost) -> Published | None:
        if post.reply_to:
            return None  # replies are text only and cheap to check by eye; see the docstring
        start = (post.first_attempt_at or now_utc()) - LOOKBACK_SLACK
        for item in self.graph.pages(f"{self.user_id}/media", "looking for an earlier post", 2,
                                     fields="id,caption,timestamp,permalink", limit=25):
            if item.get("caption") == post.text and utc(item["timestamp"]) >= start:
                return Published(external_id=str(item["id"]), url=item.get("permalink"),
                                 published_at=utc(item["timestamp"]), already_existed=True)
        return None

    def delete(self, external_id: str) -> None:
        try:
            self.graph.delete(external_id, "deleting")
        except ConnectorError as exc:
            raise ConnectorError(
                "Instagram deletes comments and replies through its API, but not posts: "
                "delete a post in the Instagram app", permanent=True,
                platform_reason=exc.platform_reason) from None

    # -- inbox ---------------------------------------------------------------------------
    def fetch(self, since_cursor: str | None) -> Fetched:
        started = now_utc()
        mark = Watermark.load(since_cursor, "Instagram")
        found: list[IncomingMessage] = []
        for item in self.graph.pages(f"{self.user_id}/media", "listing recent posts", 2,
                                     fields="id,timestamp,permalink", limit=25):
            comments = self.graph.pages(
                f"{item['id']}/comments", "reading comments", 4, limit=50,
                fields="id,text,timestamp,username,from,replies{id,text,timestamp,username,from}")
            for comment in comments:
                found.extend(self._comment(comment, item, mark, parent=str(item["id"])))
                for reply in (comment.get("replies") or {}).get("data", []):
                    found.extend(self._comment(reply, item, mark, parent=str(comment["id"])))
        found.sort(key=lambda m: m.created_at)
        notes = ("Instagram direct messages are not fetched: they arrive only through Instagram "
                 "Messaging webhooks.",)
        return Fetched(tuple(found), mark.advance(found, read_until=started), notes)

    def _comment(self, comment: dict[str, Any], media: dict[str, Any], mark: Watermark, *,
                 parent: str) -> list[IncomingMessage]:
        created = utc(comment["timestamp"])
        username = comment.get("username") or (comment.get("from") or {}).get("username") or ""
        if (self._username and username == self._username) or (comment.get("from") or {}).get(
                "id") == self.user_id or not mark.is_new(str(comment["id"]), created):
            return []
        return [IncomingMessage(
            kind=MessageKind.COMMENT, external_id=str(comment["id"]), author_name=username,
            author_handle=username, text=comment.get("text", ""), created_at=created,
            url=media.get("permalink"), in_reply_to=parent)]
