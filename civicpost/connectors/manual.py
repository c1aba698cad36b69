"""The manual channel, for councils that post by hand (a noticeboard page, a platform
with no API, a councillor's own phone).

Publishing returns a *pending* result: the desk shows the approved text to the officer,
who posts it and then records the live URL. There is nothing to delete or fetch, and no
credentials. Idempotency is trivial: the external id is the desk's own key.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from civicpost.connectors.base import (
    Connector,
    Fetched,
    OutgoingPost,
    Published,
    PublishState,
    now_utc,
)


class ManualConnector(Connector):
    platform = "manual"

    def __init__(self, credentials: Mapping[str, Any] | None = None,
                 settings: Mapping[str, Any] | None = None) -> None:
        self.name = str((settings or {}).get("name") or "the manual channel")

    def _publish(self, post: OutgoingPost) -> Published:
        return Published(external_id=f"manual:{post.idempotency_key}", url=None,
                         published_at=now_utc(), state=PublishState.PENDING)

    def delete(self, external_id: str) -> None:
        """Nothing to do here: the officer takes a hand-made post down by hand."""

    def fetch(self, since_cursor: str | None) -> Fetched:
        return Fetched(messages=(), cursor=since_cursor)

    def check_credentials(self) -> str:
        return f"{self.name}: posted by hand; the officer records each live URL"
