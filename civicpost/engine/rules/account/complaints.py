"""AC002 a complaint or grievance about the council, its councillors or staff."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from civicpost.engine.findings import Fix, Hit
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.account.cues import (
    _COUNCIL_WORDS,
    Cue,
    _about_council,
    _apart,
    _clause_before,
    _cue,
    _starts_word,
    _words,
)
from civicpost.engine.rules.style import word_set
from civicpost.engine.text import fold

_TARGET_NOUNS = _words(
    "council clerk chair chairman chairwoman chairperson mayor councillors cllrs members staff office "
    "manager boss supervisor colleague colleagues rfo committee consultation meeting"
)
_NAMED = _words("cllr councillor")
_TARGET_WORDS = _TARGET_NOUNS | _NAMED
# "the", "my", "some of my", "tonight's", "Loughton Town" before "clerk", "council", "meeting"
_DETERMINER_BEFORE = re.compile(
    r"(?:(?:the|our|this|my|some\s+of\s+(?:my|our|the)|some|certain|tonight['’]s|last\s+night['’]s|"
    r"today['’]s|yesterday['’]s|this\s+evening['’]s|this\s+week['’]s)\s+(?:(?:town|parish|city)\s+)?"
    r"(?:(?:council|committee|planning|finance|deputy|vice|town|line|office|full|new|current)\s+){0,2}"
    r"|[a-z]+\s+(?:town|parish|city)\s+)$"
)
_FAILS = (
    r"(?:never|doesn['’]t|does\s+not|don['’]t|do\s+not|won['’]t|will\s+not|can['’]t\s+be\s+bothered\s+to|"
    r"refuses?\s+to|refused\s+to|(?<!never\s)(?<!always\s)fail(?:s|ed)?\s+to)\s+(?:even\s+|ever\s+)?"
    r"(?:listens?|repl(?:y|ies)|responds?|answers?|supports?|cares?|helps?|bothers?|reads?|"
    r"acknowledges?|consults?|tells?|informs?|returns?|pays?|thanks?)\b"
)
_BAD = (
    r"(?:is|are|was|were|has\s+been|have\s+been)\s+(?:so\s+|completely\s+|totally\s+|utterly\s+|"
    r"absolutely\s+|just\s+|such\s+|a\s+complete\s+|a\s+total\s+|an\s+absolute\s+|an\s+utter\s+)*"
    r"(?:a\s+|an\s+)?(?:useless|incompetent|inept|joke(?![\s-]*(?:teller|book|shop|s\b))|hopeless|disgrace|disgraceful|pathetic|awful|"
    r"terrible|appalling|shambolic|shambles|farce|circus|toxic|clueless|rubbish|bully|bullies|bullying|"
    r"unprofessional|rude|dismissive|disrespectful|patronising|condescending|arrogant|two[-\s]faced|"
    r"spineless|nightmare|unbearable|out\s+of\s+order|pointless|laughing\s+stock|embarrassment|"
    r"waste\s+of\s+(?:time|space|money|breath))\b"
)
_TREATS = (
    r"treats?\s+(?:its\s+|their\s+|the\s+|us\s+|me\s+)?(?:staff\s+|employees\s+|members\s+|"
    r"volunteers\s+|workers\s+|clerk\s+)?(?:appallingly|badly|terribly|like\s+dirt|awfully|"
    r"shockingly|disgracefully|with\s+contempt|unfairly|like\s+rubbish|like\s+children|like\s+idiots)\b"
)
_IGNORES = r"ignor(?:es|ed|ing)\s+(?:me|my\s+[a-z]+|us|our\s+[a-z]+|staff|everyone|residents)\b"
# What people say about colleagues and bosses when they air a grievance.
_IDIOMS = (
    r"(?:loves?|likes?|enjoys?)\s+the\s+sound\s+of\s+(?:his|her|their|its)\s+own\s+voices?"
    r"|(?:(?:has|have)\s+)?(?:got\s+|clearly\s+|really\s+|always\s+)*it\s+in\s+for\s+(?:me|us)\b"
    r"|(?:is|are)\s+out\s+to\s+get\s+(?:me|us)\b"
    r"|(?:has|have|had)(?:\s+no|n['’]t\s+(?:got\s+)?a|\s+not\s+got\s+a)\s+clue\b"
    r"|(?:don['’]t|doesn['’]t)\s+have\s+a\s+clue\b"
    r"|(?:talked|talks|talking|talk|spoke|speaks|shouted|shouts|shouting)\s+(?:over|down\s+to)\s+"
    r"(?:me|us)\b"
    r"|(?:shouted|shouts|shut|shuts|cut|cuts|put|puts)\s+me\s+(?:down|off|up)\b"
    r"|(?:rolled|rolls)\s+(?:his|her|their)\s+eyes\b"
    r"|(?:has\s+|have\s+)?(?:dumped|offloaded|palmed\s+off)\s+(?:[a-z'’]+\s+){0,5}?on(?:to)?\s+me\b"
    r"|(?:has\s+|have\s+)?landed\s+me\s+with\b"
    r"|(?:has\s+|have\s+)?(?:messed|cocked|screwed|mucked|ballsed)\s+(?:it\s+|things\s+|everything\s+)?"
    r"up\b"
    r"|(?:has\s+|have\s+)?made\s+(?:a\s+)?(?:complete\s+|total\s+|right\s+)?(?:mess|hash|pig['’]s\s+ear)"
    r"\s+of\b"
    r"|(?:has\s+|have\s+)?(?:wasted|squandered|blown|blew|frittered)\s+(?:away\s+)?(?:thousands|hundreds|"
    r"millions|£\s*\d|\d|so\s+much|our\s+money|my\s+time|our\s+time|everyone['’]s\s+time|public\s+"
    r"money|taxpayers['’]?\s+money|residents['’]?\s+money|money)"
    r"|still\s+(?:hasn['’]t|haven['’]t|has\s+not|have\s+not|not)\s+(?:been\s+)?(?:paid|replied|"
    r"responded|answered|got\s+back|reimbursed)\b"
    r"|(?:keeps?|kept)\s+(?:ignoring|interrupting|undermining|overruling|belittling|blocking|"
    r"patronising|talking\s+over)\b"
)
# After "the clerk": up to four words (not "said", "and", "never" …: "the clerk said the
# contractor never replies" is not about the clerk), then the complaint.
_GAP = (r"(?:\s+(?!(?:said|says|told|tells|explained|thinks|thought|agreed|but|and|or|because|if|"
        r"when|while|whereas|never|not|always|who|whose|that)\b)[a-z'’]+){0,4}?")
_AFTER_TARGET = re.compile(
    rf"(?P<gap>{_GAP})\s+(?:{_FAILS}|{_BAD}|{_TREATS}|{_IGNORES}|{_IDIOMS})"
)
# "My manager at the supermarket", "the chair of the WI": the words between place the
# person outside the council, unless they name it ("my manager at the council").
_ELSEWHERE = re.compile(r"\b(?:at|in|from|of|with)\b")
_STILL_COUNCIL = re.compile(r"\b(?:council|office|town\s+hall|parish|committee|meeting|work)\b")
# "council tax", "council housing" are not the council
_NOT_THE_COUNCIL = re.compile(r"\s+(?:tax|taxes|house|houses|housing|estate|estates|flat|flats)\b")


def _complaint_after(folded: str, end: int) -> int:
    """Where the complaint that follows a named part of the council at ``end`` ends, or -1."""
    complaint = _AFTER_TARGET.match(folded, end)
    if complaint is None:
        return -1
    gap = complaint.group("gap")
    if gap and _ELSEWHERE.search(gap) and not _STILL_COUNCIL.search(gap):
        return -1
    return complaint.end()
# Cheap gate for the complaint patterns: one of these words, or one of the phrases, must be in
# the post (and near the named part of the council) before the patterns are tried.
_COMPLAINT_WORDS = _words(
    "never doesn't don't won't can't refuses refuse refused fails fail failed useless incompetent "
    "inept joke hopeless disgrace disgraceful pathetic awful terrible appalling shambolic shambles "
    "farce circus toxic clueless rubbish bully bullies bullying unprofessional rude dismissive "
    "disrespectful patronising condescending arrogant faced spineless nightmare unbearable pointless "
    "laughing embarrassment waste treat treats ignores ignored ignoring sound clue eyes dumped "
    "offloaded palmed landed messed cocked screwed mucked ballsed mess hash ear wasted squandered "
    "blown blew frittered hasn't haven't keeps kept"
)
# phrases of common words, each looked for only when its key word is in the post
_COMPLAINT_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("not", ("does not", "do not", "will not", "still not")),
    ("order", ("out of order",)),
    ("get", ("out to get",)),
    ("me", (" in for me", "over me", "down to me", "me down", "me off", "me up")),
    ("us", (" in for us", "over us", "down to us")),
)


def _may_complain(words: frozenset[str], text: str) -> bool:
    """A cheap test that a complaint pattern could match (most posts have none of these)."""
    if not _COMPLAINT_WORDS.isdisjoint(words):
        return True
    return any(key in words and any(p in text for p in phrases) for key, phrases in _COMPLAINT_PHRASES)


_ROLE = (r"(?:council(?!\s+(?:tax|taxes|house|houses|housing|estates?|flats?)\b)|clerk|"
         r"deputy\s+clerk|town\s+clerk|rfo|chair(?:man|woman|person)?|"
         r"vice[-\s]?chair|mayor|deputy\s+mayor|councillors|cllrs|members|staff|office|manager|"
         r"line\s+manager|boss|supervisor|colleagues?|committee|consultation)")
_TARGET = (
    r"(?:(?:(?:the|our|this|my|some\s+of\s+(?:my|our|the))\s+(?:(?:town|parish|city)\s+)?"
    r"(?:(?:council|committee|planning|finance|deputy|vice|line|office|full)\s+)?"
    r"|[a-z]+\s+(?:town|parish|city)\s+)"
    rf"{_ROLE}|(?:cllr|councillor)\s+[a-z]+)\b"
)
_MEETING_STOP = (r"(?:got|gets|was|is|has\s+been|will\s+be|being)\s+"
                 r"(?:decided|done|agreed|achieved|resolved|sorted)")
_GRIEVANCES: tuple[Cue, ...] = (
    _cue(rf"(?:(?:fed\s+up|sick|tired|sick\s+and\s+tired|had\s+enough)\s+(?:with|of)|(?:fuming|"
         rf"furious|disgusted|appalled|livid|frustrated|raging|seething|angry|cross)\s+(?:with|at|by))\s+"
         rf"(?:how\s+|the\s+way\s+)?{_TARGET}(?!['’]?s?\s+(?:being|getting)\s+(?:blamed|criticised|"
         r"attacked|abused|the\s+blame))",
         "fed sick tired enough fuming furious disgusted appalled livid frustrated raging seething "
         "angry cross"),
    _cue(rf"(?:fuming|furious|disgusted|appalled|livid|raging|seething|angry|incensed)\s+"
         rf"(?:that|because|how|the\s+way)\s+{_TARGET}",
         "fuming furious disgusted appalled livid raging seething angry incensed"),
    _cue(rf"(?:bullied|harassed|undermined|mistreated|belittled|humiliated|victimised|ignored|"
         rf"patronised|sidelined|blanked|singled\s+out|picked\s+on|talked\s+down\s+to|excluded)\s+"
         rf"(?:again\s+)?(?:at\s+work\s+)?by\s+{_TARGET}",
         "bullied harassed undermined mistreated belittled humiliated victimised ignored patronised "
         "sidelined blanked singled picked talked excluded"),
    _cue(rf"(?:working|to\s+work)\s+(?:for|at|with)\s+{_TARGET}\s+is\s+(?:a\s+)?(?:nightmare|hell|"
         r"awful|miserable|toxic|unbearable|impossible)\b",
         "working work", "nightmare hell awful miserable toxic unbearable impossible"),
    _cue(rf"toxic\s+(?:workplace|culture|environment|atmosphere)\s+(?:at|in)\s+{_TARGET}", "toxic"),
    # "embarrassed to work for a council whose clerk …"
    _cue(r"(?:embarrassed|ashamed|mortified)\s+to\s+(?:work\s+(?:for|at|with)|be\s+(?:part\s+of|"
         r"associated\s+with|a\s+member\s+of|on|a\s+councillor\s+(?:on|for|at)|working\s+for)|"
         r"serve\s+(?:on|with)|sit\s+on|say\s+i\s+work\s+for)\s+(?:a|the|this|our)\s+(?:[a-z]+\s+)?"
         r"(?:(?:town|parish|city)\s+)?(?:council|committee)\b",
         "embarrassed ashamed mortified"),
    _cue(rf"(?:embarrassed|ashamed)\s+(?:by|of)\s+{_TARGET}", "embarrassed ashamed"),
    # "this is how the office treats councillors who ask questions"
    _cue(rf"(?:this|that)(?:\s+is|['’]s|\s+was)\s+(?:exactly\s+|just\s+)?how\s+{_TARGET}\s+"
         r"(?:treats?|treated|deals?\s+with|dealt\s+with)\b", "how", "treat treats treated deal deals dealt"),
    # "still waiting for the council to pay my overtime"
    _cue(rf"still\s+(?:waiting|chasing)\s+(?:for\s+|on\s+)?{_TARGET}\s+to\s+(?:pay|reimburse|refund|"
         r"reply|respond|answer|get\s+back|acknowledge|apologise|apologize)\b", "still", "waiting chasing"),
    # "another four-hour council meeting where nothing got decided"
    _cue(r"(?:another|yet\s+another)\s+(?:[a-z0-9-]+\s+){0,3}?meeting\b[^.!?\n]{0,60}?nothing\s+"
         rf"(?:ever\s+|actually\s+|useful\s+|much\s+)?{_MEETING_STOP}",
         "another", "nothing", accept=_about_council),
    _cue(r"meetings?\s+(?:where|in\s+which|at\s+which|and)\s+nothing\s+(?:ever\s+|actually\s+|useful\s+)?"
         rf"{_MEETING_STOP}", "meeting meetings", "nothing", accept=_about_council),
    _cue(rf"nothing\s+(?:ever\s+)?(?:gets|got)\s+(?:done|decided)\s+(?:at|in|on|by)\s+{_TARGET}",
         "nothing", "gets got"),
    _cue(r"(?:wasted|waste\s+of)\s+(?:an?\s+|another\s+)?(?:whole\s+)?(?:evening|night|day|"
         r"[a-z0-9-]+\s+hours?|hours?|time)\s+(?:at|in|on|sitting\s+through)\s+(?:the|a|another|"
         r"tonight['’]s|last\s+night['’]s)\s+(?:[a-z]+\s+)?(?:council\s+|committee\s+)?meeting\b",
         "wasted waste", "meeting", accept=_about_council),
    # "Colleagues at the council office: stop …"
    _cue(rf"(?:colleagues|councillors|cllrs|members|staff|people|whoever)\s+(?:at|in|from|on)\s+{_TARGET}"
         r"\s*[:,\-–—]\s*(?:please\s+)?(?:stop|quit|can\s+you\s+(?:please\s+)?stop|learn\s+to|grow\s+up|"
         r"do\s+your\s+jobs?|try\s+reading|read\s+the)\b",
         "stop quit learn grow do try read", "colleagues councillors cllrs members staff people whoever"),
    # "To whoever in the office keeps taking my parking space …"
    _cue(rf"(?:(?:the\s+|my\s+)?(?:colleague|person|councillor|member)\s+(?:at|in|from|on)\s+{_TARGET}"
         rf"\s+who|whoever\s+(?:at|in|from|on)\s+{_TARGET}(?:\s+who)?)\s+keeps?\s+(?:taking|leaving|"
         r"moving|nicking|stealing|ignoring|using|eating|changing|parking|cancelling|interrupting|"
         r"forgetting|booking)\b", "keeps keep", "whoever colleague person councillor member"),
    _cue(rf"(?:unprofessional|incompetent|useless|disrespectful|rude)\s+(?:of\s+|is\s+|was\s+)?{_TARGET}",
         "unprofessional incompetent useless disrespectful rude", "how so utterly totally completely",
         back="(?:how|so|utterly|totally|completely)"),
    _cue(r"(?:put|putting|raised?|raising|lodged?|lodging|filed?|filing|made|making|submit(?:ted)?|"
         r"submitting|bring(?:ing)?|brought|taking\s+out|took\s+out)\s+(?:in\s+)?(?:a\s+|an\s+|my\s+)?"
         r"(?:formal\s+|official\s+)?grievance\b", "grievance"),
    _cue(rf"(?:grievance|complaint)\s+(?:in\s+)?(?:against|about)\s+{_TARGET}", "grievance complaint",
         "against about"),
    _cue(r"my\s+(?:formal\s+)?grievance\b", "grievance"),
)


# "Who says the council is useless?", "if the clerk doesn't reply, ring the office": someone
# else's claim, or a condition, is not the writer's own complaint.
_REPORTED = re.compile(
    r"\b(?:who\s+(?:says|said|thinks|claims)|people\s+(?:say|think|claim)|some\s+say|they\s+say|"
    r"not\s+true\s+that|myth\s+that|claims?\s+that|if|unless|in\s+case)\b"
)
_NAME_AFTER = re.compile(r"\.?\s+[a-z][a-z'’-]*")


def _occurrences(folded: str, word: str) -> Iterator[int]:
    """Where ``word`` stands as a whole word in ``folded`` (a possessive "'s" may follow)."""
    at = folded.find(word)
    while at >= 0:
        end = at + len(word)
        if _starts_word(folded, at) and (end == len(folded) or not folded[end].isalnum()):
            yield end
        at = folded.find(word, end)


@lru_cache(maxsize=1024)
def _folded_name(name: str) -> str:
    return fold(name).text.strip()


def _target_complaints(folded: str, words: frozenset[str],
                       councillors: tuple[str, ...]) -> Iterator[tuple[int, int, str]]:
    """ "the clerk … never listens": a complaint that follows a named part of the council.
    The complaint is tried first (it rarely matches), the words before the noun after."""
    for noun in _TARGET_WORDS.intersection(words):
        if noun == "meeting" and _COUNCIL_WORDS.isdisjoint(words):
            continue  # "the meeting was a shambles" is the council's only in a council post
        for end in _occurrences(folded, noun):
            noun_start = end - len(noun)
            if noun in _NAMED:  # "Cllr Jones"
                name = _NAME_AFTER.match(folded, end)
                if name is None:
                    continue
                end = name.end()
            elif folded.startswith(("'s", "’s"), end):
                end += 2
            elif noun == "council" and _NOT_THE_COUNCIL.match(folded, end):
                continue
            complaint_end = _complaint_after(folded, end)
            if complaint_end < 0:
                continue
            if noun in _NAMED:
                yield noun_start, complaint_end, ""
                continue
            before = _DETERMINER_BEFORE.search(folded, max(0, noun_start - 45), noun_start)
            if before is not None:
                yield before.start(), complaint_end, ""
    # the council's own councillors, by full name: "Jane Smith talked over me again" (a
    # surname alone may be an ordinary word)
    for person in councillors:
        key = _folded_name(person)
        if len(key) < 5 or " " not in key or key.rsplit(" ", 1)[1] not in words:
            continue
        for end in _occurrences(folded, key):
            complaint_end = _complaint_after(folded, end)
            if complaint_end >= 0:
                yield end - len(key), complaint_end, ""


@register
class ComplaintAboutCouncil(Rule):
    """Complaint or grievance about the council, its councillors or staff: "the clerk never
    listens", "my manager has dumped the budget on me again", "Cllr Jones talked over me
    again", "another four-hour council meeting where nothing got decided", "the town council
    wasted thousands on consultants", "fuming that the council turned down my request",
    "I've lodged a complaint about the committee chair", "I've put in a grievance".

    **Why it matters:** Ludgershall §7: "Do not use personal social media to raise or discuss
    a complaint or grievance about the council, Cllrs or Staff. If you have a complaint, you
    should use the council's formal grievance procedures." Loughton §5 adds: "If you criticise
    work or colleagues, think about who might see it and how it might be perceived." Praise,
    neutral reports ("I went to the council meeting tonight; we agreed the budget"), a
    councillor explaining how they voted, their own view on an issue ("I think the car park
    should stay free"), and complaints about someone else (the county's roads, the trains) are
    not complaints about the council and stay clear.

    **Avoid:** "Fed up with the clerk ignoring my emails AGAIN. This council treats its staff
    appallingly."

    **Write instead:** nothing on social media: raise it through the council's grievance or
    complaints procedure.
    """

    code = "AC002"
    title = "Complaint or grievance about the council"

    def find(self, post: Post) -> Iterator[Hit]:
        folded = post.folded.text
        words = word_set(post)
        found = [span for cue in _GRIEVANCES if cue.ready(words) for span in cue.spans(folded, words)]
        if (not _TARGET_WORDS.isdisjoint(words) or post.context.councillors) and _may_complain(
                words, folded):
            found += _target_complaints(folded, words, post.context.councillors)
        found = [span for span in found if not _REPORTED.search(_clause_before(folded, span[0]))]
        for first, last, _ in _apart(found):
            start, end = post.span_of(first, last)
            yield Hit(start, end,
                      "This reads as a complaint or grievance about the council, its councillors "
                      "or staff; raise it through the council's formal complaints or grievance "
                      "procedure, not on social media.",
                      Fix("Take it out of the post and raise it through the formal procedure."))
