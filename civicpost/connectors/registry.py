"""The one place that knows which class serves which platform."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from civicpost.connectors.base import Connector, ConnectorError
from civicpost.connectors.credentials import Secret

PLATFORMS = ("bluesky", "mastodon", "facebook", "x", "instagram", "manual")


def connector_for(platform: str, credentials: Mapping[str, Secret | str] | None,
                  settings: Mapping[str, Any] | None = None) -> Connector:
    """The connector for one channel: its platform, its decrypted credentials and its
    settings (page id, instance address, ...). Each module documents what it needs."""
    credentials = credentials or {}
    name = platform.strip().lower()
    if name == "bluesky":
        from civicpost.connectors.bluesky import BlueskyConnector

        return BlueskyConnector(credentials, settings)
    if name == "mastodon":
        from civicpost.connectors.mastodon import MastodonConnector

        return MastodonConnector(credentials, settings)
    if name == "facebook":
        from civicpost.connectors.facebook import FacebookConnector

        return FacebookConnector(credentials, settings)
    if name in ("x", "twitter"):
        from civicpost.connectors.x import XConnector

        return XConnector(credentials, settings)
    if name == "instagram":
        from civicpost.connectors.instagram import InstagramConnector

        return InstagramConnector(credentials, settings)
    if name == "manual":
        from civicpost.connectors.manual import ManualConnector

        return ManualConnector(credentials, settings)
    raise ConnectorError(f"no connector for platform {platform!r}; civicpost publishes to "
                         f"{', '.join(PLATFORMS)}", permanent=True)
