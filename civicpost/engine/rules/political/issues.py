"""Issue campaigns for PO002: calls to campaign for or against a local issue ("Save our
library", "Stop the bypass", #SaveTheLibrary), told apart from the council's own civic
appeals."""

from __future__ import annotations

import re
from functools import lru_cache

from civicpost.engine import names
from civicpost.engine.lexicons import load_pairs, load_terms
from civicpost.engine.post import Post
from civicpost.engine.rules.political.parties import _merge
from civicpost.engine.text import fold

# Loughton §3 forbids "specific campaigning purposes" as well as party politics, and the
# Local Government Act 1986 s.2 counts promoting one side of a political controversy. An
# issue campaign is a word that takes a side ("stop", "say no to", "save our"), what it takes
# a side on (a development, a closure, a library), and an appeal to the reader to act.

_ISSUE_VERB_KIND = load_pairs("po_campaign_verbs")
_ISSUE_VERBS = re.compile(names.phrase_pattern(_ISSUE_VERB_KIND))
_ISSUE_GATE = names.key_words("po_campaign_verbs") | {"keep", "petition", "no"}
# Words that end the noun phrase after a campaign verb: "stop fly-tipping ON the new estate"
# is not about the estate.
_STOPWORDS = ("on|in|at|by|from|for|of|with|to|into|onto|out|off|up|down|over|under|near|and|or|"
              "but|is|are|was|were|be|been|being|will|would|can|could|should|if|when|while|"
              "because|so|as|than|that|which|who|what|where|how|not|no|it|this|these|those|them|"
              "we|you|they|he|she|its|our|your|their|the|a|an|here|there|now|today|please")
_MODIFIER = rf"(?!(?:{_STOPWORDS})(?![a-z0-9'’]))[\"'“‘]?[a-z0-9][a-z0-9'’&\-]*[\"'”’]?"
_DETERMINER = r"(?:(?:the|our|your|this|these|those|any|more|a|an)\s+)?"
_AGAINST_TARGET = re.compile(rf"\s+{_DETERMINER}(?:{_MODIFIER}\s+){{0,4}}?"
                             + names.phrase_pattern(load_terms("po_campaign_targets")))
_ASSET_WORDS = names.phrase_pattern(load_terms("po_campaign_assets"))
_FOR_TARGET = re.compile(rf"\s+{_DETERMINER}(?:{_MODIFIER}\s+){{0,3}}?" + _ASSET_WORDS)
_KEEP_OPEN = re.compile(rf"(?<![a-z])keep\s+(?:our|the|this|your)\s+(?:{_MODIFIER}\s+){{0,3}}?"
                        + _ASSET_WORDS + r"\s+open(?![a-z])")
# "Together we can stop it!": a pronoun after a verb that can take one, at the end of a clause.
_PRONOUN_VERBS = frozenset({"stop", "scrap", "oppose", "reject", "block", "halt", "fight", "axe",
                            "ditch", "say no to"})
_PRONOUN_OBJECT = re.compile(r"\s+(?:it|this|them|that)(?=\s*(?:[.!?,;:)…]|$|\s+(?:now|today|"
                             r"together|happening|going\s+ahead)(?![a-z])))")
_PETITION = re.compile(r"(?<![a-z])sign\s+(?:the|our|this|my)\s+(?:[a-z0-9'’\-]+\s+){0,2}?petition"
                       r"(?![a-z])")
_CIVIC = names.compile_terms("po_campaign_civic")
# An appeal right before the verb: "please oppose", "help us save", "tell the council to reject".
_URGED = re.compile(r"(?<![a-z])(?:please|help(?:\s+us)?(?:\s+to)?|let['’]?s|let\s+us|together\s+we\s+"
                    r"(?:can|will)|we\s+(?:must|need\s+to|can|have\s+to)|you\s+can\s+help(?:\s+to)?|"
                    r"(?:urge|demand|insist)(?:\s+that)?(?:\s+[a-z0-9'’]+){0,4}?(?:\s+to)?|"
                    r"tell(?:\s+[a-z0-9'’]+){1,4}?\s+to)\s*$")
# The council's own campaign on an issue: "our campaign to save the library", "we are
# campaigning against the incinerator".
_OWN_CAMPAIGN = re.compile(r"(?<![a-z])(?:(?:our|my)\s+campaign|(?:we\s+are|we['’]re|i\s+am|i['’]m|"
                           r"join\s+us\s+in)\s+campaigning)(?:\s+to)?\s*$")
_WE_CAMPAIGN = re.compile(r"(?<![a-z])(?:we\s+are|we['’]re|we\s+will\s+be|i\s+am|i['’]m|"
                          r"join\s+us\s+in)\s*$")
# Verbs that are an appeal only as an imperative: "Object to the plans now!", "No to the
# superstore!", not "you can object to the application online".
_IMPERATIVE_ONLY = frozenset({"no to", "object to", "protest against"})
_CAN_SIGN = re.compile(r"(?<![a-z])(?:can|and|or|why\s+not)\s*$")
# A call to act anywhere in the sentence: join the campaign, sign the petition, write to your MP.
_CALL = re.compile(r"(?<![a-z])(?:(?:join|support|back|get\s+behind|be\s+part\s+of)\s+(?:us\s+(?:in\s+)?)?"
                   r"(?:the|our|this)\s+(?:[a-z0-9'’\-]+\s+){0,2}?(?:campaign|fight|protest|petition|"
                   r"rally|march|demonstration)|sign\s+(?:the|our|this|my)\s+(?:[a-z0-9'’\-]+\s+){0,2}?"
                   r"petition|(?:write|email|e-mail|contact|lobby)\s+(?:to\s+)?(?:your|our)\s+(?:local\s+)?"
                   r"(?:mp|councillors?|county\s+councillors?)|make\s+your\s+voice\s+heard|add\s+your\s+"
                   r"name|show\s+your\s+support|stand\s+with\s+us|come\s+(?:along\s+)?to\s+the\s+(?:protest|"
                   r"rally|demo|demonstration))(?![a-z])")
_CALL_GATE = frozenset({"join", "support", "back", "behind", "part", "sign", "write", "email", "e",
                        "contact", "lobby", "voice", "name", "stand", "come"})
_CLAUSE_MARKS = ".!?:;\n–—|"
_OPENING_MARKS = " \t\"'“‘(*•#>"


def _clause_start(text: str, position: int) -> bool:
    """Whether ``position`` opens a sentence or clause, where a verb is an imperative:
    "Stop the incinerator!", "Join our campaign: say no to ...", "Save our library – oppose ...",
    an emoji or a bullet before it."""
    index = position
    while index > 0 and position - index < 12 and text[index - 1] in _OPENING_MARKS:
        index -= 1
    if index == 0:
        return True
    before = text[index - 1]
    if before in _CLAUSE_MARKS:
        return True
    if before == "-":
        return index < position  # " - oppose", not "re-oppose"
    return not before.isascii() and not before.isalnum()  # an emoji or a symbol


def _calls(post: Post) -> list[tuple[int, int]]:
    """Spans (original text) of every call to join, sign or lobby."""
    return names.memo(post, "po_calls", _find_calls)


def _find_calls(post: Post) -> list[tuple[int, int]]:
    if not names.word_set(post) & _CALL_GATE:
        return []
    return [post.span_of(m.start(), m.end()) for m in _CALL.finditer(post.folded.text)]


def _called_in_sentence(post: Post, start: int) -> bool:
    s_start, s_end = names.sentence_of(post, start)
    return any(s_start <= c < s_end for c, _ in _calls(post))


def _civic(post: Post) -> bool:
    return names.memo(post, "po_civic", lambda p: _CIVIC.search(p.folded.text) is not None)


def issue_campaigns(post: Post) -> list[tuple[int, int]]:
    """Spans (original text) where the post campaigns on an issue."""
    words = names.word_set(post)
    text = post.folded.text
    if not words & _ISSUE_GATE and "#" not in text:
        return []
    found: list[tuple[int, int]] = []
    for match in _ISSUE_VERBS.finditer(text):
        span = _issue_at(post, match)
        if span is not None:
            found.append(span)
    if "keep" in words and "open" in words:
        for match in _KEEP_OPEN.finditer(text):
            start, end = post.span_of(match.start(), match.end())
            if _called_in_sentence(post, start) and not _civic_sentence(post, start):
                found.append((start, end))
    if "petition" in words and "sign" in words:
        for match in _PETITION.finditer(text):
            before = text[max(0, match.start() - 50):match.start()]
            if _clause_start(text, match.start()) or _URGED.search(before) or _CAN_SIGN.search(before):
                found.append(post.span_of(match.start(), match.end()))
    if "#" in text:
        found.extend(_issue_hashtags(post))
    return _join(found, post.text)


def _issue_at(post: Post, match: re.Match[str]) -> tuple[int, int] | None:
    """The span of a campaign that starts with the verb ``match``, if the post urges it."""
    text = post.folded.text
    verb = " ".join(match.group().split())
    kind = _ISSUE_VERB_KIND.get(verb.replace("’", "'"), "against")
    before = text[max(0, match.start() - 50):match.start()]
    urged = _URGED.search(before) is not None or _OWN_CAMPAIGN.search(before) is not None
    opening = _clause_start(text, match.start())
    start, _ = post.span_of(match.start(), match.end())
    pattern = _FOR_TARGET if kind == "for" else _AGAINST_TARGET
    target = pattern.match(text, match.end())
    if target is not None:
        if _CIVIC.search(text, match.end(), target.end() + 40):
            return None  # "stop the sale of illegal tobacco": a public-information subject
        if verb == "against":
            appeal = _OWN_CAMPAIGN.search(before) is not None or _called_in_sentence(post, start)
        elif verb.startswith("campaign"):
            appeal = _WE_CAMPAIGN.search(before) is not None or _called_in_sentence(post, start)
        elif verb in _IMPERATIVE_ONLY:
            appeal = opening or _called_in_sentence(post, start)
        else:
            appeal = opening or urged or _called_in_sentence(post, start)
        if kind == "for" and appeal and _civic_sentence(post, start):
            return None  # "Help save our woodland: take your litter home"
        return (start, post.span_of(target.start(), target.end())[1]) if appeal else None
    if verb in _PRONOUN_VERBS and urged and not _civic(post):
        pronoun = _PRONOUN_OBJECT.match(text, match.end())
        if pronoun is not None:
            return (start, post.span_of(pronoun.start(), pronoun.end())[1])
    return None


_ISSUE_HASHTAG = re.compile(r"#(save|stop|scrap|no|noto|saynoto|handsoff|fight|oppose|reject)"
                            r"(?:the|our|to)?([a-z0-9]{2,40})")


@lru_cache(maxsize=1)
def _hashtag_endings() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The campaign targets and assets written as a hashtag ends them: "#StopTheIncinerator",
    "#SaveOurPostOffice"."""
    def squash(name: str) -> tuple[str, ...]:
        return tuple(re.sub(r"[^a-z0-9&]", "", t) for t in load_terms(name))
    return squash("po_campaign_targets"), squash("po_campaign_assets")


def _issue_hashtags(post: Post) -> list[tuple[int, int]]:
    against, assets = _hashtag_endings()
    found = []
    for match in _ISSUE_HASHTAG.finditer(post.folded.text):
        endings = assets if match.group(1) in ("save", "handsoff") else against
        if match.group(2).endswith(endings) and not _CIVIC.search(match.group(2)):
            found.append(post.span_of(match.start(), match.end()))
    return found


def _join(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Merge spans only a space or "to" apart: "Sign the petition against the incinerator"
    (but each hashtag stays a finding of its own)."""
    joined: list[tuple[int, int]] = []
    for start, end in _merge(spans):
        if joined and _GAP.fullmatch(text, joined[-1][1], start) and text[start] != "#":
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


_GAP = re.compile(r"\s*(?:to\s+)?")


def _civic_sentence(post: Post, start: int) -> bool:
    s_start, s_end = names.sentence_of(post, start)
    return _CIVIC.search(fold(post.text[s_start:s_end]).text) is not None
