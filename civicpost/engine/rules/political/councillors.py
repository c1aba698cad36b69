"""PO003 councillors identified with views or praise, or featured in publicity."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from civicpost.engine import names
from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_terms
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.political.parties import _is_notice
from civicpost.engine.text import Folded, fold

_CUES_BEFORE = names.compile_terms("po_councillor_cues_before")
_CUES_AFTER = names.compile_terms("po_councillor_cues_after")
_PUBLICITY_BEFORE = names.compile_terms("po_councillor_publicity_before")
_PUBLICITY_AFTER = names.compile_terms("po_councillor_publicity_after")
_POSSESSIONS = re.compile(r"['’]s?\s+(?:own\s+)?(?:" + names.phrase_pattern(
    load_terms("po_councillor_possessions")) + ")")
# A quotation straight after the name: "Cllr Brown: “...”" or "Cllr Brown, 'It is ...'"
# (a single quote needs the colon or comma, or "Mayor's" would read as a quotation).
_QUOTE_AFTER = re.compile(r"\s*(?:[:,–-]\s*)?[\"“]|\s*[:,–-]\s*['‘]")
_MAYOR = re.compile(r"(?:mayor|chairman of the council|chair of the council)$")
# The civic office: the Mayor (or the Chairman of the council) carries on civic and
# ceremonial duties through the period, so opening a fete as Mayor is not publicity for a
# candidate; praise and views are still flagged.
_CIVIC_OFFICE = r"(?:deputy\s+)?(?:town\s+)?mayor|chair(?:man)?\s+of\s+the\s+(?:town\s+|parish\s+)?council"
_OFFICE_BEFORE = re.compile(rf"(?:{_CIVIC_OFFICE})\s*[,(–-]?\s*$")
_OFFICE_AFTER = re.compile(rf"\s*[,(–-]\s*(?:the\s+|our\s+)?(?:{_CIVIC_OFFICE})(?![a-z])")
# Council business that names a councillor without publicising them: chairing, apologies,
# declarations of interest, seconding a motion, holding a surgery.
_PROCEDURAL = re.compile(
    r"(?<![a-z])(?:(?:will\s+)?(?:chair|chaired|chairs|chairing|open|opened|opens|close|closed|closes)"
    r"\s+the\s+(?:meeting|debate|session|proceedings|discussion|item)|in\s+the\s+chair|"
    r"(?:sent|gave|tendered)\s+(?:her\s+|his\s+|their\s+)?apologies|declared\s+an?\s+|"
    r"left\s+the\s+(?:room|meeting|chamber)|(?:hold|holds|holding|held)\s+(?:a|her|his|their|the)"
    r"\s+(?:[a-z]+\s+)?surger(?:y|ies)|seconded|welcomed\s+(?:members|everyone|residents|all|guests|"
    r"visitors|those|the\s+public))(?![a-z])")
# A formal minute: "proposed by Cllr Smith, seconded by Cllr Brown".
_SECONDED = re.compile(r"(?<![a-z])seconded(?![a-z])")
_JOINED = re.compile(r"\s*(?:,\s*and|,|and|&)\s*")
_WINDOW_BEFORE = 3  # words between a praising cue and the name: "thanks to our ward councillor"
_WINDOW_AFTER = 8  # words between the name and its verb: "Cllr Patel, chair of planning, said"
_COUNCILLOR_WORDS = frozenset({"cllr", "cllrs", "councillor", "councillors", "cr", "mayor"})
_HONORIFIC_WORDS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr"})


@lru_cache(maxsize=64)
def _register_words(councillors: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for name in councillors for w in re.findall(r"[a-z0-9]+", fold(name).text))


def _registered_named(post: Post, words: frozenset[str]) -> bool:
    """Whether a registered councillor may be named: a word of a registered name, with the
    full name or an honorific ("Mrs Patel") also present."""
    councillors = post.context.councillors
    if not councillors or not words & _register_words(councillors):
        return False
    if words & _HONORIFIC_WORDS:
        return True
    folded = post.folded.text
    return any(" ".join(fold(name).text.split()) in folded for name in councillors if name.strip())


def _councillors(post: Post) -> list[names.Mention]:
    found = []
    for mention in names.mentions(post):
        if mention.kind == names.COUNCILLOR or (
                mention.kind == names.ROLE and _MAYOR.search(fold(mention.text).text)):
            found.append(mention)
    return found


@register
class CouncillorViewsOrPraise(Rule):
    """Identifies a councillor with a view, a proposal, an achievement or praise, or features
    a councillor in the council's publicity.

    Looks for a councillor, by title ("Cllr Smith", "Councillor Jane Jones"), by the
    council's register of councillors, or as the Mayor, next to words that praise them
    ("thanks to", "hard work", "fought for"), credit them ("has secured", "championed",
    "Cllr Smith's plan"), report their view ("said", "believes", "called for", a quotation),
    or make the post about them ("Great to see Cllr Smith out litter picking", "Meet Cllr
    Jones", "Cllr Patel opened the new pavilion", "Cllr Brown will be at the market to hear
    your views").

    **Why it matters:** in the pre-election period the Code of Recommended Practice on Local
    Authority Publicity says councils should not "report views or proposals in such a way that
    identifies them with any individual members or groups of members", nor publish publicity
    about people involved in the election (quoted in Loughton §5): many councillors are
    candidates, so councils stop quoting and photographing them until the poll.
    Factual mentions stay clear: "Cllr Smith will chair the meeting", "Apologies were received
    from Cllr Jones", "Councillors will consider the budget", an agenda, a surgery time, a list
    of ward councillors to contact, a notice of candidates or results, and the Mayor carrying
    out civic duties ("The Mayor, Cllr Jones, will open the fete").

    **Avoid:** "Huge thanks to Cllr Patel, who fought hard and secured £20,000 for the play area."

    **Write instead:** "The Town Council has secured £20,000 for the new play area."
    """

    code = "PO003"
    title = "Councillor named with praise, views or publicity"

    def find(self, post: Post) -> Iterator[Hit]:
        words = names.word_set(post)
        if not words & _COUNCILLOR_WORDS and not _registered_named(post, words):
            return
        councillors = _councillors(post)
        for index, mention in enumerate(councillors):
            cue = self._cue(post, mention, self._following(post, councillors, index))
            if cue is None:
                continue
            description, publicity = cue
            who = " ".join(mention.text.split())
            if publicity:
                why = (f"{who} is featured in the post ({description}). This risks the policy's "
                       "pre-election rules: in the pre-election period the council should not "
                       "publish publicity about people involved in the election, and many "
                       "councillors are standing (Code of Recommended Practice on Local Authority "
                       "Publicity).")
                fix = Fix("Leave the councillor out of the post (say what the council did), or "
                          "wait until after the election.")
            else:
                why = (f"{who} is named with {description}. This risks the policy's pre-election "
                       "rules: in the pre-election period the council should not identify "
                       "views, proposals or achievements with individual councillors (Code of "
                       "Recommended Practice on Local Authority Publicity).")
                fix = Fix("Credit the council rather than the councillor, or wait until after "
                          "the election.")
            yield Hit(mention.start, mention.end, why, fix)

    @staticmethod
    def _following(post: Post, councillors: list[names.Mention], index: int) -> int:
        """Where this councillor's part of the sentence ends: at the next councillor named,
        unless the two are joined ("Cllr Smith and Cllr Jones joined ..." is about both)."""
        end = councillors[index].end
        for position in range(index + 1, len(councillors)):
            later = councillors[position]
            if not _JOINED.fullmatch(post.text, end, later.start):
                return later.start
            end = later.end
        return len(post.text)

    @staticmethod
    def _cue(post: Post, mention: names.Mention, next_start: int) -> tuple[str, bool] | None:
        """What makes the mention a risk, and whether it is publicity (rather than a view)."""
        w_start, w_end = names.window(post, mention.start, mention.end, 80, 160)
        before = fold(post.text[w_start:mention.start])
        after_text = post.text[mention.end:min(w_end, next_start)]
        for match in _CUES_BEFORE.finditer(before.text):
            _, cue_end = before.to_original(match.start(), match.end())
            if names.words_between(post, w_start + cue_end, mention.start) <= _WINDOW_BEFORE:
                if match.group().startswith(("proposed", "a motion")) and \
                        _SECONDED.search(fold(post.text[mention.end:w_end]).text):
                    break  # a formal minute of who proposed and seconded a motion
                return f"praise or a reported view (“{match.group()}”)", False
        if _QUOTE_AFTER.match(after_text):
            return "a quotation", False
        after = fold(after_text)
        possession = _POSSESSIONS.match(after.text)
        if possession:
            return f"a view or proposal credited to them (“{possession.group().strip()}”)", False
        cue = _CUES_AFTER.search(after.text)
        if cue:
            cue_start, _ = after.to_original(cue.start(), cue.end())
            if names.words_between(post, mention.end, mention.end + cue_start) <= _WINDOW_AFTER:
                if not (cue.group() == "seconded" or _PROCEDURAL.match(after.text, cue.start())):
                    return f"praise or a view (“{cue.group()}”)", False
        return CouncillorViewsOrPraise._publicity(post, mention, w_start, before, after)

    @staticmethod
    def _publicity(post: Post, mention: names.Mention, w_start: int, before: Folded,
                   after: Folded) -> tuple[str, bool] | None:
        """A councillor featured in publicity: "Great to see Cllr Smith out litter picking"."""
        if _is_notice(post) or _in_civic_office(mention, before.text, after.text):
            return None
        for match in _PUBLICITY_BEFORE.finditer(before.text):
            _, cue_end = before.to_original(match.start(), match.end())
            if names.words_between(post, w_start + cue_end, mention.start) <= _WINDOW_BEFORE:
                return f"“{match.group()}”", True
        cue = _PUBLICITY_AFTER.search(after.text)
        if cue is None:
            return None
        procedure = _PROCEDURAL.search(after.text, 0, cue.end() + 40)
        if procedure is not None and procedure.start() <= cue.start():
            return None  # "Cllr Smith will chair the meeting, which opened ..."
        cue_start, _ = after.to_original(cue.start(), cue.end())
        if names.words_between(post, mention.end, mention.end + cue_start) <= _WINDOW_AFTER:
            return f"“{cue.group()}”", True
        return None


def _in_civic_office(mention: names.Mention, before: str, after: str) -> bool:
    """Whether the councillor is named as the Mayor or the Chairman of the council."""
    if mention.kind == names.ROLE:
        return True
    return _OFFICE_BEFORE.search(before[-40:]) is not None or _OFFICE_AFTER.match(after) is not None
