"""AX accessibility: posts everyone can read, under the Public Sector Bodies
(Websites and Mobile Applications) Accessibility Regulations 2018 and the government's
guidance on accessible social media."""

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
