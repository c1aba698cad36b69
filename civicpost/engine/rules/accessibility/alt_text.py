"""AX001 images without alt text and AX004 alt text that does not describe the image."""

from __future__ import annotations

import re
from collections.abc import Iterator

from civicpost.engine.findings import Fix, Hit
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register


@register
class ImageWithoutAltText(Rule):
    """An image or video is attached without a text alternative.

    **Why it matters:** people who use screen readers hear nothing of an image without alt
    text. Describe what the image shows and repeat any words that appear in it.

    **Avoid:** a poster of the Christmas lights switch-on attached with no description.

    **Write instead:** alt text such as "Poster: Christmas lights switch-on, Saturday
    30 November, 4pm, Market Square".
    """

    code = "AX001"
    title = "Image without alt text"

    def find(self, post: Post) -> Iterator[Hit]:
        for number, item in enumerate(post.context.media, start=1):
            if item.type in ("image", "gif", "video") and not (item.alt or "").strip():
                what = "video" if item.type == "video" else "image"
                yield Hit(0, 0, f"Attachment {number} ({what}) has no alt text; describe what it "
                                "shows, including any words in it.",
                          Fix(f"Add alt text to attachment {number}."))


# ---------------------------------------------------------------------------- AX004

_REDUNDANT_START = re.compile(
    r"^\s*(?:(?:this|here)\s+is\s+)?(?:an?\s+|the\s+)?"
    r"(?:image|picture|photo|photograph|pic|graphic|img)\s+(?:of|showing|that\s+shows|which\s+shows)\b",
    re.IGNORECASE,
)
_FILE_NAME = re.compile(
    r"^\s*[\w\-.() ]*\.(?:jpe?g|png|gif|webp|heic|heif|bmp|tiff?|svg|mp4|mov|avi|webm)\s*$"
    r"|^\s*(?:img|dsc|dscn|dcim|pxl|mvimg|vid|wp|screenshot|image|photo)[\s_-]*\d[\w\s\-.]*$"
    r"|^[\W\d_]+$",
    re.IGNORECASE,
)


@register
class PoorAltText(Rule):
    """Alt text that does not describe the image: it starts "image of", "picture of" or
    "photo of", repeats a file name (IMG_1234.jpg), or is a single word.

    **Why it matters:** a screen reader already says that it is an image, so "image of"
    wastes the listener's time; a file name or one word ("poster") tells them nothing. Good
    alt text says what the image shows and repeats any words in it.

    **Avoid:** alt text "IMG_2041.jpg", "Poster" or "Picture of the lights switch-on".

    **Write instead:** "The Mayor switches on the Christmas lights in the Market Square,
    watched by a crowd of families."
    """

    code = "AX004"
    title = "Alt text that does not describe the image"

    def find(self, post: Post) -> Iterator[Hit]:
        for number, item in enumerate(post.context.media, start=1):
            alt = (item.alt or "").strip()
            if not alt:
                continue  # AX001's finding
            problem = _alt_problem(alt)
            if problem:
                yield Hit(0, 0, f"The alt text of attachment {number} ({alt[:40]!r}) {problem}",
                          Fix(f"Rewrite the alt text of attachment {number}: say what the image "
                              "shows and repeat any words in it."))


def _alt_problem(alt: str) -> str | None:
    if _FILE_NAME.match(alt):
        return "is a file name, which tells a screen-reader user nothing about the image."
    if _REDUNDANT_START.match(alt):
        return ("starts by saying it is an image, which the screen reader already says; "
                "start with what it shows.")
    if len(alt.split()) == 1:
        return "is a single word; describe what the image shows, including any words in it."
    return None
