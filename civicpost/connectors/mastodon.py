"""Mastodon through Mastodon.py: statuses with image descriptions, replies, delete, and
mentions (replies included) and direct messages from the notifications API.

Idempotency: Mastodon honours an ``Idempotency-Key`` header on ``POST /api/v1/statuses``
and answers a repeat with the status the first request made; Mastodon.py sends it as
``status_post(..., idempotency_key=...)``. The server remembers a key for one hour, so a
retry later than that is checked by :meth:`MastodonConnector.find_published` instead: it
reads the account's own statuses since the first attempt and returns the one whose text
is the post's text. Uploaded images of a failed attempt that were never attached are
removed by the server.

Limits come from the instance (``GET /api/v2/instance``), since every instance sets its own.

Credentials: ``access_token``. Settings: ``api_base_url`` (the instance, for example
https://mastodon.social), ``visibility`` (default ``public``) and ``language`` (``en``).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import time
from collections.abc import Callable, Mapping
from html.parser import HTMLParser
from typing import Any, TypeVar

import requests
from mastodon import Mastodon
from mastodon import errors as mastodon_errors

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
from civicpost.connectors.limits import PlatformLimits, mastodon_limits

OLDEST_SUPPORTED_VERSION = "4.0.0"
SERVER_KEY_LIFETIME = dt.timedelta(minutes=55)  # Mastodon keeps a key for an hour
LOOKBACK_SLACK = dt.timedelta(minutes=5)
PAGE_SIZE = 40
MEDIA_CHECKS = 12
MEDIA_WAIT_SECONDS = 5.0
MAX_PAGES = 25
T = TypeVar("T")


class _PlainText(HTMLParser):
    """Mastodon sends a status as HTML; the inbox wants the words (links keep their text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag == "p" and self.parts:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(content: str) -> str:
    parser = _PlainText()
    parser.feed(content or "")
    parser.close()
    return html.unescape("".join(parser.parts)).strip()


def _plain(value: Secret | str) -> str:
    return value.reveal() if isinstance(value, Secret) else str(value)


class MastodonConnector(Connector):
    platform = "mastodon"

    def __init__(self, credentials: Mapping[str, Secret | str],
                 settings: Mapping[str, Any] | None = None, *,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        settings = dict(settings or {})
        self._sleep = sleep
        if "access_token" not in credentials:
            raise ConnectorError("Mastodon credentials need 'access_token'", permanent=True)
        if not settings.get("api_base_url"):
            raise ConnectorError("a Mastodon channel needs its 'api_base_url' setting", permanent=True)
        self.instance = str(settings["api_base_url"]).rstrip("/")
        self.visibility = str(settings.get("visibility") or "public")
        self.language = str(settings.get("language") or "en")
        self._last_response: requests.Response | None = None
        session = requests.Session()
        session.hooks["response"].append(self._remember)
        self.api = Mastodon(access_token=_plain(credentials["access_token"]),
                            api_base_url=self.instance, ratelimit_method="throw",
                            version_check_mode="created", request_timeout=30, session=session,
                            # Told, not asked: every call used here exists since 4.0, and
                            # without a version Mastodon.py fetches /api/v1/instance itself.
                            mastodon_version=str(settings.get("mastodon_version") or
                                                 OLDEST_SUPPORTED_VERSION))
        self._limits: PlatformLimits | None = None
        self._account: Any = None

    def _remember(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        self._last_response = response

    def _reason(self, exc: Exception) -> str:
        """The instance's own ``{"error": ...}`` text (Mastodon.py keeps it in ``args[3]``)."""
        if isinstance(exc, mastodon_errors.MastodonAPIError) and len(exc.args) >= 4 and exc.args[3]:
            return str(exc.args[3])
        response = self._last_response
        if response is not None and not response.ok:
            try:
                body = response.json()
                if isinstance(body, dict) and body.get("error"):
                    return str(body["error"])
            except ValueError:
                pass
            return f"HTTP {response.status_code} {response.reason}"
        return str(exc)

    def call(self, doing: str, action: Callable[[Mastodon], T]) -> T:
        try:
            return action(self.api)
        except mastodon_errors.MastodonRatelimitError as exc:
            reset = self.api.ratelimit_reset
            retry_after = max(float(reset) - time.time(), 0.0) if reset else None
            raise ConnectorError(f"Mastodon rate limit while {doing}", permanent=False,
                                 retry_after=retry_after, platform_reason=self._reason(exc)) from None
        except mastodon_errors.MastodonServerError as exc:
            raise ConnectorError(f"Mastodon failed while {doing}", permanent=False,
                                 platform_reason=self._reason(exc)) from None
        except mastodon_errors.MastodonNetworkError as exc:
            raise ConnectorError(f"could not reach Mastodon while {doing}", permanent=False,
                                 platform_reason=self._reason(exc)) from None
        except mastodon_errors.MastodonUnauthorizedError as exc:
            raise ConnectorError(f"the Mastodon access token no longer works ({doing})",
                                 permanent=True, platform_reason=self._reason(exc)) from None
        except mastodon_errors.MastodonAPIError as exc:
            status = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], int) else 0
            raise ConnectorError(f"Mastodon refused {doing}", permanent=status not in (408, 409, 425),
                                 platform_reason=self._reason(exc)) from None
        except mastodon_errors.MastodonError as exc:
            raise ConnectorError(f"Mastodon.py could not complete {doing}", permanent=False,
                                 platform_reason=str(exc)) from None

    def account(self) -> Any:
        if self._account is None:
            self._account = self.call("checking the account",
                                      lambda api: api.account_verify_credentials())
        return self._account

    def check_credentials(self) -> str:
        account = self.account()
        return f"Mastodon account @{account['acct']} on {self.instance}"

    def limits(self) -> PlatformLimits:
        if self._limits is None:
            instance = self.call("reading the instance's limits", lambda api: api.instance_v2())
            self._limits = mastodon_limits(dict(instance))
        return self._limits

    # -- publishing ----------------------------------------------------------------------
    def _publish(self, post: OutgoingPost) -> Published:
        media_ids = []
        for media in post.media:
            uploaded = self.call("uploading an image", lambda api, m=media: api.media_post(
                io.BytesIO(m.data), mime_type=m.mime_type, description=m.alt_text or None,
                file_name="image"))
            media_ids.append(self._processed(uploaded)["id"])
        status = self.call("publishing", lambda api: api.status_post(
            post.text, in_reply_to_id=post.reply_to, media_ids=media_ids or None,
            visibility=self.visibility, language=self.language,
            idempotency_key=post.idempotency_key))
        return Published(external_id=str(status["id"]), url=status.get("url"),
                         published_at=utc(status["created_at"]))

    def _processed(self, media: Any) -> Any:
        """Wait for a large image the instance processes in the background (202, no url yet).
        Mastodon.py's own wait asks the instance for its version first, so it is done here."""
        for _ in range(MEDIA_CHECKS):
            if media.get("url"):
                return media
            self._sleep(MEDIA_WAIT_SECONDS)
            media = self.call("waiting for an image", lambda api, m=media: api.media(m["id"]))
        raise ConnectorError("Mastodon is still processing the image", permanent=False,
                             retry_after=60.0, platform_reason="the attachment has no URL yet")

    def find_published(self, post: OutgoingPost) -> Published | None:
        first = post.first_attempt_at
        if first is None or now_utc() - first < SERVER_KEY_LIFETIME:
            return None  # the server still holds the key and answers a repeat itself
        start = first - LOOKBACK_SLACK
        own_id = self.account()["id"]
        statuses = self.call("looking for an earlier post", lambda api: api.account_statuses(
            own_id, limit=PAGE_SIZE, exclude_reblogs=True))
        wanted = " ".join(post.text.split())
        for status in statuses:
            created = utc(status["created_at"])
            if created >= start and " ".join(plain_text(status["content"]).split()) == wanted:
                return Published(external_id=str(status["id"]), url=status.get("url"),
                                 published_at=created, already_existed=True)
        return None

    def delete(self, external_id: str) -> None:
        try:
            self.call("deleting", lambda api: api.status_delete(external_id))
        except ConnectorError as exc:
            if exc.platform_reason == "Record not found":
                return  # already gone
            raise

    # -- inbox ---------------------------------------------------------------------------
    def fetch(self, since_cursor: str | None) -> Fetched:
        own_id = str(self.account()["id"])
        found: list[IncomingMessage] = []
        newest = since_cursor
        for _ in range(MAX_PAGES):
            page = self.call("fetching notifications", lambda api, m=newest: api.notifications(
                types=["mention"], min_id=m, limit=PAGE_SIZE))
            if not page:
                break
            for notification in page:
                message = self._message(notification, own_id)
                if message is not None:
                    found.append(message)
            newest = str(max(int(n["id"]) for n in page))
            if since_cursor is None:
                break  # the first fetch takes the latest page and sets the mark
        found.sort(key=lambda m: m.created_at)
        return Fetched(tuple(found), newest)

    def _message(self, notification: Any, own_id: str) -> IncomingMessage | None:
        status = notification.get("status")
        if not status:
            return None
        if status.get("visibility") == "direct":
            kind = MessageKind.DM
        elif str(status.get("in_reply_to_account_id")) == own_id:
            kind = MessageKind.REPLY
        else:
            kind = MessageKind.MENTION
        account = status["account"]
        in_reply_to = status.get("in_reply_to_id")
        return IncomingMessage(
            kind=kind, external_id=str(status["id"]),
            author_name=account.get("display_name") or account["acct"],
            author_handle=account["acct"], text=plain_text(status.get("content", "")),
            created_at=utc(status["created_at"]), url=status.get("url"),
            in_reply_to=str(in_reply_to) if in_reply_to else None)

