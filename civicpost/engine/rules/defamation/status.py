"""DF003 statements of someone's status (retired, died, closed down) that could be
malicious falsehoods."""

from __future__ import annotations

import re
from collections.abc import Iterator

from civicpost.engine import names
from civicpost.engine.findings import Fix, Hit
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.defamation.phrases import (
    _STATUS,
    _STATUS_GATE,
    _STATUS_OF,
    _STATUS_OF_PHRASE_GATE,
    _STATUS_PHRASE_GATE,
    _TARGET_KINDS,
)
from civicpost.engine.rules.defamation.targets import _PRONOUN_KIND, _YOU_KIND, _anchors, _resolve


@register
class StatusStatement(Rule):
    """Says that a named person or business has retired, died, left, been sacked, moved away,
    closed down or gone bust.

    **Why it matters:** Loughton §5, malicious falsehood: "you might say someone has retired,
    or they are dead, when they are neither ... if they are not true they could have a serious
    impact on the claimant's livelihood." A failure to check properly is enough to make it
    malicious. Statements about places and services ("the library will close at 5pm", "the
    road is closed", "the consultation has closed") stay clear.

    **Avoid:** "Sadly Smith's Bakery has closed down, so the Christmas market needs a new
    cake stall."

    **Write instead:** check with the business first; then, if it is true, "Smith's Bakery
    has told us it will not be at this year's market."
    """

    code = "DF003"
    title = "Statement of someone's status"

    def find(self, post: Post) -> Iterator[Hit]:
        if not names.word_set(post) & _STATUS_GATE:
            return
        for pattern, gate, subject_first in ((_STATUS, _STATUS_PHRASE_GATE, True),
                                             (_STATUS_OF, _STATUS_OF_PHRASE_GATE, False)):
            if not gate.open(post):
                continue
            for start, end, phrase in names.find_phrases(post, pattern):
                if phrase == "rip" and post.text[start:end] != "RIP":
                    continue  # "rip out the brambles"
                target = _status_subject(post, start, end, subject_first)
                if target is None:
                    continue
                said = " ".join(post.text[start:end].split())
                claim = f"{target} {said}" if subject_first else f"{said} {target}"
                yield Hit(start, end,
                          f"Says “{claim}”. This risks the policy's rule on malicious "
                          "falsehood: if it is not true, publishing it without checking properly "
                          "can make the council liable for the harm it does. Check it with the "
                          "person or business, or another reliable source, before publishing.",
                          Fix("Confirm the facts with the person or business before posting."))


_STATUS_BEFORE_WORDS = 5
_STATUS_AFTER_WORDS = 3


# "has closed the road", "is closing early", "has shut for the holidays": a closure that is
# not the end of a business.
_NOT_THE_END = re.compile(r"\s+(?:the|a|an|our|their|his|her|this|that|these|those|some|all|its\s+"
                          r"(?!doors)|for\s+(?!good|ever)|until|till|today|tonight|tomorrow|early|"
                          r"on|at|from|over|temporarily|while|between|during|due|because|this|next|"
                          r"briefly|at\s+\d)(?![a-z])")


def _status_subjects(post: Post, start: int, end: int) -> list[names.Mention]:
    """People and businesses (not bodies like "the council") in ``start:end``."""
    found = names.mentions_in(post, (start, end), _TARGET_KINDS)
    found += names.inside(names.descriptions(post), (start, end))
    return sorted(found, key=lambda m: m.end)


def _status_subject(post: Post, start: int, end: int, subject_first: bool) -> str | None:
    w_start, w_end = names.window(post, start, end, 160, 100)
    said = names.folded_slice(post, start, end)
    if said.endswith(("closed", "closing", "shut", "shutting")) and _NOT_THE_END.match(
            names.folded_slice(post, end, end + 30)):
        return None
    if subject_first:
        before = _status_subjects(post, w_start, start)
        if before and _subject_gap(post, before[-1].end, start) <= _STATUS_BEFORE_WORDS:
            return names.describe(before[-1])
        if not before:
            # "Cllr Brown could not come. She has moved away."
            implicit = [a for a in _anchors(post, max(w_start, start - 25), start)
                        if a.kind in (_PRONOUN_KIND, _YOU_KIND)]
            return _resolve(post, implicit[0]) if implicit else None
        return None
    after = _status_subjects(post, end, w_end)
    if after and names.words_between(post, end, after[0].start) <= _STATUS_AFTER_WORDS:
        return names.describe(after[0])
    return None


def _subject_gap(post: Post, end: int, start: int) -> int:
    """Words between a subject and its verb, not counting a clause set off by commas:
    "Tom Brown, who ran the newsagents for 30 years, has sadly passed away"."""
    between = post.text[end:start]
    if between.lstrip().startswith(",") and between.count(",") >= 2:
        end += between.rindex(",") + 1
    return names.words_between(post, end, start)
