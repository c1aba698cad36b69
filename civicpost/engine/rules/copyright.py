"""CP copyright and credit: other people's work is credited.

Loughton §3: "Respect copyright, fair use and financial disclosure laws"; §5: "The presence of
material online does not make it copyright free" and, in the tips for councillors, "Credit
other people's work, ideas and links".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from civicpost.engine.context import Media
from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_terms
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register

_MEDIA_TYPES = frozenset({"image", "gif", "video", "audio"})
_NON_CREDITS = frozenset(load_terms("cp_non_credits"))


def _credit_problem(item: Media) -> str | None:
    credit = (item.credit or "").strip()
    if not credit:
        return "has no credit or source"
    if credit.lower().rstrip(".") in _NON_CREDITS:
        return (f"is credited only to “{credit}”, which says where it was found, not who made "
                "it or what licence allows its use")
    return None


@register
class MediaWithoutCredit(Rule):
    """Media without a credit or source: an image, GIF, video or audio clip attached with no
    credit, or with a "credit" that only says where it was found ("Google Images",
    "internet", "Facebook", "unknown"). Any real credit clears it, including the council's
    own work ("Council's own", "Own photo", "Photo: Loughton Town Council").

    **Why it matters:** Loughton §5: "The presence of material online does not make it
    copyright free. It is in public, but not public domain." A photo found online belongs to
    someone; using it without a licence or credit can cost the council a claim for damages.

    **Avoid:** a photo of the high street taken from a search engine, with no credit.

    **Write instead:** use the council's own photo (credit "Council's own") or one with a
    licence, and credit it: "Photo: Jane Smith, used with permission".
    """

    code = "CP001"
    title = "Media without a credit or source"

    def find(self, post: Post) -> Iterator[Hit]:
        for number, item in enumerate(post.context.media, start=1):
            if item.type not in _MEDIA_TYPES:
                continue
            problem = _credit_problem(item)
            if problem:
                yield Hit(0, 0, f"Attachment {number} ({item.type}) {problem}; record who made it "
                                "and that the council may use it.",
                          Fix(f"Add a credit to attachment {number}: the photographer or source, or "
                              "\"Council's own\"."))


# ---------------------------------------------------------------------------- CP002

_QUOTATION = re.compile(r"[“\"]([^\"“”]{1,1500}?)[”\"]")
_TOKEN = re.compile(r"\S+")
_ALNUM = re.compile(r"[^\W_]")
_LONGEST_UNCREDITED = 11  # twelve words or more need a source
_NEAR = 80
_ATTRIBUTION_WORDS = re.compile(
    r"\b(?:" + "|".join(re.escape(t).replace(r"\ ", r"\s+")
                        for t in sorted(load_terms("cp_attribution"), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
# "— Jane Smith", "(Jane Smith)", "@handle" right after the quotation
_CREDIT_AFTER = re.compile(r"^[\s,.;:!?]*(?:[-–—―~]\s*\S|\(\s*[A-Z@]|@\w)")
# "Jane Smith:" or "@handle:" right before it
_CREDIT_BEFORE = re.compile(r"(?:@\w+|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*:\s*$")
_BY_NAME = re.compile(r"\b(?:by|from)\s+(?:@\w|[A-Z])")


def _attributed(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - _NEAR):start]
    after = text[end:end + _NEAR]
    return bool(_CREDIT_AFTER.match(after) or _CREDIT_BEFORE.search(before)
                or _ATTRIBUTION_WORDS.search(before) or _ATTRIBUTION_WORDS.search(after)
                or _BY_NAME.search(before) or _BY_NAME.search(after))


@register
class QuotationWithoutAttribution(Rule):
    """Quotation without attribution: a passage of twelve words or more in quotation marks
    with nothing nearby that says whose words they are ("said", "according to", "source:",
    "via", "credit", "— Jane Smith", "(Jane Smith)", "@handle").

    **Why it matters:** Loughton §3 asks everyone to "respect copyright", and the tips for
    councillors ask them to "credit other people's work, ideas and links". A long quotation
    with no source takes someone's words without credit, and readers cannot check it. Short
    quotations (a title, a slogan, a phrase) are left alone.

    **Avoid:** "“Green spaces are the lungs of a town and every resident deserves one within
    a short walk of home.” Come to our parks consultation on Tuesday."

    **Write instead:** "“Green spaces are the lungs of a town …” — Fields in Trust. Come to
    our parks consultation on Tuesday."
    """

    code = "CP002"
    title = "Quotation without attribution"

    def find(self, post: Post) -> Iterator[Hit]:
        text = post.text
        if '"' not in text and "“" not in text:
            return
        for match in _QUOTATION.finditer(text):
            words = sum(1 for t in _TOKEN.finditer(match.group(1)) if _ALNUM.search(t.group()))
            if words <= _LONGEST_UNCREDITED or _attributed(text, match.start(), match.end()):
                continue
            yield Hit(match.start(), match.end(),
                      f"This quotation of {words} words does not say whose words they are; credit "
                      "the person or the source.",
                      Fix("Add who said or wrote it (for example \"— Jane Smith, Essex Wildlife "
                          "Trust\") or link to the source."))
