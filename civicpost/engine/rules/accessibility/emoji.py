"""AX006 emoji overuse."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from civicpost.engine.findings import Fix, Hit
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register

_BASE = (
    "\U0001F300-\U0001F3FA\U0001F400-\U0001F64F\U0001F680-\U0001F6FF\U0001F7E0-\U0001F7EB"
    "\U0001F900-\U0001F9FF\U0001FA70-\U0001FAFF\u2600-\u27BF\u2B50\u2B55\u2B1B\u2B1C"
    "\u231A\u231B\u23E9-\u23F3\u23F8-\u23FA\U0001F004\U0001F0CF\U0001F18E\U0001F191-\U0001F19A"
    "\U0001F201-\U0001F251"
)
_MODIFIERS = "\U0001F3FB-\U0001F3FF\uFE0F\uFE0E\U000E0020-\U000E007F"
_EMOJI = re.compile(
    r"[\U0001F1E6-\U0001F1FF]{2}"  # a flag
    r"|[0-9#*]\uFE0F?\u20E3"  # a keycap
    rf"|[{_BASE}][{_MODIFIERS}]*(?:\u200D[{_BASE}][{_MODIFIERS}]*)*"
)
_MOST_EMOJI = 3
# Words after which an emoji stands for a noun ("bring the 🐶", "join us for 🍕") ...
_BEFORE_NOUN = frozenset("the a an your our my their his her some of for with".split())
# ... and pronouns after which it stands for a verb ("We ❤️ Loughton").
# ("you" is left out: "Thank you 🙏 see you soon" is not a verb.)
_PRONOUNS = frozenset("i we they".split())
_LAST_WORD = re.compile(r"([A-Za-z]+)[ \t]*$")
_NEXT_LETTER = re.compile(r"[ \t]*[A-Za-z]")


@dataclass(frozen=True)
class Use:
    """One emoji, or a run of the same emoji, where it stands in the text."""

    start: int
    end: int
    emoji: str
    count: int


def _uses(text: str) -> list[Use]:
    uses: list[Use] = []
    for match in _EMOJI.finditer(text):
        emoji = match.group()
        if uses and uses[-1].emoji == emoji and not text[uses[-1].end:match.start()].strip():
            last = uses[-1]
            uses[-1] = Use(last.start, match.end(), emoji, last.count + 1)
        else:
            uses.append(Use(match.start(), match.end(), emoji, 1))
    return uses


def _gate(text: str) -> bool:
    """Cheap test: can the text hold an emoji at all?"""
    return not text.isascii()


@register
class EmojiOveruse(Rule):
    """Emoji overuse: the same emoji repeated (🎉🎉🎉), more than three emoji in a post, or an
    emoji standing for a word ("Bring the 🐶", "Join us for 🍕", "We ❤️ Loughton").

    **Why it matters:** screen readers read every emoji out by its name: "🎉🎉🎉" is heard as
    "party popper, party popper, party popper", and "We ❤️ Loughton" as "We red heart
    Loughton". The government's guidance on accessible social media asks for emoji to be
    used sparingly, never repeated and never in place of words.

    **Avoid:** "🎄🎄🎄 Bring the 👨‍👩‍👧 for 🍫 and 🎶!"

    **Write instead:** "Bring the family for hot chocolate and carols! 🎄"
    """

    code = "AX006"
    title = "Emoji overuse"

    def find(self, post: Post) -> Iterator[Hit]:
        text = post.text
        if not _gate(text):
            return
        uses = _uses(text)
        hits = [*self._repeats(uses), *self._for_words(text, uses)]
        if len(uses) > _MOST_EMOJI:
            extra = uses[_MOST_EMOJI]
            total = sum(u.count for u in uses)
            hits.append(Hit(extra.start, extra.end,
                            f"This post has {total} emoji; screen readers read each one out by "
                            f"name, so use no more than {_MOST_EMOJI}.",
                            Fix(f"Keep the {_MOST_EMOJI} emoji that matter most, or none.")))
        yield from sorted(hits, key=lambda h: h.start)

    @staticmethod
    def _repeats(uses: Sequence[Use]) -> Iterator[Hit]:
        for use in uses:
            if use.count > 1:
                yield Hit(use.start, use.end,
                          f"The same emoji {use.count} times in a row is read out {use.count} times "
                          "by a screen reader; use it once.",
                          Fix("Use the emoji once.", use.emoji))

    @staticmethod
    def _for_words(text: str, uses: Sequence[Use]) -> Iterator[Hit]:
        for use in uses:
            before = _LAST_WORD.search(text, max(0, use.start - 30), use.start)
            if before is None:
                continue
            word = before.group(1).lower()
            stands_for_verb = word in _PRONOUNS and _NEXT_LETTER.match(text, use.end)
            if word in _BEFORE_NOUN or stands_for_verb:
                yield Hit(use.start, use.end,
                          f"The emoji stands in place of a word after “{before.group(1)}”; a screen "
                          "reader reads out its name instead, so write the word.",
                          Fix("Write the word, and add the emoji after it if you like."))
