"""The one interface the desk's outbox and inbox workers call, whatever the platform.

A connector publishes an approved post, deletes one, fetches what came back (comments,
replies, mentions, direct messages) since a cursor, and says whose account its
credentials open. Every failure is a :class:`ConnectorError` that says whether trying
again can help (``permanent``), when to try (``retry_after``) and, word for word, what the
platform said (``platform_reason``), which is what the officer sees.

Publishing is idempotent per platform (each module says how): the desk gives every post
and channel one ``idempotency_key`` and, when it retries after an attempt whose outcome it
does not know, the time of the first attempt (``first_attempt_at``). A retry then returns
the post that the first attempt made instead of making a second one.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from civicpost.connectors.limits import LimitFinding, PlatformLimits


@dataclass(frozen=True)
class Media:
    """One image to attach: its bytes, MIME type and the description read to blind users."""

    data: bytes = field(repr=False)
    mime_type: str
    alt_text: str = ""

    def __repr__(self) -> str:
        return f"Media({self.mime_type}, {len(self.data)} bytes, alt={self.alt_text[:40]!r})"


@dataclass(frozen=True)
class OutgoingPost:
    """An approved post on its way to one channel.

    ``reply_to`` is the platform's id of the post this one answers (for Bluesky the
    ``at://`` URI). ``idempotency_key`` is the desk's key for this post on this channel;
    ``first_attempt_at`` is set by the desk when an earlier attempt may have gone through.
    """

    text: str
    idempotency_key: str
    media: tuple[Media, ...] = ()
    reply_to: str | None = None
    first_attempt_at: dt.datetime | None = None


class PublishState(StrEnum):
    PUBLISHED = "published"
    #: The manual channel: the officer posts by hand and records the live URL later.
    PENDING = "pending"


@dataclass(frozen=True)
class Published:
    """Where a post went live. ``already_existed`` is true when a retry found it."""

    external_id: str
    url: str | None
    published_at: dt.datetime
    state: PublishState = PublishState.PUBLISHED
    already_existed: bool = False


class MessageKind(StrEnum):
    COMMENT = "comment"  # under a post (Facebook, Instagram)
    REPLY = "reply"  # a post that answers one of the council's (Bluesky, Mastodon, X)
    MENTION = "mention"  # names the council's account, or quotes one of its posts
    DM = "dm"  # a direct or private message


@dataclass(frozen=True)
class IncomingMessage:
    """One incoming message, the same shape for every platform.

    ``created_at`` is aware and in UTC. ``in_reply_to`` is the platform id of the council's
    post (or comment) that this answers, when there is one.
    """

    kind: MessageKind
    external_id: str
    author_name: str
    author_handle: str
    text: str
    created_at: dt.datetime
    url: str | None
    in_reply_to: str | None = None


@dataclass(frozen=True)
class Fetched:
    """What one fetch brought: messages oldest first, the cursor for the next fetch, and
    plain-English notes about what could not be fetched (for example DMs the account's
    credentials do not allow)."""

    messages: tuple[IncomingMessage, ...]
    cursor: str | None
    notes: tuple[str, ...] = ()


class ConnectorError(Exception):
    """A platform call failed.

    ``permanent``: trying again with the same input cannot help (a validation error, a
    revoked token, a forbidden action); otherwise it is transient (a rate limit, a server
    error, the network). ``retry_after`` is in seconds when the platform said when.
    ``platform_reason`` is the platform's own words, shown to the officer as they are.
    """

    def __init__(self, message: str, *, permanent: bool, retry_after: float | None = None,
                 platform_reason: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.permanent = permanent
        self.retry_after = retry_after
        self.platform_reason = platform_reason

    def __repr__(self) -> str:
        return (f"{type(self).__name__}({self.message!r}, permanent={self.permanent}, "
                f"retry_after={self.retry_after}, platform_reason={self.platform_reason!r})")


class LimitsExceeded(ConnectorError):
    """The post breaks the platform's limits, found before anything was sent."""

    def __init__(self, platform: str, findings: Sequence[LimitFinding]) -> None:
        self.findings = tuple(findings)
        summary = "; ".join(f"{f.code} {f.message}" for f in self.findings)
        super().__init__(f"not sent to {platform}: {summary}", permanent=True,
                         platform_reason="")


class Connector(ABC):
    """A council's account on one platform. Subclasses are small transports over the
    platform's own client library; they map every error into :class:`ConnectorError`."""

    platform: ClassVar[str]

    def limits(self) -> PlatformLimits:
        """The platform's limits for this account (Mastodon's depend on the instance)."""
        from civicpost.connectors.limits import limits_for

        return limits_for(self.platform)

    def check_limits(self, post: OutgoingPost) -> list[LimitFinding]:
        """The platform limits this post breaks, as findings the officer can act on."""
        from civicpost.connectors.limits import check_post

        return check_post(post, self.limits())

    def publish(self, post: OutgoingPost) -> Published:
        """Publish an approved post; safe to call again with the same idempotency key."""
        findings = self.check_limits(post)
        if findings:
            raise LimitsExceeded(self.platform, findings)
        if post.first_attempt_at is not None:
            earlier = self.find_published(post)
            if earlier is not None:
                return earlier
        return self._publish(post)

    @abstractmethod
    def _publish(self, post: OutgoingPost) -> Published:
        """Send the post (limits already checked, no earlier attempt found)."""

    def find_published(self, post: OutgoingPost) -> Published | None:
        """The post an earlier attempt with this idempotency key made, if it went live.

        Platforms that honour a key on the server side need nothing more and return None
        unless they override this; the others look the post up.
        """
        return None

    @abstractmethod
    def delete(self, external_id: str) -> None:
        """Take a published post down. Deleting one already gone is not an error."""

    @abstractmethod
    def fetch(self, since_cursor: str | None) -> Fetched:
        """Incoming messages since the cursor (``None``: the first fetch)."""

    @abstractmethod
    def check_credentials(self) -> str:
        """A one-line description of the account the credentials open, or a ConnectorError."""


def utc(value: dt.datetime | str) -> dt.datetime:
    """An aware UTC datetime from a datetime or an ISO 8601 / RFC 3339 string.

    A naive value is taken to be UTC already (the platforms' own convention)."""
    if isinstance(value, str):
        # Python 3.11's parser reads "Z", fractions and "+0000" (the Graph API's form).
        value = dt.datetime.fromisoformat(value.strip())
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
