"""PO004 controversial issues and PO005 candidate publicity inside a pre-election period."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache

from civicpost.engine import names
from civicpost.engine.findings import Fix, Hit
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.political.parties import _is_notice, _merge
from civicpost.engine.text import fold

_ISSUE_SEPARATOR = rf"[\s{names.DASHES}_/]*"


@lru_cache(maxsize=64)
def _issue_patterns(issues: tuple[str, ...]) -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """For each registered issue: its text, a stem that must be in the post for it to match
    (a cheap gate), and its plural-, hyphen- and spacing-tolerant pattern."""
    compiled = []
    for issue in issues:
        words = re.findall(r"[a-z0-9]+", fold(issue).text)
        if not words or sum(len(w) for w in words) < 3:
            continue
        body = _ISSUE_SEPARATOR.join(_plural_tolerant(w) for w in words)
        stem = max(words, key=len)
        stem = stem[:-3] if len(stem) > 4 else stem  # "lorry" and "lorries" share "lor"
        compiled.append((issue.strip(), stem, re.compile(rf"(?<![a-z0-9]){body}(?![a-z0-9])")))
    return tuple(compiled)


def _plural_tolerant(word: str) -> str:
    """A word that also matches its plural or singular: scheme(s), bypass(es), lorry/lorries."""
    if len(word) > 3 and word.endswith("ies"):
        return re.escape(word[:-3]) + "(?:y|ies)"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("y") and len(word) > 2:
        return re.escape(word[:-1]) + "(?:y|ies)"
    return re.escape(word) + "(?:s|es)?"


@register
class ControversialIssue(Rule):
    """Mentions an issue the Clerk has registered as controversial for the election period.

    The council keeps its own list (``controversial_issues`` in the context: "the Broadway
    car park sale", "traffic calming scheme"). A mention matches whatever its case, plural,
    hyphens or spacing ("Traffic-calming schemes", "#TrafficCalming").

    **Why it matters:** during the period between the notice of an election and the poll,
    "local authorities should not publish any publicity on controversial issues" (Code of
    Recommended Practice on Local Authority Publicity, quoted in Loughton §5).

    **Avoid:** "Have your say on the Broadway car park sale before the vote in May!"

    **Write instead:** hold the post until after the election, or ask the Town Clerk whether a
    factual notice is needed now.
    """

    code = "PO004"
    title = "Controversial issue in the pre-election period"

    def find(self, post: Post) -> Iterator[Hit]:
        issues = tuple(i for i in post.context.controversial_issues if i.strip())
        if not issues:
            return
        folded = post.folded.text
        for issue, stem, pattern in _issue_patterns(issues):
            if stem not in folded:
                continue
            for start, end, _ in names.find_phrases(post, pattern):
                yield Hit(start, end,
                          f"“{post.text[start:end]}” is on the council's list of controversial "
                          f"issues (“{issue}”). This risks the policy's pre-election rules: in the "
                          "period the council should not publish publicity on controversial issues "
                          "(Code of Recommended Practice on Local Authority Publicity). Ask the "
                          "Town Clerk before posting.",
                          Fix("Hold the post until after the poll, or ask the Town Clerk."))


# --- candidate publicity (PO005) ------------------------------------------------------

_CANDIDATE_PUBLICITY = names.compile_terms("po_candidate_publicity")
_STANDING = names.compile_terms("po_standing")
_PRAISE = names.compile_terms("po_candidate_praise")
# "Anyone standing for election must ...": advice to would-be candidates, about nobody.
_ANYONE = re.compile(r"(?:anyone|those|if\s+you\s+are|you\s+are|people|candidates|everyone|"
                     r"thinking\s+of|interested\s+in)(?:\s+who)?\s*$")
_QUOTE_MARK = re.compile(r"[\"“”]")
_PO005_GATE = names.key_words("po_candidate_publicity", "po_standing") | {"candidate", "candidates"}
# "standing for Broadway ward", "standing in the county council election", "standing as a
# candidate"; a capitalised place after "standing for/in" counts too ("standing in Debden").
_STANDING_FOR = re.compile(r"(?<![a-z])standing\s+(?:for|in|as)\s+(?:(?:the|a|an)\s+)?"
                           r"(?:[a-z0-9'’\-]+\s+){0,3}?(?:ward|wards|division|parish|seat|seats|"
                           r"council|election|re-?election|by-election|councillor|mayor|candidate)"
                           r"(?![a-z])")
_STANDING_IN_PLACE = re.compile(r"(?<![A-Za-z])standing\s+(?:for|in)\s+(?:[A-Z][a-z'’\-]+)"
                                r"(?:\s+[A-Z][a-z'’\-]+)*")
_PLACE_NOT = frozenset({"the", "a", "an", "for", "in", "as", "election", "re-election", "it"})
# A following sentence still about the candidate starts with their name or a pronoun:
# "Meet Sarah Keane, standing for Broadway ward. Sarah has lived here for 20 years".
_PRONOUNS = frozenset({"she", "he", "they", "her", "his", "their", "she's", "he's", "they're"})
_FIRST_WORD = re.compile(r"[\s\"'“‘(*•-]*([a-z'’]+)")
_TITLES = frozenset({"cllr", "councillor", "cr", "mr", "mrs", "ms", "miss", "dr", "mx"})


@register
class CandidatePublicity(Rule):
    """Publicity about people standing for election, beyond the factual.

    Looks for "Meet our candidates", candidate profiles, and any sentence saying someone is
    standing for election ("standing for Broadway ward", "is standing again") that also
    praises them, says who they are or what they want, quotes them, or comes with a photo of
    people ("Jane is standing again and has done so much for Loughton", "Meet Sarah Keane,
    standing for Broadway ward. Sarah has lived here for 20 years and wants safer streets").
    The sentences just before and after count when they name the same person or open with
    "she", "he" or "they".

    **Why it matters:** "Publicity relating to individuals involved directly in the election
    should not be published by local authorities during this period ... It is permissible for
    local authorities to publish factual information which identifies the names, wards and
    parties of candidates at elections" (Code of Recommended Practice, quoted in Loughton §5).
    So "Jane Smith (Labour) is standing in Broadway ward" and a statement of persons nominated
    stay clear.

    **Avoid:** "Cllr Jane Smith is standing again – she has done so much for our town!"

    **Write instead:** "Candidates for Broadway ward: Jane Smith (Labour), Tom Brown
    (Conservative). Polling day is Thursday 7 May."
    """

    code = "PO005"
    title = "Candidate publicity in the pre-election period"

    def find(self, post: Post) -> Iterator[Hit]:
        if not names.word_set(post) & _PO005_GATE:
            return
        message = ("This risks the policy's pre-election rules: the council may publish only "
                   "factual information about candidates (names, wards, parties), not publicity "
                   "about them (Code of Recommended Practice on Local Authority Publicity).")
        fix = Fix("Keep to the candidates' names, wards and parties, or wait until after the poll.")
        spans = []
        for start, end, _ in names.find_phrases(post, _CANDIDATE_PUBLICITY):
            spans.append(start)
            yield Hit(start, end, f"“{post.text[start:end]}” is publicity about candidates. {message}",
                      fix)
        photo = any(m.shows_people for m in post.context.media)
        for start, end in _standing(post):
            if start in spans or _ANYONE.search(fold(post.text[max(0, start - 30):start]).text):
                continue
            s_start, s_end = names.window(post, start, end, 300, 300)
            sentence = post.text[s_start:s_end]
            if _PRAISE.search(fold(sentence.replace(post.text[start:end], " ")).text) or \
                    _PRAISE.search(fold(_more_about(post, s_start, s_end)).text):
                why = "praises or promotes a candidate"
            elif _QUOTE_MARK.search(sentence):
                why = "quotes a candidate"
            elif photo and not _is_notice(post):
                why = "comes with a photo of people and is about a candidate"
            else:
                continue
            yield Hit(start, end, f"This sentence {why}. {message}", fix)


def _standing(post: Post) -> list[tuple[int, int]]:
    """Spans (original text) saying someone is standing for election."""
    found = [(start, end) for start, end, _ in names.find_phrases(post, _STANDING)]
    if "standing" in names.word_set(post):
        found.extend(post.span_of(m.start(), m.end()) for m in _STANDING_FOR.finditer(post.folded.text))
        for match in _STANDING_IN_PLACE.finditer(post.text):
            place = match.group().split()[2]
            if place.lower() not in _PLACE_NOT:
                found.append((match.start(), match.end()))
    return _merge(found)


def _more_about(post: Post, s_start: int, s_end: int) -> str:
    """The sentences around this one that are still about the person standing: the one before
    when it names them ("Meet Sarah Keane! Sarah is standing ..."), and the next ones while they
    open with the person's name or a pronoun (at most two, and 600 characters each)."""
    sentence = names.sentence_of(post, s_start)
    spans = names.sentences(post)
    index = bisect_left(spans, (s_end, s_end))
    # Only whole sentences have neighbours (a 300-character window of a huge one has none).
    following = spans[index:index + 2] if s_end >= sentence[1] else []
    previous = names.previous_sentence(post, sentence) if s_start <= sentence[0] else None
    if previous is None and not following:
        return ""
    people = names.mentions_in(post, (s_start, s_end), (names.PERSON, names.COUNCILLOR, names.GIVEN))
    named: set[str] = set()
    for person in people:
        words = fold(person.text).text.replace("’", "'").split()
        named.update(w for w in words if w not in _TITLES)
    subjects = named | _PRONOUNS
    more = []
    if previous is not None and named:
        text = post.text[max(previous[0], previous[1] - 600):previous[1]]
        if named & set(re.findall(r"[a-z']+", fold(text).text.replace("’", "'"))):
            more.append(text)
    for start, end in following:
        if start < s_end:
            continue
        first = _FIRST_WORD.match(fold(post.text[start:start + 40]).text)
        word = first.group(1).replace("’", "'") if first else ""
        if word not in subjects and word.split("'")[0] not in subjects:
            break
        more.append(post.text[start:min(end, start + 600)])
    return " ".join(more)
