"""Platform limits, checked before anything is sent, as findings an officer can act on.

Every finding has a stable code, a title, a message that gives the limit and the actual
figure, and the span of the text (or of an image's description) that goes past it:

* ``PL001`` text too long, counted the platform's way
* ``PL002`` too many images
* ``PL003`` image description (alt text) too long
* ``PL004`` image file too large
* ``PL005`` image type the platform does not take
* ``PL006`` the platform needs an image (Instagram)
* ``PL007`` too many hashtags (Instagram)
* ``PL008`` nothing to publish (no text and no image)
* ``PL009`` text too long in bytes (Bluesky stores at most 3,000 bytes of UTF-8)

Sources, read when these were written:

* Bluesky: lexicon ``app.bsky.feed.post`` (text maxGraphemes 300, maxLength 3000) and
  ``app.bsky.embed.images`` (at most 4 images, ``image/*``, maxSize 1,000,000 bytes) in
  github.com/bluesky-social/atproto; the lexicon sets no alt-text limit, so we use the
  official app's ``MAX_ALT_TEXT = 2000`` (bluesky-social/social-app, src/lib/constants.ts).
* X: twitter-text config v3 (280 weighted, links 23); docs.x.com "Counting characters";
  media upload: 4 images a post, images up to 5 MB (JPEG, PNG, GIF, WEBP); alt text up to
  1,000 characters (POST media/metadata/create).
* Mastodon: 500 characters, links 23, 4 attachments, descriptions up to 1,500 characters
  (``MediaAttachment`` validates ``description`` to 1_500), images up to 16 MB since 4.2;
  every figure can differ per instance, read from ``GET /api/v2/instance``
  (``configuration.statuses`` and ``configuration.media_attachments``).
* Facebook: 63,206 characters a post; a Page photo up to 4 MB (Graph API Page Photos
  reference). Meta documents no number of photos a post may carry: civicpost sends at most
  10, its own limit. The Graph API has no custom alt-text field for Page photos, so none
  is checked (or sent).
* Instagram (Content Publishing guide): caption 2,200 characters, at most 30 hashtags, an
  image is required, a carousel holds up to 10; JPEG only, up to 8 MB (image specification).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from civicpost.connectors import counting
from civicpost.connectors.base import OutgoingPost
from civicpost.connectors.counting import Unit

_MB = 1024 * 1024


@dataclass(frozen=True)
class LimitFinding:
    """One broken platform limit. ``start``/``end`` are character offsets into the post's
    text, or into the description of image number ``media_index`` (0-based) when set."""

    code: str
    title: str
    message: str
    start: int = 0
    end: int = 0
    media_index: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "title": self.title, "message": self.message,
                "start": self.start, "end": self.end, "media_index": self.media_index}


@dataclass(frozen=True)
class PlatformLimits:
    """What one platform (or one Mastodon instance) accepts in a post."""

    platform: str
    name: str
    max_text: int
    #: How the text is counted: "graphemes", "x-weighted", "mastodon" or "characters".
    counting: str
    #: The words used in messages for the unit counted ("characters", "graphemes", ...).
    unit_name: str = "characters"
    max_text_bytes: int | None = None
    max_images: int = 4
    max_alt_text: int | None = None
    alt_counting: str = "characters"
    max_image_bytes: int | None = None
    image_types: frozenset[str] = field(default_factory=frozenset)  # empty: any image/*
    requires_image: bool = False
    max_hashtags: int | None = None
    url_weight: int = 23

    def text_units(self, text: str) -> list[Unit]:
        counters: dict[str, Callable[[str], list[Unit]]] = {
            "graphemes": counting.grapheme_units,
            "x-weighted": counting.x_units,
            "mastodon": lambda t: counting.mastodon_units(t, self.url_weight),
            "characters": counting.code_point_units,
        }
        return counters[self.counting](text)

    def alt_length(self, alt: str) -> list[Unit]:
        if self.alt_counting == "graphemes":
            return counting.grapheme_units(alt)
        return counting.code_point_units(alt)


_COMMON_IMAGES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})

BLUESKY = PlatformLimits(
    platform="bluesky", name="Bluesky", max_text=300, counting="graphemes",
    unit_name="characters (graphemes)", max_text_bytes=3000, max_images=4,
    max_alt_text=2000, alt_counting="graphemes", max_image_bytes=1_000_000,
    image_types=_COMMON_IMAGES)
X = PlatformLimits(
    platform="x", name="X", max_text=280, counting="x-weighted",
    unit_name="weighted characters", max_images=4, max_alt_text=1000,
    max_image_bytes=5 * _MB, image_types=_COMMON_IMAGES)
MASTODON = PlatformLimits(
    platform="mastodon", name="Mastodon", max_text=500, counting="mastodon",
    max_images=4, max_alt_text=1500, alt_counting="graphemes", max_image_bytes=16 * _MB,
    image_types=_COMMON_IMAGES | {"image/heic", "image/heif", "image/avif"})
FACEBOOK = PlatformLimits(
    platform="facebook", name="Facebook", max_text=63_206, counting="characters",
    max_images=10, max_image_bytes=4 * _MB,
    image_types=_COMMON_IMAGES | {"image/bmp", "image/tiff"})
INSTAGRAM = PlatformLimits(
    platform="instagram", name="Instagram", max_text=2200, counting="characters",
    max_images=10, max_image_bytes=8 * _MB, image_types=frozenset({"image/jpeg"}),
    requires_image=True, max_hashtags=30)
MANUAL = PlatformLimits(
    platform="manual", name="the manual channel", max_text=1_000_000, counting="characters",
    max_images=100)

_BY_PLATFORM = {limits.platform: limits for limits in (BLUESKY, X, MASTODON, FACEBOOK,
                                                         INSTAGRAM, MANUAL)}


def limits_for(platform: str) -> PlatformLimits:
    try:
        return _BY_PLATFORM[platform]
    except KeyError:
        raise ValueError(f"no limits known for platform {platform!r}") from None


def mastodon_limits(instance: dict[str, Any]) -> PlatformLimits:
    """Limits of one Mastodon instance from its ``GET /api/v2/instance`` answer; a figure the
    instance does not give keeps Mastodon's default."""
    configuration = instance.get("configuration") or {}
    statuses = configuration.get("statuses") or {}
    media = configuration.get("media_attachments") or {}

    def number(section: dict[str, Any], key: str, default: int) -> int:
        value = section.get(key)
        return value if isinstance(value, int) and value > 0 else default

    types = media.get("supported_mime_types")
    image_types = (frozenset(t for t in types if isinstance(t, str) and t.startswith("image/"))
                   if isinstance(types, list) else MASTODON.image_types)
    return replace(
        MASTODON,
        max_text=number(statuses, "max_characters", MASTODON.max_text),
        url_weight=number(statuses, "characters_reserved_per_url", MASTODON.url_weight),
        max_images=number(statuses, "max_media_attachments", MASTODON.max_images),
        max_image_bytes=number(media, "image_size_limit", MASTODON.max_image_bytes or 16 * _MB),
        max_alt_text=number(media, "description_limit", MASTODON.max_alt_text or 1500),
        image_types=image_types or MASTODON.image_types,
    )


def _size(n_bytes: int) -> str:
    """A size as the platforms state it: 16 MB (binary) and 1 MB (Bluesky's 1,000,000)."""
    for unit in (_MB, 1_000_000):
        if n_bytes >= unit and n_bytes % unit == 0:
            return f"{n_bytes // unit} MB"
    if n_bytes >= 1_000_000:
        return f"{n_bytes / _MB:.1f} MB"
    return f"{n_bytes / 1000:.0f} kB" if n_bytes >= 1000 else f"{n_bytes} bytes"


def check_post(post: OutgoingPost, limits: PlatformLimits) -> list[LimitFinding]:
    """Every limit of ``limits`` that ``post`` breaks, text first, then images in order."""
    findings: list[LimitFinding] = []
    text = post.text
    name = limits.name
    if not text.strip() and not post.media:
        findings.append(LimitFinding("PL008", "Nothing to publish",
                                     f"{name} needs some text or an image; this post has neither."))
    units = limits.text_units(text)
    length = counting.total(units)
    if length > limits.max_text:
        start = counting.overflow_start(units, limits.max_text) or 0
        findings.append(LimitFinding(
            "PL001", "Text too long",
            f"{name} takes at most {limits.max_text:,} {limits.unit_name}; this text has "
            f"{length:,}. Everything from the highlighted point on does not fit.",
            start, len(text)))
    if limits.max_text_bytes is not None:
        encoded = len(text.encode("utf-8"))
        if encoded > limits.max_text_bytes:
            cut = len(text.encode("utf-8")[:limits.max_text_bytes].decode("utf-8", "ignore"))
            findings.append(LimitFinding(
                "PL009", "Text too long in bytes",
                f"{name} stores at most {limits.max_text_bytes:,} bytes of text; this text takes "
                f"{encoded:,} (characters outside plain English take several bytes each).",
                cut, len(text)))
    if limits.max_hashtags is not None:
        tags = counting.hashtag_spans(text)
        if len(tags) > limits.max_hashtags:
            findings.append(LimitFinding(
                "PL007", "Too many hashtags",
                f"{name} takes at most {limits.max_hashtags} hashtags; this text has {len(tags)}.",
                tags[limits.max_hashtags][0], tags[-1][1]))
    if limits.requires_image and not post.media:
        findings.append(LimitFinding("PL006", "Image needed",
                                     f"{name} publishes only posts with at least one image; "
                                     "this post has none."))
    if len(post.media) > limits.max_images:
        findings.append(LimitFinding(
            "PL002", "Too many images",
            f"{name} takes at most {limits.max_images} images in a post; this post has "
            f"{len(post.media)}.", media_index=limits.max_images))
    for index, media in enumerate(post.media):
        findings.extend(_check_media(index, media.mime_type, len(media.data), media.alt_text,
                                     limits))
    return findings


def _check_media(index: int, mime_type: str, n_bytes: int, alt: str,
                 limits: PlatformLimits) -> list[LimitFinding]:
    findings = []
    name = limits.name
    ordinal = f"Image {index + 1}"
    accepted = limits.image_types
    if (accepted and mime_type.lower() not in accepted) or not mime_type.lower().startswith("image/"):
        kinds = ", ".join(sorted(t.split("/")[1].upper() for t in accepted)) or "images"
        findings.append(LimitFinding("PL005", "Image type not accepted",
                                     f"{ordinal} is {mime_type}; {name} takes {kinds}.",
                                     media_index=index))
    if limits.max_image_bytes is not None and n_bytes > limits.max_image_bytes:
        findings.append(LimitFinding(
            "PL004", "Image file too large",
            f"{ordinal} is {_size(n_bytes)}; {name} takes images up to "
            f"{_size(limits.max_image_bytes)}.", media_index=index))
    if limits.max_alt_text is not None:
        units = limits.alt_length(alt)
        if len(units) > limits.max_alt_text:
            start = counting.overflow_start(units, limits.max_alt_text) or 0
            findings.append(LimitFinding(
                "PL003", "Image description too long",
                f"The description of {ordinal.lower()} has {len(units):,} characters; {name} takes "
                f"at most {limits.max_alt_text:,}.", start, len(alt), media_index=index))
    return findings

