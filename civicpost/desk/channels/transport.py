"""A channel account's connector, with its credentials decrypted only for the call. The key lives
outside the database (``CIVICPOST_CREDENTIALS_KEY`` or ``credentials.key`` in the instance folder)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings

from civicpost.connectors import Connector, connector_for
from civicpost.connectors.credentials import CredentialVault, Secret
from civicpost.desk.channels.models import ChannelAccount

# Tests put a connector here for a platform that cannot run on the machine; see tests/desk.
OVERRIDES: dict[str, Callable[[ChannelAccount], Connector]] = {}


def vault() -> CredentialVault:
    return CredentialVault.from_environment(settings.INSTANCE)


def credentials_of(channel: ChannelAccount) -> dict[str, Secret]:
    return vault().decrypt(channel.credentials) if channel.credentials else {}


def connector(channel: ChannelAccount) -> Connector:
    if channel.platform in OVERRIDES:
        return OVERRIDES[channel.platform](channel)
    options: dict[str, Any] = {"name": channel.name, **(channel.platform_settings or {})}
    if channel.platform == "instagram":
        from civicpost.desk.posts.public_media import media_url_for

        options["media_url_for"] = media_url_for
    return connector_for(channel.platform, credentials_of(channel), options)
