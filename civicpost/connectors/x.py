"""X (Twitter) through tweepy: API v2 ``Client`` for posts, deletes, mentions and DMs;
the v1.1 ``API`` for image upload (``media_upload``) and alt text
(``create_media_metadata``), with OAuth 1.0a user context.

Errors follow docs.x.com "Response codes and errors": v2 answers with problem details
(``{"title", "detail", "type", "status"}``, and ``errors`` for invalid requests), v1.1 with
``{"errors": [{"code", "message"}]}``; a rate limit is HTTP 429 with
``x-rate-limit-reset`` (epoch seconds).

Idempotency: X takes no idempotency key. :meth:`XConnector.find_published` reads the
account's own posts since just before the first attempt (``GET /2/users/:id/tweets``
with ``start_time``) and returns the one with the same text. X rewrites every link to a
t.co link and escapes ``&``, ``<`` and ``>`` in what it returns, so both sides are
compared with links masked and entities decoded: two posts that differ only in a link's
address look the same. X's own duplicate check (403 "duplicate content") is answered by
the same look-up. A post X accepted but does not list yet is not found.

Credentials: ``consumer_key``, ``consumer_secret``, ``access_token``, ``access_token_secret``.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import mimetypes
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import requests
import tweepy

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
from civicpost.connectors.counting import link_spans
from civicpost.connectors.credentials import Secret

WEB_URL = "https://x.com"
LOOKBACK_SLACK = dt.timedelta(minutes=5)
MAX_PAGES = 5
T = TypeVar("T")
_CREDENTIAL_NAMES = ("consumer_key", "consumer_secret", "access_token", "access_token_secret")


def _plain(value: Secret | str) -> str:
    return value.reveal() if isinstance(value, Secret) else str(value)


def _reason(exc: tweepy.HTTPException) -> str:
    if exc.api_messages:
        return "; ".join(str(m) for m in exc.api_messages)
    try:
        body = exc.response.json()
    except (ValueError, AttributeError):
        body = {}
    if isinstance(body, dict) and (body.get("detail") or body.get("title")):
        return str(body.get("detail") or body.get("title"))
    return f"HTTP {exc.response.status_code} {exc.response.reason}"


def map_error(exc: Exception, doing: str) -> ConnectorError:
    if isinstance(exc, tweepy.TooManyRequests):
        reset = exc.response.headers.get("x-rate-limit-reset")
        retry_after = None
        if reset and reset.strip().isdigit():
            retry_after = max(float(reset) - now_utc().timestamp(), 0.0)
        return ConnectorError(f"X rate limit while {doing}", permanent=False,
                              retry_after=retry_after, platform_reason=_reason(exc))
    if isinstance(exc, tweepy.TwitterServerError):
        return ConnectorError(f"X failed while {doing}", permanent=False, platform_reason=_reason(exc))
    if isinstance(exc, tweepy.Unauthorized):
        return ConnectorError(f"the X credentials no longer work ({doing})", permanent=True,
                              platform_reason=_reason(exc))
    if isinstance(exc, tweepy.HTTPException):
        return ConnectorError(f"X refused {doing}", permanent=True, platform_reason=_reason(exc))
    if isinstance(exc, requests.RequestException):
        return ConnectorError(f"could not reach X while {doing}", permanent=False,
                              platform_reason=type(exc).__name__)
    return ConnectorError(f"tweepy could not complete {doing}", permanent=False,
                          platform_reason=str(exc))


def comparable(text: str) -> str:
    """Text as X returns it and as we sent it made comparable: links masked, entities
    decoded, runs of white space made one."""
    text = html.unescape(text)
    for start, end in reversed(link_spans(text, bare_domains=True)):
        text = f"{text[:start]}<link>{text[end:]}"
    return " ".join(text.split())


class XConnector(Connector):
    platform = "x"

    def __init__(self, credentials: Mapping[str, Secret | str],
                 settings: Mapping[str, Any] | None = None) -> None:
        missing = [name for name in _CREDENTIAL_NAMES if name not in credentials]
        if missing:
            raise ConnectorError(f"X credentials need {', '.join(missing)}", permanent=True)
        keys = {name: _plain(credentials[name]) for name in _CREDENTIAL_NAMES}
        self.client = tweepy.Client(**keys, wait_on_rate_limit=False)
        self.api = tweepy.API(tweepy.OAuth1UserHandler(*(keys[n] for n in _CREDENTIAL_NAMES)),
                              wait_on_rate_limit=False)
        self._me: Any = None

    def call(self, doing: str, action: Callable[[], T]) -> T:
        try:
            return action()
        except (tweepy.TweepyException, requests.RequestException) as exc:
            raise map_error(exc, doing) from None

    def me(self) -> Any:
        if self._me is None:
            self._me = self.call("checking the account",
                                 lambda: self.client.get_me(user_fields=["username", "name"]).data)
        return self._me

    def check_credentials(self) -> str:
        me = self.me()
        return f"X account @{me.username} ({me.id})"

    def status_url(self, tweet_id: str) -> str:
        return f"{WEB_URL}/{self.me().username}/status/{tweet_id}"

    # -- publishing ----------------------------------------------------------------------
    def _publish(self, post: OutgoingPost) -> Published:
        media_ids = []
        for media in post.media:
            filename = "image" + (mimetypes.guess_extension(media.mime_type) or "")
            uploaded = self.call("uploading an image", lambda m=media, f=filename: self.api.media_upload(
                filename=f, file=io.BytesIO(m.data)))
            if media.alt_text:
                self.call("adding the image description", lambda u=uploaded, m=media:
                          self.api.create_media_metadata(u.media_id, m.alt_text))
            media_ids.append(uploaded.media_id)
        try:
            response = self.call("publishing", lambda: self.client.create_tweet(
                text=post.text, media_ids=media_ids or None, in_reply_to_tweet_id=post.reply_to))
        except ConnectorError as exc:
            if "duplicate content" in exc.platform_reason:
                earlier = self.find_published(post, since=now_utc() - dt.timedelta(hours=2))
                if earlier is not None:
                    return earlier
            raise
        tweet_id = str(response.data["id"])
        return Published(external_id=tweet_id, url=self.status_url(tweet_id), published_at=now_utc())

    def find_published(self, post: OutgoingPost, since: dt.datetime | None = None) -> Published | None:
        start = (since or post.first_attempt_at or now_utc()) - LOOKBACK_SLACK
        response = self.call("looking for an earlier post", lambda: self.client.get_users_tweets(
            self.me().id, start_time=start.strftime("%Y-%m-%dT%H:%M:%SZ"), max_results=20,
            tweet_fields=["created_at", "text"], user_auth=True))
        wanted = comparable(post.text)
        for tweet in response.data or []:
            if comparable(tweet.text) == wanted:
                return Published(external_id=str(tweet.id), url=self.status_url(str(tweet.id)),
                                 published_at=utc(tweet.created_at), already_existed=True)
        return None

    def delete(self, external_id: str) -> None:
        try:
            self.call("deleting", lambda: self.client.delete_tweet(external_id))
        except ConnectorError as exc:
            if "Could not find" in exc.platform_reason or "not found" in exc.platform_reason.lower():
                return
            raise

    # -- inbox ---------------------------------------------------------------------------
    def fetch(self, since_cursor: str | None) -> Fetched:
        state = _state(since_cursor)
        notes: list[str] = []
        found, state["mentions"] = self._mentions(state.get("mentions"))
        try:
            dms, state["dms"] = self._dms(state.get("dms"))
            found.extend(dms)
        except ConnectorError as exc:
            if not exc.permanent:
                raise
            notes.append(f"Direct messages were not fetched: X answered \u201c{exc.platform_reason}"
                         "\u201d (the app needs the Direct Messages permission).")
        found.sort(key=lambda m: m.created_at)
        return Fetched(tuple(found), _dump(state), tuple(notes))

    def _mentions(self, since_id: str | None) -> tuple[list[IncomingMessage], str | None]:
        me = self.me()
        found = []
        newest = since_id
        token = None
        for _ in range(MAX_PAGES):
            response = self.call("fetching mentions", lambda t=token: self.client.get_users_mentions(
                me.id, since_id=since_id, pagination_token=t, max_results=100, user_auth=True,
                expansions=["author_id"], user_fields=["username", "name"],
                tweet_fields=["created_at", "referenced_tweets", "in_reply_to_user_id"]))
            users = {str(u.id): u for u in (response.includes or {}).get("users", [])}
            for tweet in response.data or []:
                author = users.get(str(tweet.author_id))
                replied = next((str(r.id) for r in (tweet.referenced_tweets or [])
                                if r.type == "replied_to"), None)
                is_reply = replied is not None and str(tweet.in_reply_to_user_id) == str(me.id)
                found.append(IncomingMessage(
                    kind=MessageKind.REPLY if is_reply else MessageKind.MENTION,
                    external_id=str(tweet.id), author_name=author.name if author else "",
                    author_handle=author.username if author else str(tweet.author_id),
                    text=html.unescape(tweet.text), created_at=utc(tweet.created_at),
                    url=f"{WEB_URL}/{author.username if author else 'i'}/status/{tweet.id}",
                    in_reply_to=replied if is_reply else None))
                if newest is None or int(tweet.id) > int(newest):
                    newest = str(tweet.id)
            token = (response.meta or {}).get("next_token")
            if not token or since_id is None:
                break
        return found, newest

    def _dms(self, since_id: str | None) -> tuple[list[IncomingMessage], str | None]:
        me = self.me()
        response = self.call("fetching direct messages", lambda: self.client.get_direct_message_events(
            event_types="MessageCreate", max_results=50, expansions=["sender_id"],
            dm_event_fields=["created_at", "sender_id", "text", "dm_conversation_id"],
            user_fields=["username", "name"], user_auth=True))
        users = {str(u.id): u for u in (response.includes or {}).get("users", [])}
        found = []
        newest = since_id
        for event in response.data or []:
            if newest is None or int(event.id) > int(newest):
                newest = str(event.id)
            if str(event.sender_id) == str(me.id) or (since_id and int(event.id) <= int(since_id)):
                continue
            sender = users.get(str(event.sender_id))
            found.append(IncomingMessage(
                kind=MessageKind.DM, external_id=str(event.id),
                author_name=sender.name if sender else "",
                author_handle=sender.username if sender else str(event.sender_id),
                text=event.text or "", created_at=utc(event.created_at), url=None))
        return found, newest


def _state(cursor: str | None) -> dict[str, str | None]:
    if not cursor:
        return {}
    parts = dict(part.split("=", 1) for part in cursor.split(";") if "=" in part)
    if not all(re.fullmatch(r"\d*", value) for value in parts.values()):
        raise ConnectorError("the stored X inbox cursor is damaged", permanent=True)
    return {key: value or None for key, value in parts.items()}


def _dump(state: Mapping[str, str | None]) -> str:
    return ";".join(f"{key}={value or ''}" for key, value in sorted(state.items()))
