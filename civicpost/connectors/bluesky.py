"""Bluesky (AT Protocol) through the ``atproto`` SDK: log in with a handle and an app
password, publish ``app.bsky.feed.post`` records with images (alt text), link, mention
and hashtag facets (UTF-8 byte offsets) and replies, delete, and fetch what came back
(see :mod:`civicpost.connectors.bluesky_inbox`).

Idempotency: every post is created with a record key derived from the desk's idempotency
key (:func:`rkey_for`), a valid TID as the post lexicon requires. A repository holds at
most one record per key, so a retry cannot make a second post: before creating, the
connector reads the record at that key and returns it if it is there; if the create call
fails (a PDS answers a duplicate key with an error, a timeout may hide a success), it
reads the key again and returns the record the first attempt made.

Credentials: ``handle`` and ``app_password``. Settings: ``service`` (the PDS or entryway,
default https://bsky.social), ``web_url`` (where post links point, default
https://bsky.app), ``langs`` (default ["en"]) and the inbox settings of
:mod:`~civicpost.connectors.bluesky_inbox`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import warnings
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from atproto import Client, models
from atproto_client import exceptions as atproto_errors
from atproto_client.models.common import XrpcError
from atproto_core.exceptions import AtProtocolError

from civicpost.connectors.base import (
    Connector,
    ConnectorError,
    Fetched,
    OutgoingPost,
    Published,
    now_utc,
    utc,
)
from civicpost.connectors.credentials import Secret

POST_COLLECTION = "app.bsky.feed.post"
DEFAULT_SERVICE = "https://bsky.social"
DEFAULT_WEB_URL = "https://bsky.app"

_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
# Derived keys are TIDs whose time part falls in the 203 days from 2023-01-01: a TID's
# time only orders records in listings, and a time that is plainly not the posting time
# keeps anyone from reading one into it.
_RKEY_EPOCH_MICROS = 1_672_531_200 * 1_000_000
_RKEY_SPAN_BITS = 44

T = TypeVar("T")


def rkey_for(idempotency_key: str) -> str:
    """The record key for a post: a TID (13 base32-sortable characters) taken from a
    SHA-256 of the idempotency key, so the same key always gives the same record key."""
    digest = hashlib.sha256(b"civicpost bluesky rkey\x00" + idempotency_key.encode("utf-8")).digest()
    number = int.from_bytes(digest[:8], "big")
    micros = _RKEY_EPOCH_MICROS + (number >> 10) % (1 << _RKEY_SPAN_BITS)
    value = (micros << 10) | (number & 0x3FF)  # the top bit stays 0, as a TID requires
    chars = []
    for _ in range(13):
        chars.append(_TID_ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def tid_time(rkey: str) -> dt.datetime | None:
    """The moment encoded in a TID record key, or None when the key is not a TID."""
    if len(rkey) != 13 or any(c not in _TID_ALPHABET for c in rkey) or rkey[0] > "j":
        return None
    value = 0
    for char in rkey:
        value = value * 32 + _TID_ALPHABET.index(char)
    return dt.datetime.fromtimestamp((value >> 10) / 1_000_000, dt.UTC)


def split_uri(uri: str) -> tuple[str, str, str]:
    """``at://did/collection/rkey`` → (did, collection, rkey)."""
    parts = uri.removeprefix("at://").split("/")
    if not uri.startswith("at://") or len(parts) != 3 or not all(parts):
        raise ConnectorError(f"{uri!r} is not the at:// URI of a Bluesky post", permanent=True,
                             platform_reason="")
    return parts[0], parts[1], parts[2]


def _reason(exc: atproto_errors.RequestErrorBase) -> str:
    """The service's own words: ``error: message`` of the XRPC error body."""
    response = exc.response
    if response is None:
        return str(exc.__cause__ or exc) or type(exc).__name__
    content = response.content
    if isinstance(content, XrpcError):
        return f"{content.error}: {content.message}" if content.message else str(content.error)
    if isinstance(content, dict) and content.get("error"):
        message = content.get("message")
        return f"{content['error']}: {message}" if message else str(content["error"])
    if isinstance(content, bytes) and content.strip():
        return content.decode("utf-8", "replace").strip()[:300]
    return f"HTTP {response.status_code}"


def map_error(exc: AtProtocolError, doing: str) -> ConnectorError:
    """A ConnectorError for an SDK error, keeping the service's own words."""
    if isinstance(exc, atproto_errors.RateLimitExceededError):
        retry_after = exc.retry_after
        if retry_after is None and exc.reset_at is not None:
            retry_after = max((exc.reset_at - now_utc()).total_seconds(), 0.0)
        return ConnectorError(f"Bluesky rate limit while {doing}", permanent=False,
                              retry_after=retry_after, platform_reason=_reason(exc))
    if isinstance(exc, atproto_errors.RequestErrorBase):
        status = exc.response.status_code if exc.response is not None else None
        reason = _reason(exc)
        if status is None:  # the network, or a timeout: nothing came back
            return ConnectorError(f"could not reach Bluesky while {doing}", permanent=False,
                                  platform_reason=reason)
        permanent = 400 <= status < 500 and status not in (408, 409)
        return ConnectorError(f"Bluesky refused {doing} (HTTP {status})" if permanent
                              else f"Bluesky failed while {doing} (HTTP {status})",
                              permanent=permanent, platform_reason=reason)
    if isinstance(exc, atproto_errors.LoginRequiredError):
        return ConnectorError("not logged in to Bluesky", permanent=True, platform_reason=str(exc))
    return ConnectorError(f"unexpected answer from Bluesky while {doing}", permanent=False,
                          platform_reason=str(exc))


class BlueskyConnector(Connector):
    platform = "bluesky"

    def __init__(self, credentials: Mapping[str, Secret | str],
                 settings: Mapping[str, Any] | None = None) -> None:
        settings = dict(settings or {})
        try:
            self.handle = str(_plain(credentials["handle"])).lstrip("@")
            self._password = credentials["app_password"]
        except KeyError as missing:
            raise ConnectorError(f"Bluesky credentials need {missing.args[0]!r}", permanent=True,
                                 platform_reason="") from None
        self.service = str(settings.get("service") or DEFAULT_SERVICE).rstrip("/")
        self.web_url = str(settings.get("web_url") or DEFAULT_WEB_URL).rstrip("/")
        self.langs = list(settings.get("langs") or ["en"])
        self.settings = settings
        self._client: Client | None = None
        self.did = ""

    # -- session -------------------------------------------------------------------------
    def client(self) -> Client:
        if self._client is None:
            client = Client(base_url=self.service)
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    session = client.login(self.handle, _plain(self._password),
                                           fetch_bsky_profile=False)
            except AtProtocolError as exc:
                raise map_error(exc, "logging in") from None
            del session
            self.did = client._session.did if client._session else ""  # noqa: SLF001
            self._client = client
        return self._client

    def call(self, doing: str, action: Callable[[Client], T]) -> T:
        """Run one SDK call, logging in again once if the session has expired."""
        for attempt in (1, 2):
            client = self.client()
            try:
                return action(client)
            except atproto_errors.UnauthorizedError as exc:
                reason = _reason(exc)
                if attempt == 1 and ("ExpiredToken" in reason or "InvalidToken" in reason):
                    self._client = None
                    continue
                raise map_error(exc, doing) from None
            except AtProtocolError as exc:
                raise map_error(exc, doing) from None
        raise AssertionError("unreachable")

    def check_credentials(self) -> str:
        self.client()
        return f"Bluesky account @{self.handle} ({self.did}) on {self.service}"

    def post_url(self, uri: str, handle: str | None = None) -> str:
        did, _, rkey = split_uri(uri)
        return f"{self.web_url}/profile/{handle or did}/post/{rkey}"

    # -- publishing ----------------------------------------------------------------------
    def _existing(self, rkey: str) -> Published | None:
        def read(client: Client) -> Any:
            try:
                return client.com.atproto.repo.get_record(
                    models.ComAtprotoRepoGetRecord.Params(repo=self.did, collection=POST_COLLECTION,
                                                          rkey=rkey))
            except atproto_errors.BadRequestError as exc:
                if "RecordNotFound" in _reason(exc) or "Could not locate record" in _reason(exc):
                    return None
                raise

        found = self.call("looking for an earlier attempt", read)
        if found is None:
            return None
        created = getattr(found.value, "created_at", None)
        return Published(external_id=found.uri, url=self.post_url(found.uri, self.handle),
                         published_at=utc(created) if created else now_utc(), already_existed=True)

    def _publish(self, post: OutgoingPost) -> Published:
        self.client()
        rkey = rkey_for(post.idempotency_key)
        earlier = self._existing(rkey)
        if earlier is not None:
            return earlier
        record = models.AppBskyFeedPost.Record(
            text=post.text,
            created_at=now_utc().isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            langs=self.langs,
            facets=self.call("finding links and mentions", lambda c: c.detect_facets(post.text)) or None,
            embed=self._images(post),
            reply=self._reply_ref(post.reply_to) if post.reply_to else None,
        )
        try:
            created = self.call("publishing", lambda c: c.com.atproto.repo.create_record(
                models.ComAtprotoRepoCreateRecord.Data(repo=self.did, collection=POST_COLLECTION,
                                                       rkey=rkey, record=record)))
        except ConnectorError:
            earlier = self._existing(rkey)  # a duplicate key, or a success we did not hear of
            if earlier is not None:
                return earlier
            raise
        return Published(external_id=created.uri, url=self.post_url(created.uri, self.handle),
                         published_at=utc(record.created_at))

    def _images(self, post: OutgoingPost) -> models.AppBskyEmbedImages.Main | None:
        if not post.media:
            return None
        images = []
        for media in post.media:
            uploaded = self.call("uploading an image", lambda c, m=media: c.com.atproto.repo.upload_blob(
                m.data, headers={"Content-Type": m.mime_type}))
            images.append(models.AppBskyEmbedImages.Image(alt=media.alt_text, image=uploaded.blob))
        return models.AppBskyEmbedImages.Main(images=images)

    def _reply_ref(self, parent_uri: str) -> models.AppBskyFeedPost.ReplyRef:
        did, collection, rkey = split_uri(parent_uri)
        parent = self.call("reading the post replied to", lambda c: c.com.atproto.repo.get_record(
            models.ComAtprotoRepoGetRecord.Params(repo=did, collection=collection, rkey=rkey)))
        parent_ref = models.ComAtprotoRepoStrongRef.Main(uri=parent.uri, cid=parent.cid or "")
        parent_reply = getattr(parent.value, "reply", None)
        root_ref = parent_reply.root if parent_reply is not None else parent_ref
        return models.AppBskyFeedPost.ReplyRef(root=root_ref, parent=parent_ref)

    def delete(self, external_id: str) -> None:
        did, collection, rkey = split_uri(external_id)
        self.client()
        if did != self.did:
            raise ConnectorError("that post belongs to another account", permanent=True,
                                 platform_reason=f"{did} is not {self.did}")
        self.call("deleting", lambda c: c.com.atproto.repo.delete_record(
            models.ComAtprotoRepoDeleteRecord.Data(repo=did, collection=collection, rkey=rkey)))

    # -- inbox ---------------------------------------------------------------------------
    def fetch(self, since_cursor: str | None) -> Fetched:
        from civicpost.connectors.bluesky_inbox import fetch

        self.client()
        return fetch(self, since_cursor)


def _plain(value: Secret | str) -> str:
    return value.reveal() if isinstance(value, Secret) else str(value)
