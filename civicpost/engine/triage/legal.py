"""Libel complaints and threats of legal action (Loughton §5: "any complaint which mentions
libel or threat of a libel action MUST be reported to the Town Clerk immediately").

The words are in ``lexicons/triage_libel.txt``. A threat of any legal action counts, not
only one for defamation: whether the resident means to sue over a post or over a fallen
tree, the Clerk must see it at once and take advice before anyone replies.
"""

from __future__ import annotations

from civicpost.engine.post import Post
from civicpost.engine.triage.cues import CueList, quote
from civicpost.engine.triage.result import TriageLabel

_LIBEL = CueList("triage_libel", default_kind="legal")
_WHY = {
    "defamation": "says something published is libel or defamatory",
    "legal": "threatens legal action",
}


def find_libel(post: Post) -> TriageLabel | None:
    """The first libel complaint or legal threat in the message, or None."""
    for cue in _LIBEL.find(post):
        why = f"{quote(post.text, cue.start, cue.end)} {_WHY.get(cue.kind, _WHY['legal'])}"
        return TriageLabel("libel", why, cue.start, cue.end)
    return None
