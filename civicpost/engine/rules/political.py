"""PO political content: party-political publicity, campaigning, and what the Code of
Recommended Practice on Local Authority Publicity asks of a council before an election.

The Local Government Act 1986 s.2 forbids a council to publish anything that appears designed
to affect support for a political party, all year round (Loughton §3). In the pre-election
period the Code also asks for no publicity on controversial issues, nothing identifying views
or proposals with individual councillors, and nothing about candidates beyond the factual
(Loughton §5). These rules only detect; the policy pack decides that PO001 and PO002 matter on
council accounts always and PO003 to PO005 inside a pre-election period.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache

from civicpost.engine import names
from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_pairs, load_terms
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.text import Folded, fold

# --- party names (PO001, also used by PO002) --------------------------------------------

_PARTIES = names.compile_terms("po_parties")
_SLOGANS = names.compile_terms("po_slogans")
_PARTY_INITIALS = re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(
    re.escape(t.upper()) for t in load_terms("po_party_initials")) + r")(?![A-Za-z0-9])")
_PARTY_WORD_USE = load_pairs("po_party_words")
_PARTY_WORDS = re.compile(names.phrase_pattern(_PARTY_WORD_USE))
_FOLLOWERS = frozenset(load_terms("po_party_followers"))
_VERBS = frozenset(load_terms("po_party_verbs"))
_NOT_FOLLOWERS = frozenset(load_terms("po_not_party_followers"))
_PARTISAN = names.compile_terms("po_partisan")
_NOTICE = names.compile_terms("po_candidate_notice")
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
    if names.phrase_gate("po_candidate_notice").open(post) and _NOTICE.search(folded) is not None:
        return True
    return bool(names.word_set(post) & _RESULT_GATE) and _RESULT.search(folded) is not None


def party_references(post: Post) -> list[tuple[int, int]]:
    """Spans (original text) of every reference to a political party, in order."""
    return names.memo(post, "po_parties", _find_parties)


def _find_parties(post: Post) -> list[tuple[int, int]]:
    words = names.word_set(post)
    folded = post.folded.text
    found: list[tuple[int, int]] = []
    if words & _PARTIES_GATE and names.phrase_gate("po_parties").open(post):
        found.extend(post.span_of(m.start(), m.end()) for m in _PARTIES.finditer(folded))
    if words & _INITIALS_GATE:
        found.extend((m.start(), m.end()) for m in _PARTY_INITIALS.finditer(post.text))
    if words & _PARTY_WORDS_GATE and names.phrase_gate("po_party_words").open(post):
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
        if names.word_set(post) & _SLOGAN_GATE and names.phrase_gate("po_slogans").open(post):
            for start, end, _ in names.find_phrases(post, _SLOGANS):
                yield Hit(start, end, f"“{post.text[start:end]}” is a party or campaign slogan. {_S2}",
                          Fix("Remove the slogan."))

    @staticmethod
    def _partisan_sentence(post: Post, position: int) -> bool:
        start, end = names.window(post, position, position)
        return _PARTISAN.search(fold(post.text[start:end]).text) is not None


_SLOGAN_GATE = names.key_words("po_slogans")

# --- campaigning (PO002) --------------------------------------------------------------

_CAMPAIGN = names.compile_terms("po_campaign")
_VOTE = re.compile(rf"(?<![a-z0-9#'’-])(?:(re[\s{names.DASHES}]?)?elect|vote(?:\s+for)?)\s+(?:the\s+)?")
_NOT_BEFORE_ELECT = re.compile(r"(?:\bto|\bwill|\bwould|\bunanimously|\bvoted|\bcan|\bmay|\bcould|\bshall|"
                               r"\bmust|\bshould|\bwho)\s*$")
_PRONOUN_TARGET = re.compile(r"(?:me|us|him|her|them|(?:our|your)\s+(?:local\s+)?(?:[a-z]+\s+)?"
                             r"(?:candidates?|team))(?![a-z0-9])")
_HASHTAG_VOTE = re.compile(r"#vote(?:for|4)?([a-z]+)")
_HASHTAG_PARTIES = ("labour", "conservative", "tory", "tories", "green", "libdem", "reform", "ukip",
                    "snp", "plaid", "leave", "remain", "independent")
_VOTE_PARTIES = frozenset({"labour", "conservative", "conservatives", "tory", "tories", "libdem", "ukip"})
_CANVASS = re.compile(r"(?<![a-z])canvass(?:ing|ed|es)?(?![a-z])")
_CANVASS_OPINION = re.compile(r"(?:\s+\S+){0,4}?\s+(?:opinions?|views?|feedback|comments|ideas|thoughts|"
                              r"about|on\s+(?:the|their|your)\s+(?:plans?|proposals?|scheme))")
_LEAFLET = re.compile(r"(?<![a-z])(?:leaflett?ing|leaflet\s+drops?|deliver(?:ing|ed)\s+leaflets|"
                      r"dropping\s+leaflets)(?![a-z])")
_FOR_WITH = re.compile(r"\s+(?:for|with)\s+(?:the\s+)?")
_ELECTION_CUE = re.compile(r"(?<![a-z])(?:candidates?|campaign\w*|election|elections|vote|votes|voting|"
                           r"polling|doorsteps?|re-?elect\w*)(?![a-z])")
_DONT_LET = re.compile(r"(?<![a-z])(?:don['’]?t|do\s+not|never)\s+let\s+(?:the\s+)?(\S+(?:\s+\S+)?)\s+"
                       r"(?:win|in|back\s+in|get\s+in|take\s+over|take\s+control)(?![a-z])")
_KEEP_OUT = re.compile(r"(?<![a-z])(?:keep|kick|vote|throw)\s+(?:the\s+)?(\S+(?:\s+\S+)?)\s+out(?![a-z])")
_ONLY_CAN = re.compile(r"(?<![a-z])only\s+(?:the\s+)?(\S+(?:\s+\S+)?)\s+can\s+(?:beat|stop|win)(?![a-z])")
_POLLING_DAY = re.compile(r"(?<![a-z])(?:polling\s+day|election\s+day|at\s+the\s+polls|ballot\s+box|"
                          r"on\s+\d{1,2}(?:st|nd|rd|th)?\s+may|on\s+may\s+\d)")
_SUPPORT = re.compile(r"(?<![a-z])(?:support|back|choose)\s+(?:the\s+)?")
_CAMPAIGN_GATE = names.key_words("po_campaign")
_VOTE_GATE = frozenset({"vote", "elect", "reelect"})
_CANVASS_GATE = frozenset({"canvassing", "canvass", "canvassed", "canvasses"})
_LEAFLET_GATE = frozenset({"leafleting", "leafletting", "leaflet", "leaflets"})
_AGAINST_GATE = frozenset({"let", "keep", "kick", "throw", "only"})
_AGAINST_END_GATE = frozenset({"win", "in", "out", "beat", "stop", "over", "control"})
_POLLING_GATE = frozenset({"polling", "polls", "ballot", "may"})

_CAMPAIGNING = ("This risks the policy's rule against party-political and campaigning use of "
                "social media (Local Government Act 1986 s.2).")
_ISSUE_CAMPAIGNING = ("This risks the policy's rule against using the council's social media "
                      "for campaigning: a council may inform people about a proposal and how to "
                      "have their say, but not campaign for one side (Local Government Act 1986 s.2 "
                      "counts promoting a view on a question of political controversy).")


def _target_at(post: Post, folded_position: int, pronouns: bool = True) -> str | None:
    """The candidate, party or person that starts at ``folded_position``, if any."""
    text = post.folded.text
    pronoun = _PRONOUN_TARGET.match(text, folded_position) if pronouns else None
    if pronoun:
        return pronoun.group()
    start, _ = post.span_of(folded_position, folded_position + 1)
    references = party_references(post)
    index = bisect_left(references, (start, start))
    if index < len(references) and references[index][0] == start:
        return post.text[start:references[index][1]]
    for mention in names.mentions_in(post, (start, start + 80),
                                     (names.COUNCILLOR, names.PERSON, names.GIVEN)):
        if mention.start == start and not post.text.startswith(("'s", "’s"), mention.end):
            return mention.text  # "vote for Jane", but not "vote for Jane's cake"
    return None


# --- issue campaigns (PO002) ------------------------------------------------------------
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


@register
class CampaigningLanguage(Rule):
    """Asks people to vote for someone, reports campaigning, or campaigns on an issue.

    Looks for "vote for Jane Smith", "Vote Labour", "re-elect Cllr Brown", "elect Sam Jones",
    "#VoteGreen", "our candidate", canvassing, leafleting for a candidate or party, "support
    Jane on polling day", "don't let the Tories win", "lend us your vote"; and for appeals to
    take a side on an issue: "Say no to the relief road!", "Sign the petition", "Save our
    library", "write to your MP and demand they stop the development", "Together we can stop
    it!", "tell the council to reject the plans", "#StopTheIncinerator".

    **Why it matters:** Loughton §3 forbids using the council's social media "for party
    political purposes or specific campaigning purposes"; the Local Government Act 1986 s.2
    applies all year. Factual election information stays clear: polling hours, registering to
    vote, postal votes, nominations, the count, notices of election and lists of candidates.
    "Vote for your favourite hanging basket" is not campaigning (a vote needs a candidate,
    a party or "me/us" to be one), nor is "canvassing residents' views" or "the Council voted
    to re-elect Cllr Brown as Chairman" (a record of a decision). Nor are the council's own
    public-information campaigns ("Join our campaign to keep Loughton tidy", "Help us stop
    fly-tipping", "Stop! Check the road is clear"), a consultation ("Have your say on the
    plans by 5 June"), or a factual report of a petition or a council resolution: an issue
    campaign needs a development, closure or cut to oppose (``po_campaign_targets.txt``) or a
    place or service to save (``po_campaign_assets.txt``), and an appeal to the reader.

    **Avoid:** "Out canvassing in Broadway ward today – please vote for Jane Smith on 7 May!"

    **Write instead:** "Polling stations are open 7am to 10pm on Thursday 7 May. Find yours
    on the district council's website."
    """

    code = "PO002"
    title = "Campaigning language"

    def find(self, post: Post) -> Iterator[Hit]:
        words = names.word_set(post)
        spans: list[tuple[int, int]] = []
        if words & _CAMPAIGN_GATE and names.phrase_gate("po_campaign").open(post):
            spans.extend((s, e) for s, e, _ in names.find_phrases(post, _CAMPAIGN))
        if words & _VOTE_GATE:
            spans.extend(self._votes(post))
        if "#vote" in post.folded.text:
            spans.extend(self._hashtags(post))
        if words & _CANVASS_GATE:
            spans.extend(self._canvassing(post))
        if words & _LEAFLET_GATE:
            spans.extend(self._leafleting(post))
        if words & _AGAINST_GATE and words & _AGAINST_END_GATE:
            spans.extend(self._against(post))
        if words & _POLLING_GATE:
            spans.extend(self._polling_day_support(post))
        party = _merge(spans)
        for start, end in party:
            yield Hit(start, end, f"“{' '.join(post.text[start:end].split())}” is campaigning "
                                  f"language. {_CAMPAIGNING}",
                      Fix("Remove the appeal for votes; post only factual election information."))
        for start, end in issue_campaigns(post):
            if not names.overlaps((start, end), party):
                yield Hit(start, end, f"“{' '.join(post.text[start:end].split())}” urges people to "
                                      f"take a side on an issue. {_ISSUE_CAMPAIGNING}",
                          Fix("Give the facts and how to respond (a consultation, a public meeting) "
                              "without urging people to take a side."))

    @staticmethod
    def _votes(post: Post) -> Iterator[tuple[int, int]]:
        text = post.folded.text
        for match in _VOTE.finditer(text):
            if match.group().lstrip().startswith(("elect", "re")) and \
                    _NOT_BEFORE_ELECT.search(text[max(0, match.start() - 20):match.start()]):
                continue  # "voted to re-elect Cllr Brown as Chairman": a record, not an appeal
            target = _target_at(post, match.end())
            if target is None:
                word = _NEXT_WORD.match(text, match.end())
                target = word.group(1) if word and word.group(1) in _VOTE_PARTIES else None
            if target is not None:
                start, _ = post.span_of(match.start(), match.end())
                _, end = post.span_of(match.end(), match.end() + len(target))
                yield start, end

    @staticmethod
    def _hashtags(post: Post) -> Iterator[tuple[int, int]]:
        for match in _HASHTAG_VOTE.finditer(post.folded.text):
            rest = match.group(1)
            if rest.startswith(_HASHTAG_PARTIES) or rest in _given_names():
                yield post.span_of(match.start(), match.end())

    @staticmethod
    def _canvassing(post: Post) -> Iterator[tuple[int, int]]:
        text = post.folded.text
        for match in _CANVASS.finditer(text):
            if _CANVASS_OPINION.match(text, match.end()):
                continue  # "canvassing residents' views on the skate park": consultation
            yield post.span_of(match.start(), match.end())

    @staticmethod
    def _leafleting(post: Post) -> Iterator[tuple[int, int]]:
        for match in _LEAFLET.finditer(post.folded.text):
            start, end = post.span_of(match.start(), match.end())
            s_start, s_end = names.window(post, start, end)
            sentence = fold(post.text[s_start:s_end]).text
            in_sentence = any(s_start <= p < s_end for p, _ in party_references(post))
            linked = _FOR_WITH.match(post.folded.text, match.end())
            for_someone = linked is not None and _target_at(post, linked.end(), False) is not None
            if in_sentence or for_someone or _ELECTION_CUE.search(sentence):
                yield start, end

    @staticmethod
    def _against(post: Post) -> Iterator[tuple[int, int]]:
        text = post.folded.text
        for pattern in (_DONT_LET, _KEEP_OUT, _ONLY_CAN):
            for match in pattern.finditer(text):
                if _target_at(post, match.start(1), pronouns=False) is not None:
                    yield post.span_of(match.start(), match.end())

    @staticmethod
    def _polling_day_support(post: Post) -> Iterator[tuple[int, int]]:
        text = post.folded.text
        if not _POLLING_DAY.search(text):
            return
        for match in _SUPPORT.finditer(text):
            target = _target_at(post, match.end())
            if target is not None and target not in ("me", "us"):
                start, _ = post.span_of(match.start(), match.end())
                _, end = post.span_of(match.end(), match.end() + len(target))
                yield start, end


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    return frozenset(load_terms("names_given"))


# --- councillors identified with views or praise, or featured in publicity (PO003) -----

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


# --- controversial issues (PO004) -----------------------------------------------------

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
