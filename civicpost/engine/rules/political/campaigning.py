"""PO002 campaigning language."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache

from civicpost.engine import names
from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_terms
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.political.issues import issue_campaigns
from civicpost.engine.rules.political.parties import _NEXT_WORD, _merge, party_references
from civicpost.engine.text import fold

_CAMPAIGN = names.compile_terms("po_campaign")
_CAMPAIGN_PHRASE_GATE = names.phrase_gate("po_campaign")
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
        if words & _CAMPAIGN_GATE and _CAMPAIGN_PHRASE_GATE.open(post):
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
