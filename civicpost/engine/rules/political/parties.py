"""PO001 party political references, and the references to parties that PO002 shares."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from civicpost.engine import names
from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_pairs, load_terms
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.text import fold

_PARTIES = names.compile_terms("po_parties")
_PARTIES_PHRASE_GATE = names.phrase_gate("po_parties")
_SLOGANS = names.compile_terms("po_slogans")
_SLOGANS_PHRASE_GATE = names.phrase_gate("po_slogans")
_PARTY_INITIALS = re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(
    re.escape(t.upper()) for t in load_terms("po_party_initials")) + r")(?![A-Za-z0-9])")
_PARTY_WORD_USE = load_pairs("po_party_words")
_PARTY_WORDS = re.compile(names.phrase_pattern(_PARTY_WORD_USE))
_PARTY_WORDS_PHRASE_GATE = names.phrase_gate("po_party_words")
_FOLLOWERS = frozenset(load_terms("po_party_followers"))
_VERBS = frozenset(load_terms("po_party_verbs"))
_NOT_FOLLOWERS = frozenset(load_terms("po_not_party_followers"))
_PARTISAN = names.compile_terms("po_partisan")
_NOTICE = names.compile_terms("po_candidate_notice")
_NOTICE_PHRASE_GATE = names.phrase_gate("po_candidate_notice")
_NEXT_WORD = re.compile(rf"[\s{names.DASHES}]*([a-z]+)")
_SPACES = re.compile(r"[ \t]+")
_AFTER_VOTE = re.compile(r"(?<![a-z])vot(?:e|es|ed|ing)\s+$")
_PARTIES_GATE = names.key_words("po_parties")
_PARTY_WORDS_GATE = names.key_words("po_party_words")
_INITIALS_GATE = frozenset(t.lower() for t in load_terms("po_party_initials"))


# The numbers of a declared result: "Jane Smith (Labour) 1,204 votes", "Turnout was 34%",
# "Results for Broadway ward:".
_RESULT = re.compile(r"(?<![0-9,.])\d{1,3}(?:,\d{3})*\s+votes(?![a-z])"
                     r"|turnout(?:\s+was|\s+of|\s*[:=\-–])?\s*\d{1,2}(?:\.\d{1,2})?\s*%"
                     r"|results?\s+(?:for|of|in)\s+(?:the\s+)?(?:[a-z'’\-]+\s+){1,3}"
                     r"(?:ward|wards|parish|division|by-election|election)(?![a-z])")
_RESULT_GATE = frozenset({"votes", "turnout", "result", "results"})


def _is_notice(post: Post) -> bool:
    """A factual notice of candidates or results (see :class:`PartyPoliticalReference`)."""
    return names.memo(post, "po_notice", _find_notice)


def _find_notice(post: Post) -> bool:
    folded = post.folded.text
    if _NOTICE_PHRASE_GATE.open(post) and _NOTICE.search(folded) is not None:
        return True
    return bool(names.word_set(post) & _RESULT_GATE) and _RESULT.search(folded) is not None


def party_references(post: Post) -> list[tuple[int, int]]:
    """Spans (original text) of every reference to a political party, in order."""
    return names.memo(post, "po_parties", _find_parties)


def _find_parties(post: Post) -> list[tuple[int, int]]:
    words = names.word_set(post)
    folded = post.folded.text
    found: list[tuple[int, int]] = []
    if words & _PARTIES_GATE and _PARTIES_PHRASE_GATE.open(post):
        found.extend(post.span_of(m.start(), m.end()) for m in _PARTIES.finditer(folded))
    if words & _INITIALS_GATE:
        found.extend((m.start(), m.end()) for m in _PARTY_INITIALS.finditer(post.text))
    if words & _PARTY_WORDS_GATE and _PARTY_WORDS_PHRASE_GATE.open(post):
        for match in _PARTY_WORDS.finditer(folded):
            if _used_as_party(post, match):
                found.append(post.span_of(match.start(), match.end()))
    return _merge(found)


def _used_as_party(post: Post, match: re.Match[str]) -> bool:
    """Whether an ambiguous word ("Labour", "Green", "Reform") names a party here."""
    use = _PARTY_WORD_USE.get(match.group().replace("’", "'"), "follower")
    start, _ = post.span_of(match.start(), match.end())
    after = _NEXT_WORD.match(post.folded.text, match.end())
    following = after.group(1) if after else ""
    if following in _FOLLOWERS:
        # "Labour councillor" or "labour councillors": a party in any case for a "name"
        # word; a capital is still needed for "Green" and its like ("green group").
        return use == "name" or _capitalised(post.text, start)
    if _capitalised(post.text, start) and _AFTER_VOTE.search(
            post.folded.text, max(0, match.start() - 12), match.start()):
        return True  # "vote Green on 7 May"
    if use != "name" or not _capitalised(post.text, start) or following in _NOT_FOLLOWERS:
        return False
    if match.group().endswith(("'s", "’s")):
        return True  # "Labour's failure"
    if _sentence_start(post.text, start) or _shouting(post.text, start):
        # A capital proves nothing here: "Labour costs ..." vs "Labour has failed ...".
        return following in _VERBS
    return True


def _capitalised(text: str, start: int) -> bool:
    return start < len(text) and text[start].isupper()


def _shouting(text: str, start: int) -> bool:
    word = text[start:start + 12].split()[0] if text[start:start + 12].split() else ""
    return len(word) > 1 and word.isupper()


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 40):start].rstrip(" \t\"'“‘(*•-–")
    return not before or before[-1] in ".!?:\n#"


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _partisan_after(post: Post, end: int) -> tuple[int, int] | None:
    """A praising or attacking word right after a party's name ("Tory cuts")."""
    folded_end = _folded_index(post, end)
    space = _SPACES.match(post.folded.text, folded_end) if folded_end is not None else None
    match = _PARTISAN.match(post.folded.text, space.end()) if space else None
    return post.span_of(match.start(), match.end()) if match else None


def _folded_index(post: Post, original: int) -> int | None:
    """Index in the folded text of the character at ``original`` (ASCII texts are aligned)."""
    origin = post.folded.origin
    if origin is None:
        return original
    index = bisect_left(origin, original)
    return index if index <= len(post.folded.text) else None


_S2 = ("This risks the policy's rule against party-political publicity: a council must not "
       "publish anything that appears designed to affect support for a political party, at any "
       "time of year (Local Government Act 1986 s.2).")


@register
class PartyPoliticalReference(Rule):
    """Names a political party, uses a party slogan, or praises or attacks a party.

    **Why it matters:** the Local Government Act 1986 s.2 forbids a council to publish
    material that appears designed to affect support for a political party, at any time of
    year, and Loughton §3 says the council's social media "must not be used for party
    political purposes". References to a party on a council account are the clearest sign.

    Words that are party names only sometimes are read with care: "Labour" and
    "Conservative" count when written with a capital, but not in "labour costs", "the Labour
    Exchange building", "a conservative estimate" or "the Conservative Club" (a venue); "Green",
    "Reform", "Alliance" and "Independent" count only as "Green Party", "Reform UK", "Green
    councillor", "Reform candidate" and the like, never in "village green", "green bins" or
    "Reform of the allotment rules".

    A factual notice of candidates may give each candidate's party, as the Code of Recommended
    Practice on Local Authority Publicity allows. A text is taken for such a notice when it
    carries a heading such as "Candidates for Broadway ward are:", "Statement of persons
    nominated", "Notice of poll" or "Declaration of result", and for a notice of results when
    it gives vote counts or a turnout ("Jane Smith (Labour) 1,204 votes, elected. Turnout was
    34%."); its party names stay clear unless the same sentence praises, attacks or congratulates
    (see ``po_candidate_notice.txt``).

    **Avoid:** "The Tory cuts have closed our library."

    **Write instead:** "The library will close on Saturdays from 1 June because its funding
    has been reduced. Mobile library times are on our website."
    """

    code = "PO001"
    title = "Party-political reference"

    def find(self, post: Post) -> Iterator[Hit]:
        references = party_references(post)
        notice = bool(references) and _is_notice(post)
        for start, end in references:
            partisan = _partisan_after(post, end)
            if notice and partisan is None and not self._partisan_sentence(post, start):
                continue
            excerpt = " ".join(post.text[start:end].split())
            if partisan is not None:
                end = partisan[1]
                message = (f"“{post.text[start:end]}” praises or attacks a political party. {_S2}")
            else:
                message = f"“{excerpt}” names a political party. {_S2}"
            yield Hit(start, end, message, Fix("Remove the reference to the party; council "
                                               "posts must stay politically neutral."))
        if names.word_set(post) & _SLOGAN_GATE and _SLOGANS_PHRASE_GATE.open(post):
            for start, end, _ in names.find_phrases(post, _SLOGANS):
                yield Hit(start, end, f"“{post.text[start:end]}” is a party or campaign slogan. {_S2}",
                          Fix("Remove the slogan."))

    @staticmethod
    def _partisan_sentence(post: Post, position: int) -> bool:
        start, end = names.window(post, position, position)
        return _PARTISAN.search(fold(post.text[start:end]).text) is not None


_SLOGAN_GATE = names.key_words("po_slogans")
