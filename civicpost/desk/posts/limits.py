"""The platforms' own limits (length counted each platform's way, images, alt text), checked as
the officer types and again before a post can be submitted or approved: a platform refuses what
breaks them, so no override can help."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from civicpost.connectors import OutgoingPost
from civicpost.connectors.base import Media
from civicpost.connectors.limits import check_post, limits_for
from civicpost.desk.channels.models import ChannelAccount

_SAMPLE = b"\x00" * 16  # the limits read an image's type and size, not its pixels


def findings(text: str, channels: Iterable[ChannelAccount],
             media: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Findings in the engine's shape (family PL, severity block) for every channel's limits."""
    found: list[dict[str, Any]] = []
    for channel in channels:
        if channel.is_manual:
            continue
        attachments = tuple(Media(_SAMPLE * max(1, int(m.get("size", 16)) // 16),
                                  m.get("content_type", "image/jpeg"), m.get("alt") or "")
                            for m in media or [])
        post = OutgoingPost(text=text, idempotency_key="check", media=attachments)
        for limit in check_post(post, limits_for(channel.platform)):
            found.append({
                "code": limit.code, "family": "PL", "title": limit.title, "severity": "block",
                "start": limit.start, "end": limit.end, "excerpt": text[limit.start:limit.end][:200],
                "message": f"{channel}: {limit.message}",
                "clause": {"id": f"platform:{channel.platform}",
                           "text": f"What {channel.get_platform_display()} accepts in a post"},
                "fix": None})
    return found


def problems(post: Any) -> list[str]:
    version = post.current_version
    media = [{**m, "content_type": a.content_type, "size": a.size}
             for m in version.media for a in post.attachments.filter(pk=m.get("id"))]
    return [f["message"] for f in findings(version.text, post.channels.all(), media)]
