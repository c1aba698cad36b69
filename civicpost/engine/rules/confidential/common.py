"""What the CF rules share: the words of their messages, how phrases are looked up, and who
is named near a finding."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from civicpost.engine import names
from civicpost.engine.post import Post

_ASK = "Ask the Town Clerk whether it has been published before you post it."
_RISK = "This risks the policy's rule on confidential information"
_NOT_PUBLIC = (f"{_RISK}: nothing confidential to the council, or meant for internal use only, may "
               "be published without permission.")






def _spans(found: Iterable[tuple[int, int, str]]) -> list[tuple[int, int]]:
    return sorted((s, e) for s, e, _ in found)


def _near(post: Post, start: int, end: int, targets: list[names.Mention],
          before: int, after: int) -> names.Mention | None:
    """The closest target within ``before`` words before or ``after`` words after a span."""
    best: tuple[int, names.Mention] | None = None
    for target in targets:
        if target.end <= start:
            gap = names.words_between(post, target.end, start)
            if gap <= before and (best is None or gap < best[0]):
                best = (gap, target)
        elif target.start >= end:
            gap = names.words_between(post, end, target.start)
            if gap <= after and (best is None or gap < best[0]):
                best = (gap, target)
    return best[1] if best else None


def _targets_near(post: Post, start: int, end: int, kinds: tuple[str, ...]) -> list[names.Mention]:
    w_start, w_end = names.window(post, start, end, 200, 200)
    return names.mentions_in(post, (w_start, w_end), kinds)


_HR = names.compile_terms("cf_hr_terms")
_HR_PHRASE_GATE = names.phrase_gate("cf_hr_terms")


def _matches(post: Post, pattern: re.Pattern[str]) -> list[names.Mention]:
    """Every match of ``pattern`` in the folded text, as mentions of the original text."""
    found = []
    for start, end, _ in names.find_phrases(post, pattern):
        found.append(names.Mention(start, end, post.text[start:end], names.ROLE))
    return found


def _in_window(post: Post, start: int, end: int, found: list[names.Mention]) -> list[names.Mention]:
    """The members of ``found`` (sorted by start) inside the window around ``start:end``."""
    w_start, w_end = names.window(post, start, end, 200, 200)
    first = bisect_left(found, w_start, key=lambda m: m.start)
    last = bisect_left(found, w_end, key=lambda m: m.start)
    return [m for m in found[first:last] if m.end <= w_end]
