"""AC003 speaking for the council from a personal account."""

from __future__ import annotations

import re
from collections.abc import Iterator

from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_terms
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.account.cues import _APOS, Cue, _alternation, _apart, _cue, _sentence_of
from civicpost.engine.rules.style import word_set

_DISCLAIMERS = load_terms("ac_disclaimers")
_CIVIC = re.compile(rf"\b{_alternation(load_terms('ac_civic_nouns'))}\b")
_WHERE_TO_FIND = re.compile(
    r"\s*(?:is\s+)?(?:available|here|online|published|on\s+the\s+website|at\s+|set\s+out)"
)
_STANCE_VERBS = "tolerate support oppose accept allow permit back condone fund agree"
_SPEAKING_FOR: tuple[Cue, ...] = (
    _cue(rf"council{_APOS}s\s+(?:official\s+)?(?:position|policy|view|stance|line|response|intention|"
         r"plan)\s+(?:on\s+[a-z'’ -]{1,40}?\s+)?(?:is|will\s+be|remains)\b",
         "council", "position policy view stance line response intention plan", council_first=True),
    _cue(r"(?:it\s+is|it['’]s|that\s+is|that['’]s|this\s+is)\s+(?:the\s+)?council(?:['’]s)?\s+policy\b"
         r"|council\s+policy\s+is\b|our\s+(?:official\s+)?(?:position|policy|stance)\s+(?:is|on)\b",
         "policy position stance"),
    _cue(r"as\s+(?:your|a|the)\s+(?:town\s+|parish\s+|local\s+)?council,?\s+we\b|we,?\s+as\s+a\s+council\b"
         r"|we\s+as\s+(?:your|the)\s+(?:town\s+|parish\s+)?council\b",
         "council", "as"),
    _cue(r"(?:i|we)\s+can\s+(?:confirm|assure\s+(?:you|residents|everyone)|promise(?:\s+you|\s+residents)?)"
         r"\s+(?:that\s+)?(?:the\s+council|we|our\s+council)\b",
         "can", "confirm assure promise"),
    _cue(r"council\s+(?:will\s+not|won['’]t|will\s+never|does\s+not|doesn['’]t|cannot|can['’]t|"
         r"refuses\s+to|will|does|is\s+going\s+to|intends\s+to|plans\s+to|is\s+committed\s+to|"
         r"is\s+determined\s+to)\s+(?:tolerate|support|oppose|accept|allow|permit|back|condone|fund|"
         r"agree\s+to)\b",
         "council", _STANCE_VERBS, council_first=True),
)
_WE_WILL = _cue(
    r"we(?:['’]ll|\s+will|\s+shall|\s+are\s+going\s+to|['’]re\s+going\s+to|\s+intend\s+to|\s+plan\s+to)"
    r"(?:\s+now|\s+also|\s+shortly|\s+soon)?\s+(?:be\s+)?(?:review(?:ing)?|look(?:ing)?\s+into|"
    r"consult(?:ing)?|consider(?:ing)?|investigat(?:e|ing)|introduc(?:e|ing)|implement(?:ing)?|"
    r"reconsider(?:ing)?|tak(?:e|ing)\s+action|respond(?:ing)?|address(?:ing)?|fund(?:ing)?|"
    r"resurfac(?:e|ing)|repair(?:ing)?|install(?:ing)?|upgrad(?:e|ing)|replac(?:e|ing)|ban(?:ning)?|"
    r"clos(?:e|ing)|reopen(?:ing)?|extend(?:ing)?|chang(?:e|ing)|rais(?:e|ing)\s+(?:this|it)|"
    r"put(?:ting)?\s+forward|bring(?:ing)?\s+forward)\b",
    "we",
    "review reviewing look looking consult consulting consider considering investigate investigating "
    "introduce introducing implement implementing reconsider reconsidering take taking respond "
    "responding address addressing fund funding resurface resurfacing repair repairing install "
    "installing upgrade upgrading replace replacing ban banning close closing reopen reopening extend "
    "extending change changing raise raising put putting bring bringing",
)


def _has_disclaimer(folded: str) -> bool:
    plain = folded.replace("’", "'")
    return any(phrase in plain for phrase in _DISCLAIMERS)


@register
class SpeakingForCouncil(Rule):
    """Speaking for the council on a personal account: the text states council policy or
    gives the impression of speaking for the authority ("The council's position is…",
    "as your council we…", "I can confirm the council will…", "The council will not tolerate…",
    or "We will be reviewing the parking" about a council matter) with no disclaimer.

    **Why it matters:** Loughton §5 (personal accounts): "Your personal account should not give
    readers/followers/friends the impression that you are speaking for the authority, or
    stating council policy", and a councillor or officer who says who they are should make
    clear "that any views expressed there are personal and do not state council policy". A
    disclaimer in the post ("views are my own", "personal view", "not council policy") clears
    the finding. "The council's policy on dogs is on the website" points to the policy and is
    not flagged.

    **Avoid:** on a personal account: "The council's position is that the car park will not
    be sold. We will be reviewing the parking charges next month."

    **Write instead:** "My personal view (not council policy): the car park should not be
    sold. I'll be asking the council to review the parking charges."
    """

    code = "AC003"
    title = "Speaking for the council on a personal account"

    def find(self, post: Post) -> Iterator[Hit]:
        folded = post.folded.text
        words = word_set(post)
        found = [span for cue in _SPEAKING_FOR if cue.ready(words) for span in cue.spans(folded)
                 if not _WHERE_TO_FIND.match(folded, span[1])]
        if _WE_WILL.ready(words):
            found += [span for span in _WE_WILL.spans(folded)
                      if _CIVIC.search(_sentence_of(folded, span[0], span[1]))]
        if not found or _has_disclaimer(folded):
            return
        for first, last, _ in _apart(found):
            start, end = post.span_of(first, last)
            yield Hit(start, end,
                      "This reads as speaking for the council or stating council policy; on a "
                      "personal account say these are your own views, or leave council policy to "
                      "the council's own channels.",
                      Fix("Add a disclaimer such as \"Personal views, not council policy\", or "
                          "reword it as your own view."))
