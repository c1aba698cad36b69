"""Platform connectors: one small transport per platform behind one interface.

The desk's outbox calls ``connector_for(platform, credentials, settings)`` and then
``publish``, ``delete``, ``fetch`` and ``check_credentials``; see :mod:`.base`.
"""

from __future__ import annotations

from civicpost.connectors.base import (
    Connector,
    ConnectorError,
    Fetched,
    IncomingMessage,
    LimitsExceeded,
    Media,
    MessageKind,
    OutgoingPost,
    Published,
    PublishState,
)
from civicpost.connectors.registry import PLATFORMS, connector_for

__all__ = [
    "PLATFORMS",
    "Connector",
    "ConnectorError",
    "Fetched",
    "IncomingMessage",
    "LimitsExceeded",
    "Media",
    "MessageKind",
    "OutgoingPost",
    "Published",
    "PublishState",
    "connector_for",
]
