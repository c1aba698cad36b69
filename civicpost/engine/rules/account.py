"""AC account and authorship: the right account for the right words.

Loughton §4: "You must never use your personal social media account to undertake business on
behalf of LTC"; §5 (personal accounts): do not give "the impression that you are speaking for
the authority, or stating council policy". Ludgershall §7: "Do not use personal social media to
raise or discuss a complaint or grievance about the council, Cllrs or Staff."

These rules detect the words; the policy pack decides that they matter on a personal account
(and, for AC001, that sharing the council's own post from a personal account is fine).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_terms
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.style import word_set
from civicpost.engine.text import fold

# Speed: a regex that begins with \b, a look-behind or an optional group is tried at every
# position of the text (tens of microseconds each). So every pattern here is gated by a set
# test on the post's words and, where it can be, begins with a plain word ("council …",
# "we …") and extends its span backwards afterwards.


def _words(terms: str) -> frozenset[str]:
    return frozenset(terms.split())


def _alternation(terms: Iterable[str], plural: bool = False) -> str:
    """A regex alternation of lexicon terms, longest first, optionally with plurals."""
    ordered = sorted(set(terms), key=len, reverse=True)
    body = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in ordered)
    return f"(?:{body})(?:e?s)?" if plural else f"(?:{body})"


def _with_plurals(terms: Iterable[str]) -> frozenset[str]:
    found = set()
    for term in terms:
        found |= {term, term + "s", term + "es"}
    return frozenset(found)


_APOS = "['’]"
_SERVICE_OBJECTS = load_terms("ac_service_objects")
_OBJECTS = _alternation(_SERVICE_OBJECTS, plural=True)
_OBJECT_WORDS = _with_plurals(_SERVICE_OBJECTS) | _words("hall hire")
_SENTENCE_STOP = frozenset(".!?\n")
_LOOK_BACK = 60
# "the", "our town", "Loughton Town" before "council"
_COUNCIL_BEFORE = re.compile(
    r"(?:(?:the|our|this|your)\s+)?(?:[a-z]+\s+)?(?:(?:town|parish|district|county|city|borough|"
    r"community)\s+)?$"
)
# Words that place a post in the council's world: a meeting, market or "bookings are open"
# is the council's business only when the post is about the council.
_COUNCIL_WORDS = _words(
    "council councils councillor councillors cllr cllrs committee parish town mayor clerk ltc "
    "rfo councils'"
)
# Another authority's business is not this council's ("the County Council has decided…").
_OTHER_AUTHORITY = re.compile(r"\b(?:county|district|borough|unitary)\s+council\b")


_STOP = re.compile(r"[.!?\n]")


def _sentence_start(folded: str, start: int, reach: int) -> int:
    """Where the sentence holding ``start`` begins, looking back at most ``reach`` characters."""
    first = max(0, start - reach)
    return max(first, *(folded.rfind(stop, first, start) + 1 for stop in _SENTENCE_STOP))


def _clause_before(folded: str, start: int) -> str:
    """The words before ``start`` in its sentence (at most 60 characters)."""
    return folded[_sentence_start(folded, start, _LOOK_BACK):start]


def _sentence_of(folded: str, start: int, end: int) -> str:
    """The sentence around ``start:end`` (at most 300 characters either side)."""
    stop = _STOP.search(folded, end, end + 300)
    last = stop.start() if stop else min(len(folded), end + 300)
    return folded[_sentence_start(folded, start, 300):last]


def _is_question(folded: str, end: int) -> bool:
    """Whether the sentence that holds ``end`` ends with a question mark."""
    stop = _STOP.search(folded, end, end + 300)
    return stop is not None and stop.group() == "?"


def _starts_word(folded: str, index: int) -> bool:
    return index == 0 or not (folded[index - 1].isalnum() or folded[index - 1] in "'’")


def _council_start(folded: str, index: int) -> int:
    """Where the name of the council that ends at ``index`` ("council …") starts."""
    before = _COUNCIL_BEFORE.search(folded, max(0, index - 40), index)
    return before.start() if before else index


_BACK_REACH = 80
# A second test of a match: (folded text, start, end, the post's words) -> keep it?
Accept = Callable[[str, int, int, frozenset[str]], bool]


@dataclass(frozen=True)
class Cue:
    """A pattern, tried only when the post has at least one word of each group in ``needs``.
    ``council_first``: the pattern starts at "council" and its span is extended back over
    "the town". ``back``: words that must come just before the match ("reminder" before "from
    the council"), so that the pattern itself can start at a plain word and stay fast; the
    span is extended over them. ``hedged``: a question, a condition or the writer's own
    reaction before it clears it (AC001). ``accept``: a further test of each match."""

    pattern: re.Pattern[str]
    needs: tuple[frozenset[str], ...]
    why: str = ""
    council_first: bool = False
    hedged: bool = True
    accept: Accept | None = None
    back: re.Pattern[str] | None = None

    def ready(self, words: frozenset[str]) -> bool:
        for group in self.needs:
            if group.isdisjoint(words):
                return False
        return True

    def spans(self, folded: str, words: frozenset[str] = frozenset()) -> Iterator[tuple[int, int, str]]:
        for match in self.pattern.finditer(folded):
            if not _starts_word(folded, match.start()):
                continue
            start = match.start()
            if self.back is not None:
                lead = self.back.search(folded, max(0, start - _BACK_REACH), start)
                if lead is None or not _starts_word(folded, lead.start()):
                    continue
                start = lead.start()
            if self.accept is not None and not self.accept(folded, start, match.end(), words):
                continue
            if self.council_first:
                start = _council_start(folded, start)
            yield start, match.end(), self.why


def _cue(pattern: str, *needs: str, why: str = "", council_first: bool = False,
         hedged: bool = True, accept: Accept | None = None, back: str | None = None) -> Cue:
    return Cue(re.compile(pattern), tuple(_words(n) for n in needs), why, council_first, hedged,
               accept, None if back is None else re.compile(back + r"\s+$"))


def _apart(spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Spans in order, overlapping ones joined: one finding for one stretch of text."""
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if kept and span[0] < kept[-1][1]:
            first, last, why = kept[-1]
            kept[-1] = (first, max(last, span[1]), why)
            continue
        kept.append(span)
    return kept


def _about_council(folded: str, start: int, end: int, words: frozenset[str]) -> bool:
    """The post is about the council (a council word anywhere in it)."""
    return not _COUNCIL_WORDS.isdisjoint(words)


# ---------------------------------------------------------------------------- AC001

# Words before "the council has decided …" that make it a question, a condition, the
# writer's own reaction or a report of what happened ("I laid a wreath on behalf of the
# council"), not an announcement or business done.
_HEDGE = re.compile(
    r"\b(?:if|whether|why|unless|once|until|when|how|hope|hopefully|think|believe|wonder|wish|"
    r"hear|heard|rumou?r|apparently|pleased|glad|disappointed|sad|shocked|surprised|proud|"
    r"shame|sorry|angry|upset|question|asked?|asking|disagree|agree|wrong|right|attended|laid|"
    r"went|was|were|represented|spoke|invited|received|collected|accepted|joined|visited|"
    r"honoured|got|had|fuming|furious|livid|gutted|annoyed|frustrated|disgusted|appalled|outraged|"
    r"ridiculous|unbelievable|typical|shocking|disgrace)\b"
)
# "I'm not speaking for the council", "I can't speak on behalf of the council"
_NEGATED = re.compile(r"(?:\bnot|\bnever|\bcannot|n['’]t)\s+(?:[a-z'’]+\s+){0,2}$")

_SEND_VERBS = "email e-mail send message dm pm text post forward give hand drop bring return submit pass pay"
_APPROVAL_VERBS = ("approve approved accept accepted process processed confirm confirmed authorise "
                   "authorised authorize authorized grant granted refuse refused reject rejected booked "
                   "allocate allocated renew renewed issue issued cancel cancelled refund refunded sign "
                   "signed")
_OBJECT_GROUP = " ".join(sorted(_OBJECT_WORDS))
_SERVICE_TERMS = load_terms("ac_council_services")
_SERVICE_WORDS = _with_plurals(t for t in _SERVICE_TERMS if " " not in t)
_SERVICE_PHRASES = tuple(t for t in _SERVICE_TERMS if " " in t)
_LETTERS = re.compile(r"[a-z][a-z'’-]*")
_ELECTION = re.compile(r"\b(?:elections?|candidates?|ballot|polling|vote)\b")
# a heading: "Reminder from the council:" or "Official update from the Town Council – …"
_LABEL_AFTER = re.compile(r"\s*(?:office|team)?\s*[:\-–—]")


def _heading(folded: str, start: int, end: int, words: frozenset[str]) -> bool:
    """The match opens its sentence or is followed by a colon or a dash."""
    opens = not any(char.isalnum() for char in _clause_before(folded, start))
    return opens or _LABEL_AFTER.match(folded, end) is not None


def _service_offered(folded: str, start: int, end: int, words: frozenset[str]) -> bool:
    """ "Bookings are now open …" about something the council runs, not an election."""
    sentence = _sentence_of(folded, start, end)
    about = (not _SERVICE_WORDS.isdisjoint(_LETTERS.findall(sentence))
             or any(phrase in sentence for phrase in _SERVICE_PHRASES))
    return about and _ELECTION.search(sentence) is None


# Whose meeting or show it is, when it is not the council's: "the theatre group's show",
# "my GP surgery", "the school fair".
_OTHER_OWNERS = _words(
    "my his her their gp doctor's dentist's dental school school's church church's club club's "
    "pta scout scouts guides brownies group group's society society's theatre theatre's theater "
    "theater's rotary lions wi u3a association association's trust trust's charity charity's "
    "company company's pub pub's band band's choir choir's tv radio"
)


def _council_event(folded: str, start: int, end: int, words: frozenset[str]) -> bool:
    """A meeting or event cancelled in a post about the council, not "my GP surgery" or
    "the theatre group's show"."""
    before = _clause_before(folded, start).replace("’", "'").split()[-4:]
    return _about_council(folded, start, end, words) and _OTHER_OWNERS.isdisjoint(before)


_EVENTS = (r"(?:full\s+council|meeting|committee|market|fair|fete|fireworks|display|parade|festival|"
           r"carnival|event|litter\s+pick|surgery|consultation|show|concert|switch[-\s]on|lights)s?")
_CALLED_OFF = (r"(?:cancelled|canceled|postponed|called\s+off|rescheduled|suspended|moved\s+(?:to|from)|"
               r"brought\s+forward)")

# "message me … and I'll book you in": the writer takes on the council's service themselves.
_I_WILL = (r"i(?:['’]ll|\s+will|\s+can|['’]d\s+be\s+happy\s+to|\s+am\s+happy\s+to|['’]m\s+happy\s+to|"
           r"['’]ve|\s+have)\s+(?:then\s+|gladly\s+|personally\s+|just\s+|now\s+|already\s+)?")
_TEAMS = (r"(?:the|our|my)\s+(?:(?:grounds(?:\s+maintenance)?|maintenance|works|outdoors?|parks|"
          r"street\s+scene|caretaking|cleansing|estates|office|admin)\s+(?:team|staff|crew|lads|guys)|"
          r"caretaker|groundsman|groundsmen|handyman|contractors?)")
# Transactions that are council business wherever they appear on a personal account.
_DO_ALWAYS = (
    r"book(?:ed)?\s+(?:you|you\s+both|your\s+[a-z]+)\s+in\b"
    r"|pencil(?:led)?\s+you\s+in\b"
    r"|get\s+you\s+booked\s+in\b"
    r"|put\s+(?:you|your\s+[a-z]+)\s+(?:in|into)\s+(?:the|my)\s+(?:diary|bookings?\s+"
    r"(?:book|diary)|calendar|system)\b"
    r"|put\s+(?:you|your\s+name)\s+(?:down\s+)?(?:for\s+(?:a|an|the)\s+(?:plot|allotment|stall|pitch|"
    r"slot)|on\s+the\s+(?:waiting\s+)?list)\b"
    r"|add(?:ed)?\s+(?:you|your\s+name)\s+to\s+the\s+(?:waiting\s+)?list\b"
    r"|(?:sort(?:ed)?|arranged?|process(?:ed)?|organi[sz]ed?|issued?)\s+(?:out\s+)?(?:a|an|the|your)\s+"
    r"(?:full\s+|partial\s+)?refund\b"
    r"|refund(?:ed)?\s+(?:you|your)\b"
    rf"|get\s+{_TEAMS}\s+to\b"
    r"|send\s+(?:you|them)\s+(?:a|an|the)\s+(?:booking\s+form|application\s+form|form|invoice|permit|"
    r"licence|receipt|key\s+code|keys?)\b"
)
# Weaker ones, business only after "message me / ring me …".
_DO_AFTER_CONTACT = (
    r"(?:book|pencil)\s+(?:them|it|that|those|these)\s+in\b"
    r"|put\s+(?:them|it|that|those|these)\s+(?:in|into)\s+(?:the|my)\s+(?:diary|calendar|system)\b"
    r"|log(?:ged)?\s+(?:it|them|this|that|these|those|your\s+[a-z]+|the\s+[a-z]+)\b"
    r"|confirm\s+(?:them|(?:your|the)\s+(?:booking|bookings|date|dates|slot|plot|stall|pitch|hire))\b"
    r"|reserve\s+(?:you\s+|it\s+for\s+you\s+)?(?:a|an|the|your)\s+(?:plot|stall|pitch|slot|room|hall|"
    r"date)\b"
    r"|arrange\s+(?:a|the|for\s+(?:a|the))\s+(?:collection|refund|repair|key|invoice)\b"
    r"|(?:get|have)\s+(?:it|them|this|that|those)\s+(?:fixed|cleared|removed|repaired|collected|emptied|"
    r"cleaned|cut\s+back|strimmed|replaced)\b"
    r"|process\s+(?:it|them|your)\b"
)
_CONTACT_VERBS = _words(
    "message dm pm email e-mail text ring call phone inbox whatsapp contact send give drop tell let"
)
_CONTACT_WORDS = _words("me touch")
_DO_NEAR = re.compile(rf"{_I_WILL}(?:{_DO_ALWAYS}|{_DO_AFTER_CONTACT})")
_DO_WORDS = _words("i i'll i've")
_CONTACT_REACH = 160  # "message me your dates and the number of guests and I'll …"

_BUSINESS: tuple[Cue, ...] = (
    _cue(r"on\s+behalf\s+of\s+(?:(?!at\b|to\b|in\b|on\b|about\b|with\b|for\b|from\b|by\b|"
         r"against\b|and\b|residents\b)[a-z'’-]+\s+){0,3}?council\b",
         "behalf", why="speaks on behalf of the council"),
    _cue(r"speak(?:ing|s)?\s+(?:for|on\s+behalf\s+of)\s+(?:the\s+|your\s+|our\s+)?(?:[a-z]+\s+){0,2}?"
         r"council\b(?!\s+(?:meeting|chamber))",
         "speaking speak speaks", "council", why="speaks for the council"),
    _cue(r"(?:council|committee)\s+(?:has|have)\s+(?:now\s+|today\s+|tonight\s+|formally\s+|"
         r"unanimously\s+|also\s+|just\s+|sadly\s+|reluctantly\s+)?(?:decided|agreed|approved|resolved|"
         r"voted|awarded|appointed|adopted|confirmed|announced|granted|refused|allocated|launched|"
         r"cancelled|postponed|suspended|closed|scrapped|withdrawn|introduced|increased|reduced|set|"
         r"extended|commissioned|purchased|bought|secured)\b",
         "council committee", "has have", why="announces a decision of the council", council_first=True),
    _cue(r"council\s+(?:is|are)\s+(?:pleased|delighted|proud|happy|sorry|sad)\s+to\s+"
         r"(?:announce|confirm|share|report|welcome|say|inform)\b",
         "council", "pleased delighted proud happy sorry sad",
         why="makes an announcement in the council's name", council_first=True),
    _cue(r"it\s+(?:was|has\s+been)\s+(?:unanimously\s+)?resolved\b", "resolved",
         why="is an official council notice"),
    _cue(r"notice\s+is\s+hereby\s+given\b", "hereby", why="is an official council notice"),
    _cue(r"official\s+(?:council\s+)?(?:notice|announcement|statement)\b", "official",
         why="is an official council notice"),
    _cue(r"^\s*(?:public\s+notice|press\s+release)\b", "notice release",
         why="is an official council notice"),
    # "Official update from the Town Council:", "Reminder from the council – bins …"
    _cue(r"from\s+(?:the\s+|your\s+|our\s+)?(?:[a-z]+\s+){0,2}?council\b"
         r"(?!['’]s|\s*(?:meeting|tax|chamber|elections?)\b)",
         "from", "council", "update updates reminder message notice announcement news statement bulletin",
         why="is presented as a message from the council", accept=_heading,
         back=r"(?:(?:official|important|urgent|quick|friendly|latest|weekly|monthly)\s+)?(?:update|"
              r"reminder|message|notice|announcement|news|statement|bulletin)"),
    _cue(r"council\s+(?:update|reminder|notice|announcement|statement|news|bulletin)\s*[:\-–—]",
         "council", "update reminder notice announcement statement news bulletin",
         why="is presented as a message from the council", council_first=True),
    _cue(rf"council(?:{_APOS}s)?\s+(?:office|offices|reception)\s+(?:is|are|will\s+be)\s+"
         r"(?:closed|open|closing|opening)\b",
         "council", "office offices reception", why="announces the council office's opening",
         council_first=True),
    _cue(r"our\s+(?:office|offices)\s+(?:is|are|will\s+be)\s+(?:closed|open|closing|opening)\b",
         "our", "office offices", why="announces the council office's opening"),
    _cue(r"our\s+(?:bin|waste|refuse|recycling|garden\s+waste|green\s+waste|food\s+waste)\s+"
         r"collections?\s+(?:will|resumes?|restarts?|moves?|changes?|is\s+moving|are\s+moving|"
         r"is\s+changing|are\s+changing)\b",
         "our", "collection collections", why="announces a council service as the council"),
    # "Bookings are now open for the Christmas market", "applications close on Friday"
    _cue(r"(?:bookings?|applications?|nominations?|entries|registrations?)\s+(?:for\s+[^.!?\n]{1,60}?\s+)?"
         r"(?:(?:are|is)\s+(?:now\s+)?(?:officially\s+)?open\b|(?:close|closes|closing)\s+(?:on|at|"
         r"today|tomorrow|this|next|\d))",
         "bookings booking applications application nominations entries registration registrations",
         "open close closes closing", why="announces a council service", accept=_service_offered),
    _cue(r"(?:taking|accepting|open\s+for)\s+(?:bookings|applications|nominations|entries)\b",
         "bookings applications nominations entries", "taking accepting open",
         why="announces a council service", accept=_service_offered),
    # "Tonight's Planning Committee meeting is cancelled", "we've had to postpone the fireworks"
    _cue(rf"{_EVENTS}\s+(?:(?!i\b|my\b|we\b|you\b|your\b|they\b|was\b|were\b)[a-z0-9'’]+\s+){{0,4}}?"
         r"(?:has|have|is|are|will)\s+(?:now\s+|sadly\s+|unfortunately\s+|also\s+|had\s+to\s+be\s+)?"
         rf"(?:been\s+|be\s+)?(?:now\s+)?{_CALLED_OFF}\b",
         "cancelled canceled postponed called rescheduled suspended moved brought",
         why="announces the council's arrangements", accept=_council_event),
    _cue(r"we(?:['’]ve|\s+have|\s+are|['’]re)\s+(?:sadly\s+|reluctantly\s+)?(?:had\s+to\s+|decided\s+to\s+|"
         r"having\s+to\s+|going\s+to\s+)?(?:cancel(?:led|ling)?|postpon(?:e|ed|ing)|call(?:ed|ing)?\s+off|"
         r"reschedul(?:e|ed|ing))\s+(?:the|this|tonight['’]s|tomorrow['’]s|next\s+week['’]s|our|this\s+"
         rf"year['’]s|[a-z]+day['’]s)\s+(?:[a-z'’-]+\s+){{0,3}}?{_EVENTS}\b",
         "we", "cancel cancelled cancelling postpone postponed postponing call called calling "
         "reschedule rescheduled rescheduling", why="announces the council's arrangements",
         accept=_council_event),
    # "email your application to me", "email me your application"
    _cue(r"(?:to|with)\s+me\b", "me", _SEND_VERBS, _OBJECT_GROUP, hedged=False,
         why="asks for council business to be sent to the writer personally",
         back=r"(?:email|e-mail|send|message|dm|pm|text|post|forward|give|hand|drop|bring|return|submit|"
              r"pass)\s+(?:your\s+|the\s+|all\s+|any\s+|completed\s+|signed\s+)*(?:[a-z]+\s+)?"
              rf"{_OBJECTS}(?:\s+(?:directly|straight|privately))?"),
    _cue(rf"me\s+(?:your\s+|the\s+|a\s+|an\s+|all\s+|any\s+)?(?:[a-z]+\s+)?{_OBJECTS}\b",
         "me", _SEND_VERBS, _OBJECT_GROUP, hedged=False,
         why="asks for council business to be sent to the writer personally",
         back="(?:email|e-mail|send|message|dm|pm|text|give|pay|bring)"),
    _cue(r"pay\s+(?:me|it\s+to\s+me)\s+(?:directly|direct|in\s+cash|by\s+bank\s+transfer)\b",
         "pay", "me", hedged=False, why="asks for council payments to go to the writer personally"),
    _cue(r"(?:pay|paid|payment|payments|transfer)\s+(?:it\s+|(?:the|your)\s+(?:[a-z]+\s+){0,2})?"
         r"into\s+my\s+(?:personal\s+|own\s+)?(?:bank\s+)?account\b",
         "account", "my", hedged=False, why="asks for council payments to go to the writer personally"),
    _cue(rf"i(?:{_APOS}ve|\s+have|{_APOS}ll|\s+will|\s+can|\s+have\s+now|\s+am)?\s+(?:now\s+|just\s+|"
         r"already\s+|happy\s+to\s+)?(?:approved?|accept(?:ed)?|process(?:ed)?|confirm(?:ed)?|"
         r"authori[sz]ed?|grant(?:ed)?|refused?|reject(?:ed)?|booked|allocated?|renew(?:ed)?|"
         r"issued?|cancel(?:led)?|refund(?:ed)?|sign(?:ed)?\s+off)\s+(?:your|the|their|his|her|"
         rf"this)\s+(?:[a-z]+\s+)?{_OBJECTS}\b",
         "i", _APPROVAL_VERBS, _OBJECT_GROUP, hedged=False,
         why="deals with council business from the writer's own account"),
    # "I've logged your complaint", "I'll log your report with the office"
    _cue(rf"i(?:{_APOS}ve|\s+have|{_APOS}ll|\s+will)\s+(?:now\s+|just\s+|already\s+)?log(?:ged)?\s+"
         rf"(?:your|their|his|her|this)\s+(?:[a-z]+\s+)?{_OBJECTS}\b"
         r"(?!\s+(?:with|to)\s+(?!the\s+(?:office|council|town\s+council|parish\s+council)\b))",
         "i", "log logged", _OBJECT_GROUP, hedged=False,
         why="deals with council business from the writer's own account"),
    _cue(rf"{_I_WILL}(?:{_DO_ALWAYS})", "i i'll i've", "book booked pencil pencilled booked put add added "
         "sort sorted arrange arranged process processed organise organised organize organized issue "
         "issued refund refunded get send", hedged=False,
         why="deals with council business from the writer's own account"),
    _cue(r"(?:through|via|to|with)\s+me\b(?!\s+(?:and|or)\b)",
         "me", _OBJECT_GROUP, hedged=False,
         why="asks for council business to go through the writer personally",
         back=rf"{_OBJECTS}(?:\s+(?:can\s+be\s+made|should\s+be\s+sent|should\s+go|are|is))?"
              r"(?:\s+directly)?"),
    _cue(r"me\s+(?:directly\s+|privately\s+)?(?:on\s+(?:here|[0-9][0-9 ]{5,15}[0-9])\s+)?"
         r"(?:to|for|about)\s+(?:book|hire|reserve|apply|pay|renew|a\s+booking|bookings|"
         r"an\s+application|applications|payment|availability|(?:a|the)\s+(?:booking|application)\s+form|"
         r"(?:hall|room|pitch|plot|allotment|stall)\s+(?:hire|bookings?|availability)|"
         r"your\s+(?:booking|application|payment|allotment|plot|licence|permit))\b",
         "me", "book hire reserve apply pay renew booking bookings application applications payment "
         "availability form your", hedged=False,
         why="takes council bookings or applications on the writer's own account",
         back="(?:contact|message|dm|pm|email|e-mail|text|call|ring|phone|inbox|whatsapp)"),
)


def _contact_then_service(folded: str) -> Iterator[tuple[int, int, str]]:
    """ "Message me your dates and I'll book you in": a request to contact the writer
    followed, within a sentence or two, by the writer doing the council's service."""
    for start, end in _contacts(folded):
        service = _DO_NEAR.search(folded, end, end + _CONTACT_REACH)
        if service is not None and _starts_word(folded, service.start()):
            yield start, service.end(), "handles a council service through the writer personally"


def _contacts(folded: str) -> Iterator[tuple[int, int]]:
    """ "message me", "ring me", "get in touch": found by plain string search (fast)."""
    at = folded.find("me")
    while at >= 0:
        end = at + 2
        if _starts_word(folded, at) and (end == len(folded) or not folded[end].isalnum()):
            before = folded[max(0, at - 14):at]
            stripped = before.rstrip()
            verb = stripped.rsplit(None, 1)[-1] if stripped != before and stripped else ""
            verb_start = at - (len(before) - len(stripped)) - len(verb)
            if verb in _CONTACT_VERBS and _starts_word(folded, verb_start):
                yield verb_start, end
        at = folded.find("me", end)
    at = folded.find("get in touch")
    while at >= 0:
        yield at, at + 12
        at = folded.find("get in touch", at + 12)


def _business_spans(post: Post) -> list[tuple[int, int, str]]:
    folded = post.folded.text
    words = word_set(post)
    found = []
    for cue in _BUSINESS:
        if not cue.ready(words):
            continue
        for first, last, why in cue.spans(folded, words):
            before = _clause_before(folded, first)
            if _NEGATED.search(before) or _is_question(folded, last):
                continue
            if _OTHER_AUTHORITY.search(folded, first, last):
                continue
            # the words before the match, and its own first word ("when council has…")
            lead = folded[first:last]
            lead = lead[:max(0, lead.find("council"))]
            if cue.hedged and _HEDGE.search(before + lead):
                continue
            found.append((first, last, why))
    if not _CONTACT_WORDS.isdisjoint(words) and not _DO_WORDS.isdisjoint(words):
        found += [span for span in _contact_then_service(folded)
                  if not _is_question(folded, span[1])]
    return _apart(found)


@register
class CouncilBusinessOnPersonalAccount(Rule):
    """Council business on a personal account: the text conducts or announces the council's
    business — a decision ("The council has decided…"), an official notice or a message
    headed as the council's ("Reminder from the council:", "Speaking for the council…",
    "on behalf of the Town Council"), a booking or a cancellation announced ("Bookings are
    now open for the Christmas market", "Tonight's Planning Committee is cancelled"), or a
    service handled personally ("email your application to me", "message me your dates and
    I'll book you in", "I'll sort a refund out for you", "pay the hire fee into my account").

    **Why it matters:** Loughton §4: "You must never use your personal social media account
    to undertake business on behalf of LTC." Business done on a personal account is outside
    the council's records, its data protection and its complaints procedure. The policy pack
    makes this count on personal accounts only; a councillor's own opinion ("I'm glad the
    council has approved the skate park"), "I went to the council meeting tonight", a
    question, and another authority's decisions ("the County Council has decided…") are not
    this council's business done here and stay clear. Sharing the council's own post from a
    personal account is not flagged by the packs (they switch the rule off for shares): the
    business is done on the council's account.

    **Avoid:** on a personal account: "Message me your dates and I'll book you in — just pay
    the hire fee into my account."

    **Write instead:** "Hall bookings are made with the Town Council office: 01632 960001 or
    bookings@towncouncil.example.gov.uk."
    """

    code = "AC001"
    title = "Council business on a personal account"

    def find(self, post: Post) -> Iterator[Hit]:
        for first, last, why in _business_spans(post):
            start, end = post.span_of(first, last)
            yield Hit(start, end,
                      f"This {why}; council business must be done through the council's "
                      "own accounts and channels, never a personal account.",
                      Fix("Post it from the council's account, or point people to the "
                          "council office instead of handling it yourself."))


# ---------------------------------------------------------------------------- AC002

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


# ---------------------------------------------------------------------------- AC003

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
