"""Allegations about identifiable people and businesses, found once per post: DF001 (said
by the post) and DF002 (repeated from someone else)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from civicpost.engine import names
from civicpost.engine.findings import Fix, Hit
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.defamation.grammar import (
    _COMPOUND_AFTER,
    _COMPOUND_BEFORE,
    _DEALING_DRUGS,
    _FIDDLING_WITH,
    _LYING_ELSEWHERE,
)
from civicpost.engine.rules.defamation.phrases import (
    _ABOUT_A_SUBJECT,
    _ALLEGATIONS,
    _ALLEGATIONS_PHRASE_GATE,
    _DENIED,
    _DF_GATE,
    _GENERAL_USE,
    _IMPLIED,
    _IMPLIED_CATEGORY,
    _IMPLIED_GATE,
    _IMPLIED_OTHERS,
    _LAWYER,
    _NEGATED,
    _QUOTED,
    _RETWEET,
    _TOOK_MONEY,
    ACT,
    _Candidate,
    _classify,
)
from civicpost.engine.rules.defamation.targets import _chained, _how_repeated, _target


@dataclass(frozen=True)
class Allegation:
    """An allegation word said of an identifiable target; ``repeated`` says how it was
    repeated from someone else (a share, a retweet, a quotation, reported speech) or is
    empty when the author says it in their own voice."""

    start: int
    end: int
    category: str
    target: str
    repeated: str


def allegations(post: Post) -> list[Allegation]:
    """Every allegation about an identifiable target in the post, computed once per post."""
    return names.memo(post, "df_allegations", _find_allegations)


def _find_allegations(post: Post) -> list[Allegation]:
    words = names.word_set(post)
    candidates = _candidates(post, words)
    if not candidates:
        return []
    retweet = _RETWEET.search(post.text)
    quotes = [(m.start(), m.end()) for m in _QUOTED.finditer(post.text)] if '"' in post.text \
        or "“" in post.text else []
    found: list[Allegation] = []
    previous: tuple[int, str, tuple[int, int]] | None = None  # end, target, sentence
    for item in candidates:
        replaces = False
        if found and item.start < found[-1].end:
            # Inside an allegation already found; one that runs on past it says more ("has
            # been fiddling expenses" over "been fiddling") and takes its place.
            if item.end <= found[-1].end or item.end - item.start <= found[-1].end - found[-1].start:
                continue
            replaces = True
        if _denied(post, item.start):
            previous = None
            continue
        target = _target(post, item)
        sentence = names.sentence_of(post, item.start)
        if target is None and previous is not None and previous[2] == sentence \
                and _chained(post, previous[0], item):
            target = previous[1]
        if target is None:
            continue
        previous = (item.end, target, sentence)
        if replaces:
            found.pop()
        found.append(Allegation(item.start, item.end, item.category, target,
                                _how_repeated(post, item.start, item.end, retweet, quotes)))
    return found


def _candidates(post: Post, words: frozenset[str]) -> list[_Candidate]:
    found: list[_Candidate] = []
    if words & _DF_GATE and _ALLEGATIONS_PHRASE_GATE.open(post):
        spaced = names.spaced_text(post)
        general: list[tuple[int, int]] | None = None
        for match in _overlapping(_ALLEGATIONS, spaced):
            start, end = post.span_of(match.start(), match.end())
            if general is None:
                general = [(s, e) for s, e, _ in names.find_spaced_phrases(post, _GENERAL_USE)]
            if names.overlaps((start, end), general) or _ABOUT_A_SUBJECT.match(spaced, match.end()) \
                    or _COMPOUND_AFTER.match(post.text, end) \
                    or _COMPOUND_BEFORE.search(post.text[max(0, start - 24):start]):
                continue  # "a joke-free zone", "our anti-fraud policy", "a stress-free"
            if match.group().endswith("lying") and _LYING_ELSEWHERE.match(spaced, match.end()):
                continue  # "was lying on the pavement"
            if match.group().endswith("fiddling") and _FIDDLING_WITH.match(spaced, match.end()):
                continue  # "fiddling with the microphone"
            if match.group().endswith("dealing") and not _DEALING_DRUGS.match(spaced, match.end()):
                continue  # "is dealing with it", but "everyone knows he is dealing"
            forms, category = _classify(match.group())
            found.append(_Candidate(start, end, names.spaced_phrase(match.group()), forms, category))
    if "£" in post.text:
        for start, end, phrase in names.find_phrases(post, _TOOK_MONEY):
            found.append(_Candidate(start, end, names.spaced_phrase(phrase), frozenset({ACT}), "dishonesty"))
    if words & _IMPLIED_GATE or "cloud" in words or "escorted" in words or "forced" in words:
        for pattern in (_IMPLIED, _IMPLIED_OTHERS):
            for start, end, phrase in names.find_phrases(post, pattern):
                found.append(_Candidate(start, end, names.spaced_phrase(phrase), frozenset({ACT}),
                                        _IMPLIED_CATEGORY))
    found.sort(key=lambda c: (c.start, -c.end))
    return found


_NEXT_WORD = re.compile(r"[a-z0-9]+[^a-z0-9]+")


def _overlapping(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Every match, including one that starts inside a longer match before it: "a fake MOT"
    holds both "a fake" (a label) and "fake MOT" (a deed), and only one of them may turn out
    to be said of someone."""
    position = 0
    while True:
        match = pattern.search(text, position)
        if match is None:
            return
        yield match
        inner = _NEXT_WORD.match(text, match.start())
        position = inner.end() if inner and inner.end() < match.end() else match.end()
        if position <= match.start():
            position = match.start() + 1


def _denied(post: Post, start: int) -> bool:
    s_start = names.sentence_of(post, start)[0]
    before = names.folded_slice(post, max(s_start, start - 160), start)
    return _DENIED.search(before) is not None or _NEGATED.search(before[-40:]) is not None


@register
class AllegationAboutSomeone(Rule):
    """An allegation of wrongdoing about a person or business readers can identify.

    Looks for what suggests criminal activity, dishonesty, fraud, hypocrisy, immorality,
    lack of professionalism, incompetence, failing in a duty, sexual impropriety or bullying,
    in the words people really use: "stole", "has his hand in the till", "cooking the books",
    "takes backhanders", "dealing drugs", "running an illegal HMO", "unlicensed drivers",
    "rips off pensioners", "short-changes", "cowboys", "liar", "covered up", "says one thing
    and does another", "misdiagnosed", "should be struck off", "left the site unsafe",
    "turns up to work drunk", "groped", "bully", and what is said by implication ("resigned
    after the complaints about her conduct"). It is flagged when said of a named person,
    councillor or business ("Hollins Hardware"), a business described by trade and place ("the
    taxi firm on Station Lane", "the Crown on Forest Road", "the village shop"), a person
    described ("local landlord Kev Doyle", "the man at number 12", "the treasurer of the bowls
    club"), a body of office-holders ("this council is run by crooks"), an @handle, "you" in a
    reply, or "he/she/they" referring back to one. Hearsay ("everyone knows", "rumour has it")
    excuses nothing. General statements stay clear: "Fraud awareness week", "Report
    fly-tipping, a criminal offence", "the council will prosecute fly-tippers", "PC Reid warns
    of rogue traders", "anti-bullying workshop", and so do denials ("there is no evidence that
    the treasurer acted dishonestly") and victims ("Jane Smith was short-changed").

    **Why it matters:** Loughton §5: "Defamatory meaning covers any suggestion of criminal
    activity, dishonesty, fraud, hypocrisy, immorally, lack of professionalism, incompetence,
    failing in a duty, sexual impropriety and bullying." Since the Defamation Act 2013 the
    claimant must show serious harm to reputation (serious financial loss for a business),
    and damages and costs can be large. Libel complaints go to the Town Clerk at once.

    **Avoid:** "Smith Builders are cowboys who botched the pavilion roof."

    **Write instead:** "The pavilion roof repairs are not finished. We are in touch with the
    contractor and will update residents by Friday."
    """

    code = "DF001"
    title = "Allegation about an identifiable person or business"

    def find(self, post: Post) -> Iterator[Hit]:
        for item in allegations(post):
            if item.repeated:
                continue
            word = " ".join(post.text[item.start:item.end].split())
            yield Hit(item.start, item.end,
                      f"“{word}” suggests {item.category} by {item.target}. {_LAWYER} Do not "
                      "publish it unless you can prove it is true; ask the Town Clerk, who will "
                      "take legal advice.",
                      Fix("Remove the allegation, or hold the post until the Town Clerk has "
                          "taken legal advice."))


@register
class RepeatedAllegation(Rule):
    """Shares, retweets or quotes someone else's allegation about an identifiable person.

    The same detection as DF001, applied to content the council repeats: a share (the
    context's ``kind`` is ``share``), a retweet ("RT @..."), words inside quotation marks, or
    a sentence that reports what someone else says ("according to", "X said", "allegedly",
    "people are saying"). When the post is a share every allegation in it is reported here
    under DF002 and not under DF001, because the council's act is the repeating.

    **Why it matters:** Loughton §5, the repetition rule: "it is not a defence to say that you
    are just repeating what others have said ... anyone who repeats a libel has a liability for
    it. This is particularly true of sharing (this includes liking on Facebook and
    re-tweeting)."

    **Avoid:** sharing a resident's post that says "the Clerk has been fiddling expenses".

    **Write instead:** do not share it; pass it to the Town Clerk.
    """

    code = "DF002"
    title = "Repeated allegation in shared or quoted content"

    def find(self, post: Post) -> Iterator[Hit]:
        for item in allegations(post):
            if not item.repeated:
                continue
            word = " ".join(post.text[item.start:item.end].split())
            yield Hit(item.start, item.end,
                      f"“{word}” repeats, in {item.repeated}, an allegation of {item.category} "
                      f"about {item.target}. Repeating or sharing a libel publishes it again, "
                      f"and the council becomes liable for it too (the repetition rule). "
                      f"{_LAWYER}",
                      Fix("Do not share or quote it; pass it to the Town Clerk."))
