"""AC001 council business on a personal account."""

from __future__ import annotations

import re
from collections.abc import Iterator

from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_terms
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.account.cues import (
    _APOS,
    _OBJECT_WORDS,
    _OBJECTS,
    _OTHER_AUTHORITY,
    Cue,
    _about_council,
    _apart,
    _clause_before,
    _cue,
    _is_question,
    _sentence_of,
    _starts_word,
    _with_plurals,
    _words,
)
from civicpost.engine.rules.style import word_set

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
