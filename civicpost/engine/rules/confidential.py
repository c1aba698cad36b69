"""CF confidential information: things a council knows that it must not post.

The council's policy forbids publishing anything confidential to the council: "information
about service users; information that is politically or commercially sensitive; any
information intended for internal use only (including matters concerning council services,
organisational change or related proposals)" (Ludgershall §5), and asks permission before
reporting meetings "meant to be private or internal" (Loughton §3). The Local Government Act
1972 Sch 12A lists what councils treat as exempt: information about individuals, anyone's
financial or business affairs, labour relations, and the like.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator

from civicpost.engine import names
from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_pairs, load_terms
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.text import fold

_ASK = "Ask the Town Clerk whether it has been published before you post it."
_RISK = "This risks the policy's rule on confidential information"
_NOT_PUBLIC = (f"{_RISK}: nothing confidential to the council, or meant for internal use only, may "
               "be published without permission.")


def _norm(phrase: str) -> str:
    """A phrase with its separators made uniform, to look up what a regex matched."""
    return re.sub(rf"[\s{names.DASHES}'’]+", " ", phrase).strip()


def _squeeze(phrase: str) -> str:
    """A phrase without spaces, dashes or apostrophes, to look up what a regex matched."""
    return re.sub(rf"[\s{names.DASHES}'’_]+", "", phrase)


def _spans(found: Iterable[tuple[int, int, str]]) -> list[tuple[int, int]]:
    return sorted((s, e) for s, e, _ in found)


def _near(post: Post, start: int, end: int, targets: list[names.Mention],
          before: int, after: int) -> names.Mention | None:
    """The closest target within ``before`` words before or ``after`` words after a span."""
    best: tuple[int, names.Mention] | None = None
    for target in targets:
        if target.end <= start:
            gap = names.words_between(post, target.end, start)
            if gap <= before and (best is None or gap < best[0]):
                best = (gap, target)
        elif target.start >= end:
            gap = names.words_between(post, end, target.start)
            if gap <= after and (best is None or gap < best[0]):
                best = (gap, target)
    return best[1] if best else None


def _targets_near(post: Post, start: int, end: int, kinds: tuple[str, ...]) -> list[names.Mention]:
    w_start, w_end = names.window(post, start, end, 200, 200)
    return names.mentions_in(post, (w_start, w_end), kinds)


# --- CF001 ------------------------------------------------------------------------------

_MARKERS = names.compile_terms("cf_markers")
_ORDINARY = names.compile_terms("cf_marker_ordinary")
_RESTRICTED_LABEL = re.compile(r"(?<![A-Za-z])(?:RESTRICTED(?![a-z])|[Rr]estricted\s*:)")
# The word "confidential" marks the text itself only in a few places (folded text):
_SELF_MARKED = re.compile(
    # a label at the start of the text or a line: "CONFIDENTIAL:", "Strictly confidential –"
    r"(?m:^[^a-z0-9\n]{0,3}(?:(?:strictly|highly|private\s+(?:and|&)|commercial\s+in)\s+)?"
    r"(?:confidential|commercially\s+sensitive)(?=\s*(?:[:\-–—!.)\]]|$))"
    r"|^[^a-z0-9\n]{0,3}internal(?:\s+only)?(?=\s*[:\-–—]))"
    # in brackets or stars: "(confidential)", "[Confidential]", "*confidential*"
    r"|[(\[*]\s*(?:strictly\s+)?confidential\s*[)\]*]"
    # the text says so of itself: "this is confidential", "the attached is strictly confidential"
    r"|(?<![a-z])(?:this|these|the\s+following|the\s+attached|what\s+follows|(?:everything\s+)?below|"
    r"all\s+of\s+this)(?:\s+(?:post|message|email|e-mail|note|notes|info|information|document|doc|"
    r"paper|papers|report|item|update|news|list|figures|details|minutes|draft|letter|memo|briefing|"
    r"thread|chat|conversation|bit|part|section|attachment))?\s+(?:is|are|remains?|must\s+(?:stay|remain|"
    r"be\s+kept)|should\s+(?:stay|remain|be\s+kept)|has\s+to\s+(?:stay|remain|be\s+kept))\s+"
    r"(?:(?:strictly|highly|still|all|completely|totally|absolutely|entirely)\s+)?(?:confidential|"
    r"commercially\s+sensitive)"
    # an instruction: "please keep this confidential", "treat it as confidential"
    r"|(?<![a-z])(?:keep|treat|hold)\s+(?:this|it|these|that|them|the\s+following|this\s+[a-z]+)\s+"
    r"(?:as\s+)?(?:strictly\s+)?confidential"
    # for now: "confidential until Friday", "still confidential", "confidential at this stage"
    r"|(?<![a-z])confidential(?:ly)?\s+(?:until|till|for\s+now|for\s+the\s+time\s+being|at\s+(?:this|"
    r"the)\s+(?:stage|moment|time|point)|at\s+present|pending)(?![a-z])"
    r"|(?<![a-z])(?:still|currently|for\s+now)\s+confidential(?![a-z])"
    # "Confidentially, the Clerk tells me ..."
    r"|(?m:(?:^|[.!?]\s+)\W{0,3}confidentially\s*,)")
_CAPITALS_LABEL = re.compile(r"(?<![A-Za-z])CONFIDENTIAL(?![A-Za-z])")
_MARKER_GATE = names.key_words("cf_markers") | {"restricted", "confidential", "confidentially",
                                                 "sensitive", "internal"}


@register
class ConfidentialMarker(Rule):
    """A marker that says the text is confidential or for internal use only.

    Looks for "internal use only", "not for publication", "not for circulation", "strictly
    private", "RESTRICTED", "do not share this", "Draft – do not publish", "embargoed until",
    "off the record", "between ourselves", "keep this quiet", "don't tell the agent", "for
    councillors' eyes only", "you didn't hear it from me". The word "confidential" counts only
    where the text marks itself with it: as a label ("CONFIDENTIAL:", "[Confidential]"), when
    it says so of itself ("this is confidential", "please keep this confidential"), or for now
    ("confidential until Thursday", "Confidentially, ..."). Explanations stay clear: "your data
    is kept confidential", "what the law lets us keep confidential", "a free, confidential
    advice service", "confidential waste collection", "restricted parking".

    **Why it matters:** a marker means someone decided the words were not for the public.
    The policy forbids publishing "any information intended for internal use only"
    (Ludgershall §5) and asks permission before reporting private or internal meetings
    (Loughton §3). Material under embargo must wait for its release time.

    **Avoid:** "CONFIDENTIAL – not for circulation: draft budget figures attached."

    **Write instead:** post only what the council has already published, and link to it.
    """

    code = "CF001"
    title = "Confidential or internal-only marker"

    def find(self, post: Post) -> Iterator[Hit]:
        if not names.word_set(post) & _MARKER_GATE:
            return
        found = list(names.find_phrases(post, _MARKERS)) if names.phrase_gate("cf_markers").open(post) \
            else []
        if "ESTRICTED" in post.text or "estricted" in post.text:  # in every match of the label
            found.extend((m.start(), m.end(), "restricted") for m in _RESTRICTED_LABEL.finditer(post.text))
        if names.word_set(post) & {"confidential", "confidentially", "sensitive", "internal"}:
            found.extend(names.find_phrases(post, _SELF_MARKED))
            found.extend((m.start(), m.end(), "confidential")
                         for m in _CAPITALS_LABEL.finditer(post.text))
        ordinary = _spans(names.find_phrases(post, _ORDINARY)) \
            if found and names.phrase_gate("cf_marker_ordinary").open(post) else []
        last_end = -1
        for start, end, _ in sorted(found):
            if start < last_end or names.overlaps((start, end), ordinary):
                continue
            last_end = end
            start, end = _trim(post.text, start, end)
            marker = " ".join(post.text[start:end].split())
            yield Hit(start, end,
                      f"“{marker}” marks this as confidential or internal. {_NOT_PUBLIC} {_ASK}",
                      Fix("Remove the confidential material, or get the Town Clerk's permission "
                          "to publish it."))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A marker without the brackets, stars or sentence end the pattern took in with it."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


# --- CF002 ------------------------------------------------------------------------------

_EXEMPT = names.compile_terms("cf_exempt")
_PART_TWO = re.compile(r"(?<![a-z0-9])part[\s\-]*(?:2|ii|two|b)(?![a-z0-9])")
_PART_TWO_FOLLOWER = re.compile(rf"\s*[:{names.DASHES}]?\s*(?:items?|session|business|agenda|reports?|papers|"
                                r"minutes|matters?|discussion|meeting|of\s+the\s+(?:agenda|meeting))"
                                r"(?![a-z])")
_PART_TWO_INTO = re.compile(r"(?:into|in|during|under|went\s+to|moved\s+to)\s*$")
_MEETING = re.compile(r"(?<![a-z])(?:meeting|council|committee|agenda|item|minutes|members|"
                      r"councillors)(?![a-z])")
_EXEMPT_GATE = names.key_words("cf_exempt") | {"part"}
# What makes a mention of closed business a disclosure rather than the public notice that
# there will be some: an outcome, what someone said, what the papers contain.
_DISCLOSED = re.compile(
    r"(?<![a-z])(?:(?<!be\s)(?<!being\s)(?:agreed|decided|voted|resolved\s+to|approved|rejected|accepted|"
    r"refused|chose|settled|heard\s+that|learned|learnt|told|said|argued|revealed|admitted|confirmed|"
    r"recommends?|recommended|shows?|showed|reveals?|according\s+to|found\s+that|"
    r"went\s+(?:into|in\s+to)|moved\s+(?:into|in\s+to)|what\s+(?:was|were)\s+(?:said|discussed|decided|"
    r"agreed)|the\s+outcome|the\s+decision\s+(?:was|is)|the\s+vote\s+(?:was|went))|£\s?\d)(?![a-z])")
# Past discussion with no outcome stated: disclosed unless the text is a notice.
_DISCUSSED = re.compile(r"(?<![a-z])(?<!be\s)(?<!being\s)(?:discussed|considered|debated|looked\s+at|"
                        r"(?:was|were)\s+taken|met|went|excluded)(?![a-z])")
# A notice that business will be taken in closed session, or the resolution to do so.
_NOTICE = re.compile(
    r"(?<![a-z])(?:will|shall|would|may|might|to\s+be|be\s+(?:excluded|taken|held|considered|discussed|"
    r"dealt\s+with)|is\s+(?:expected|likely|due)\s+to|are\s+(?:expected|likely|due)\s+to|resolution\s+to|"
    r"resolve\s+to|resolved\s+that|recommended\s+that|proposed\s+that|motion\s+to|(?:under|in\s+accordance\s+"
    r"with)\s+(?:section|s\.?|paragraph|para\.?)\s*\d|paragraphs?\s+\d|para\.?\s*\d|tonight|tomorrow|"
    r"next\s+(?:week|month|meeting)|upcoming|forthcoming)(?![a-z])")
# An agenda listing: "Item 12: exempt business (pavilion lease)".
_AGENDA = re.compile(r"(?<![a-z])(?:agenda|items?\s+\d+[a-z]?|exempt\s+items?\s*:)(?![a-z])")
# Explaining what closed sessions are: "why are some items taken in private?", "the law lets
# councils exclude the public for ...".
_EXPLAINING = re.compile(
    r"(?<![a-z])(?:why|what\s+(?:is|are|does)|how\s+(?:does|do|can)|the\s+law|legally|councils?\s+(?:can|may|"
    r"must|are\s+allowed)|can\s+(?:be\s+)?(?:exclude|excluded|held|taken)|may\s+be\s+(?:excluded|held|taken)|"
    r"allowed\s+to|allows?|lets?|such\s+as|things\s+like|for\s+example|e\.g\.|sometimes|some\s+items|"
    r"certain\s+items|means?\s+that|in\s+general|usually|normally|we\s+(?:cannot|can['’]t|are\s+unable\s+to)"
    r"|cannot\s+(?:comment|say|discuss|share)|can['’]t\s+(?:comment|say|discuss|share)|unable\s+to\s+"
    r"(?:comment|say|discuss|share))(?![a-z])")


@register
class ExemptItemOrClosedSession(Rule):
    """Reports what happened in exempt business or a closed session of a meeting.

    Looks for "Part 2 item", "Part II of the agenda", "closed session", "exempt item",
    "exempt report", "in camera", "the press and public were excluded", "behind closed doors",
    "discussed in private", "Schedule 12A", and flags them when the post reports the closed
    part: what was decided or said ("in closed session councillors agreed to sell the
    pavilion"), what the papers contain ("the exempt report recommends ..."), whose staffing or
    personal matter it was, or that it was discussed in private. The notice that business WILL
    be taken in private stays clear, because it is public and on the agenda ("Item 9 will be
    taken in closed session", "RESOLVED that the press and public be excluded", "Item 12 is
    exempt under paragraph 3 of Schedule 12A"), and so does an explanation of why councils do
    it.

    "Part 2" alone is often not about a meeting at all ("Part 2 of the Local Plan
    consultation", "Ludgershall Part 2 road closure"), so it is flagged only when it names part
    of a meeting: followed by item, session, business, agenda, report, papers or minutes, or
    after "into"/"in"/"during" in a sentence about a meeting ("the committee went into Part 2").

    **Why it matters:** councils exclude the press and public for confidential business (Public
    Bodies (Admission to Meetings) Act 1960; the categories of Local Government Act 1972 Sch
    12A). What was said there is confidential; the policy forbids publishing it and asks
    permission before reporting private meetings.

    **Avoid:** "In closed session councillors agreed to sell the pavilion to the football club."

    **Write instead:** wait for the decision to be published in the minutes, then link to them.
    """

    code = "CF002"
    title = "Exempt item or closed session"

    def find(self, post: Post) -> Iterator[Hit]:
        if not names.word_set(post) & _EXEMPT_GATE:
            return
        spans = _spans(names.find_phrases(post, _EXEMPT)) if names.phrase_gate("cf_exempt").open(post) \
            else []
        spans.extend(self._part_two(post))
        last_end = -1
        for start, end in sorted(spans):
            if start < last_end:
                continue
            last_end = end
            if not self._disclosed(post, start, end):
                continue
            if _norm(fold(post.text[start:end]).text) in ("in private", "in secret") \
                    and not self._reported(post, start):
                continue  # "you can speak to the Clerk in private"
            said = " ".join(post.text[start:end].split())
            yield Hit(start, end,
                      f"“{said}” refers to business the council takes with the press and public "
                      f"excluded. {_NOT_PUBLIC} Its papers and discussion stay confidential until "
                      f"the council publishes a decision. {_ASK}",
                      Fix("Remove the closed-session detail; link to the published minutes later."))

    @staticmethod
    def _disclosed(post: Post, start: int, end: int) -> bool:
        """True unless the sentence is the public notice of closed business ("item 9 will be
        taken in closed session") or explains what closed business is. An outcome, what was
        said or what the papers contain always counts ("in closed session councillors agreed
        to sell the pavilion")."""
        s_start, s_end = names.window(post, start, end, 300, 300)
        sentence = fold(post.text[s_start:s_end]).text
        if _DISCLOSED.search(sentence) or _HR.search(sentence) or names.mentions_in(
                post, (s_start, s_end), (names.PERSON, names.GIVEN)):
            return True  # an outcome, or whose staffing or personal matter it was
        if _EXPLAINING.search(sentence) or "?" in post.text[s_start:s_end]:
            return False
        if _NOTICE.search(sentence):
            return False
        if _DISCUSSED.search(sentence):
            return True  # "councillors discussed the sale in camera on Tuesday"
        return _AGENDA.search(sentence) is None

    @staticmethod
    def _reported(post: Post, start: int) -> bool:
        """True when the sentence reports what was discussed or decided."""
        s_start, s_end = names.window(post, start, start, 300, 300)
        sentence = fold(post.text[s_start:s_end]).text
        return _DISCLOSED.search(sentence) is not None or _DISCUSSED.search(sentence) is not None

    @staticmethod
    def _part_two(post: Post) -> Iterator[tuple[int, int]]:
        text = post.folded.text
        for match in _PART_TWO.finditer(text):
            follower = _PART_TWO_FOLLOWER.match(text, match.end())
            if follower:
                yield post.span_of(match.start(), follower.end())
                continue
            if _PART_TWO_INTO.search(text[max(0, match.start() - 20):match.start()]):
                start, end = post.span_of(match.start(), match.end())
                w_start, w_end = names.window(post, start, end)
                if _MEETING.search(fold(post.text[w_start:w_end]).text):
                    yield start, end


# --- CF003 ------------------------------------------------------------------------------

_HR = names.compile_terms("cf_hr_terms")
_PAY = names.compile_terms("cf_pay_terms")
_RECRUITMENT = names.compile_terms("cf_recruitment")
_STAFF_ROLE = re.compile(names.phrase_pattern(load_terms("cf_staff_roles")) + r"\s*$")
_SOME_STAFF = re.compile(
    r"(?<![a-z])(?:(?:a|one\s+of\s+our|one\s+of\s+the|two\s+of\s+our|another|our)\s+(?:(?:office|grounds|"
    r"admin|outdoor|maintenance|parks|cleaning)\s+)?(?:members?\s+of\s+(?:our\s+)?staff|staff\s+members?|"
    r"employees?|colleagues?|officers?|groundsmen|groundsman|cleaners?|wardens?|rangers?|workers?)|"
    r"(?:a|one)\s+member\s+of\s+(?:the|our)\s+(?:office|grounds|admin|outdoor|maintenance|parks)\s+"
    r"(?:team|staff)|someone\s+(?:in|from)\s+(?:the|our)\s+office|the\s+(?:girl|lady|man|bloke|woman|"
    r"chap|lad|guy)\s+(?:in|from|at)\s+(?:the|our)\s+(?:council\s+)?office)(?![a-z])")
_AMOUNT = re.compile(r"£\s?\d|\d\s?%|\d+\s?(?:pounds|per\s+cent)")
_HR_GATE = names.key_words("cf_hr_terms", "cf_pay_terms")
_HR_BEFORE = 6
_HR_AFTER = 4


def _staff(post: Post, start: int, end: int) -> list[names.Mention]:
    """Identifiable members of staff near a span: named people (not councillors), staff
    roles ("the Clerk", "our caretaker"), "a member of staff", and "he/she" standing for one
    named in the sentence before ("Sue has run the office for 20 years. She has been
    suspended.")."""
    found = _staff_in(post, start, end)
    sentence = names.sentence_of(post, start)
    previous = names.previous_sentence(post, sentence)
    for match in _STAFF_PRONOUN.finditer(_lower(post, max(sentence[0], start - 60), start)):
        if previous is not None and _staff_in(post, previous[0], previous[1], whole=True):
            offset = max(sentence[0], start - 60)
            found.append(names.Mention(offset + match.start(), offset + match.end(), match.group(),
                                       names.ROLE))
    return found


_STAFF_PRONOUN = re.compile(r"(?<![a-z])(?:he|she|they)(?![a-z])")


def _lower(post: Post, start: int, end: int) -> str:
    """The folded text of ``post.text[start:end]``, sliced from the post's folded text when
    folding kept every offset."""
    if post.folded.origin is None:
        return post.folded.text[start:end]
    return fold(post.text[start:end]).text


def _staff_in(post: Post, start: int, end: int, whole: bool = False) -> list[names.Mention]:
    if whole:
        found = [m for m in names.mentions_in(post, (start, end), (names.PERSON, names.GIVEN, names.ROLE))
                 if m.kind != names.ROLE or _STAFF_ROLE.search(fold(m.text).text)]
        return found + names.inside(names.memo(post, "cf_some_staff", _some_staff), (start, end))
    found = [m for m in _targets_near(post, start, end, (names.PERSON, names.GIVEN, names.ROLE))
             if m.kind != names.ROLE or _STAFF_ROLE.search(fold(m.text).text)]
    found.extend(_in_window(post, start, end, names.memo(post, "cf_some_staff", _some_staff)))
    return found


def _some_staff(post: Post) -> list[names.Mention]:
    return _matches(post, _SOME_STAFF)


def _matches(post: Post, pattern: re.Pattern[str]) -> list[names.Mention]:
    """Every match of ``pattern`` in the folded text, as mentions of the original text."""
    found = []
    for start, end, _ in names.find_phrases(post, pattern):
        found.append(names.Mention(start, end, post.text[start:end], names.ROLE))
    return found


def _in_window(post: Post, start: int, end: int, found: list[names.Mention]) -> list[names.Mention]:
    """The members of ``found`` (sorted by start) inside the window around ``start:end``."""
    w_start, w_end = names.window(post, start, end, 200, 200)
    first = bisect_left(found, w_start, key=lambda m: m.start)
    last = bisect_left(found, w_end, key=lambda m: m.start)
    return [m for m in found[first:last] if m.end <= w_end]


@register
class StaffingMatter(Rule):
    """A staffing, HR or disciplinary matter about an identifiable member of staff.

    Looks for disciplinary action, grievances, suspension, sickness absence, dismissal,
    redundancy, capability, tribunals, resignations and pay details next to a named person
    or a staff role ("the caretaker has been suspended", "the Clerk is off sick", "the
    Clerk's salary is £35,000"). Recruitment adverts ("We are recruiting a part-time
    caretaker, salary £12,000 pro rata") and general news ("Bookings are suspended") stay
    clear.

    **Why it matters:** information about an employee and labour relations are exempt
    information (Local Government Act 1972 Sch 12A), and staffing matters are internal to the
    council (Ludgershall §5). In a council of two or three staff, "the caretaker" identifies
    one person.

    **Avoid:** "The office is closed because the Clerk has been suspended."

    **Write instead:** "The office is closed this week. For urgent matters please email ..."
    """

    code = "CF003"
    title = "Staffing, HR or disciplinary matter"

    def find(self, post: Post) -> Iterator[Hit]:
        if not names.word_set(post) & _HR_GATE:
            return
        recruiting = names.phrase_gate("cf_recruitment").open(post) \
            and _RECRUITMENT.search(post.folded.text) is not None
        found = [(s, e, False) for s, e, _ in names.find_phrases(post, _HR)] \
            if names.phrase_gate("cf_hr_terms").open(post) else []
        if names.phrase_gate("cf_pay_terms").open(post):
            found.extend((s, e, True) for s, e, _ in names.find_phrases(post, _PAY))
        last_end = -1
        for start, end, pay in sorted(found):
            if start < last_end:
                continue
            if pay and (recruiting or not self._amount_near(post, start, end)):
                continue
            who = _near(post, start, end, _staff(post, start, end), _HR_BEFORE, _HR_AFTER)
            if who is None:
                continue
            last_end = end
            said = " ".join(post.text[start:end].split())
            yield Hit(start, end,
                      f"“{said}” is a staffing matter about {names.describe(who)}. {_RISK}: "
                      "staffing, HR and pay details of identifiable staff are confidential "
                      f"(Local Government Act 1972 Sch 12A). {_ASK}",
                      Fix("Remove the staffing detail; say only what the public needs (for "
                          "example that the office is closed)."))

    @staticmethod
    def _amount_near(post: Post, start: int, end: int) -> bool:
        w_start, w_end = names.window(post, start, end, 80, 80)
        return _AMOUNT.search(post.text[w_start:w_end]) is not None


# --- CF004 ------------------------------------------------------------------------------

_SERVICE_USE = {_norm(k): v for k, v in load_pairs("cf_service_terms").items()}
_SERVICE = names.compile_terms("cf_service_terms")
_USERS = re.compile(r"(?<![a-z])(?:the|this|that|one|a\s+particular)\s+(?:" +
                    names.phrase_pattern(load_terms("cf_service_users")) + ")")
# Details that pick out one household or plot: "plot 14", "number 12", "flat 3", "4 Elm Road"
# (a house number never starts with 0, so "our number 01632 ..." is not one).
_LOCATOR = re.compile(r"(?<![a-z0-9])(?:plot\s*(?:no\.?\s*|number\s*)?[1-9]\d{0,3}[a-z]?|"
                      r"(?:number|no\.)\s*[1-9]\d{0,3}[a-z]?|flat\s*[1-9]\d{0,3}[a-z]?|"
                      r"[1-9]\d{0,3}[a-z]?\s+[a-z]+\s+(?:road|street|lane|close|avenue|drive|way|"
                      r"crescent|gardens|place|court|grove|hill|rise|walk|row|terrace|mews|green))"
                      r"(?![a-z0-9])")
_SERVICE_GATE = names.key_words("cf_service_terms")
_SERVICE_BEFORE = 12
_SERVICE_AFTER = 8

# Use of a service by someone: "three residents on our befriending list", "the family who
# use our foodbank vouchers", "Mr X from our lunch club", "meals on wheels client Mrs Hart".
_SERVICES = names.phrase_pattern(load_terms("cf_services"))
_SENSITIVE = {_norm(k) for k, v in load_pairs("cf_services").items() if v == "sensitive"}
_MEMBERSHIP = re.compile(
    rf"(?<![a-z])(?:(?:on|from|in|at|of|with)\s+(?:our|the|your)\s+(?P<s1>{_SERVICES})(?:\s+(?:list|"
    r"scheme|service|club|group|register|rota|round))?|(?:who|that)\s+(?:use|uses|used|attend|attends|"
    r"attended|rely\s+on|relies\s+on|relied\s+on|get|gets|got|receive|receives|received|collect|collects|"
    r"collected|visit|visits|come\s+to|comes\s+to|came\s+to|goes\s+to|go\s+to|went\s+to|has\s+been\s+using|"
    r"have\s+been\s+using)\s+(?:our|the)\s+"
    rf"(?P<s2>{_SERVICES})|(?:using|attending|relying\s+on|receiving|is\s+on|are\s+on|was\s+on|were\s+on|"
    r"signed\s+up\s+to|registered\s+with|referred\s+to|referred\s+for|started\s+using|a\s+regular\s+at|"
    r"regulars\s+at|applied\s+for|applying\s+for|asked\s+(?:us\s+)?for|(?:has|have|had)\s+been\s+given|"
    r"(?:was|were)\s+given|been\s+awarded|(?:was|were)\s+awarded|received|needed|needs|relies\s+on|"
    rf"depends\s+on|had\s+to\s+use|has\s+to\s+use)\s+(?:our|the|a|an)\s+(?P<s3>{_SERVICES})|(?P<s4>{_SERVICES})\s+(?:clients?|users?|"
    r"members?|regulars?|recipients?|customers?|families|households?|referrals?|visitors?|guests?))"
    r"(?![a-z])")
_MEMBERSHIP_GATE = names.key_words("cf_services")
_AFFILIATION = re.compile(r"(?:from|at|of|with)\s")
_CIRCUMSTANCE = names.compile_terms("cf_circumstances")
# A few people counted, or one described: "three residents", "one of our", "a lady".
_FEW_PEOPLE = re.compile(
    r"(?<![a-z0-9])(?:(?:one|two|three|four|five|[1-5]|a\s+couple|a\s+few)\s+(?:of\s+(?:our|the)\s+)?"
    r"(?:[a-z]+\s+)?(?:residents?|people|members?|users?|clients?|families|family|households?|pensioners?|"
    r"tenants?|neighbours?|regulars?|couples?|ladies|lady|gentlemen|gentleman|men|man|women|woman|"
    r"children|kids|customers?|guests?|visitors?)|(?:a|the|this|that|one)\s+(?:\w+\s+)?(?:lady|gentleman|man|"
    r"woman|family|couple|pensioner|widow|widower|resident|household|tenant|gent|chap|bloke|mum|dad|"
    r"mother|father|boy|girl|child))(?![a-z])")
# Someone named as the person to contact or to leave things with is a helper, not a user:
# "donations can be left with Sheila at the library", "call Jane on ...", "thanks to Tom".
_HELPER_BEFORE = re.compile(
    r"(?<![a-z])(?:left\s+with|leave\s+(?:them\s+|it\s+)?with|drop\s+(?:them\s+|it\s+)?off\s+with|dropped\s+"
    r"off\s+with|hand(?:ed)?\s+(?:them\s+|it\s+)?(?:in\s+)?to|give\s+(?:them\s+|it\s+)?to|contact|call|ring|"
    r"phone|email|e-mail|message|text|speak\s+to|talk\s+to|ask\s+for|thanks\s+to|thank\s+you\s+to|"
    r"thank\s+you|thanks|volunteer|volunteers|co-?ordinator|organiser|organised\s+by|run\s+by|led\s+by|"
    r"hosted\s+by|collect(?:ed)?\s+(?:them\s+|it\s+)?from|with\s+help\s+from|helped\s+by|chef|cook|"
    r"driver|manager|leader|chair|chairman|treasurer|secretary)\s+(?:\S+\s+){0,2}$")
_HELPING = re.compile(r"(?<![a-z])(?:collecting|collected|running|ran|runs|organising|organised|organises|"
                      r"volunteering|volunteered|volunteers|helping|helped|helps|cooking|cooked|driving|drove|"
                      r"delivering|delivered|delivers|serving|served|handing\s+out|handed\s+out|giving\s+out|"
                      r"gave|donating|donated|donates|taking\s+donations|co-?ordinating|co-?ordinated|leading|"
                      r"led|hosting|hosted|sorting|sorted|packing|packed|fundraising|raising|raised|set\s+up|"
                      r"founded|started|launched|opened|manages|managed|managing)(?![a-z])")
_HELPER_AFTER = re.compile(
    r"^\s*(?:,\s*(?:our|the)\s+(?:\w+\s+)?(?:volunteer|co-?ordinator|organiser|manager|leader|chef|cook|"
    r"driver|chair|treasurer)|(?:will|can|is|who)\s+(?:be\s+)?(?:collecting|collect|cooking|cook|running|run|"
    r"organising|organise|driving|drive|helping|help|taking|take|co-?ordinating|volunteering|there|on\s+hand|"
    r"available|happy)|runs|organises|co-?ordinates|volunteers|cooks|drives|thanks|says|said)(?![a-z])")


@register
class ServiceUserInformation(Rule):
    """Details of an individual who uses a council or community service.

    Looks for two things. First, an identifiable person shown to use a service where that
    says something private about them: "three residents on our befriending list", "the
    family at the end of Pump Lane who use our foodbank vouchers", "meals on wheels client
    Mrs Hart", "the Smiths at number 4 have asked for a hardship grant"; and, for services
    that say less on their own (a lunch club, allotments, community transport), only with a
    private circumstance beside it ("Mr X from our lunch club has moved into a care home").
    Second, arrears, evictions, complaints, objections, withheld deposits, safeguarding or
    homelessness next to an identifiable person: a name, an identifying detail ("plot 14",
    "number 12 Forest Road"), or "the tenant"/"the hirer" with words that describe one case
    ("the hirer complained", "the tenant is in arrears").

    General information stays clear ("Over 200 families used our food bank this winter",
    "Allotment rents are due on 1 October", "If you are in rent arrears, contact Citizens
    Advice"), and so do the people who run or help a service ("donations can be left with
    Sheila at the library", "Jane from the food bank will be collecting at the market").

    **Why it matters:** the policy forbids publishing "information about service users"
    (Ludgershall §5), and information about an individual is exempt information (Local
    Government Act 1972 Sch 12A) and personal data.

    **Avoid:** "The tenant of plot 14 is £60 in arrears and will get a notice to quit."

    **Write instead:** "A reminder that allotment rents were due on 1 October."
    """

    code = "CF004"
    title = "Service-user information"

    def find(self, post: Post) -> Iterator[Hit]:
        words = names.word_set(post)
        found = list(self._members(post)) if words & _MEMBERSHIP_GATE else []
        if words & _SERVICE_GATE:
            found.extend(self._details(post))
        last_end = -1
        for start, end, message in sorted(found):
            if start < last_end:
                continue
            last_end = end
            yield Hit(start, end, message,
                      Fix("Remove the individual's details; post general information instead."))

    def _members(self, post: Post) -> Iterator[tuple[int, int, str]]:
        """Someone identifiable shown to use a service, where that says something private."""
        if not names.phrase_gate("cf_services").open(post):  # every match names a service
            return
        for start, end, phrase in names.find_phrases(post, _MEMBERSHIP):
            whole = _MEMBERSHIP.fullmatch(phrase)
            service = _norm(next((g for g in whole.groups() if g), "")) if whole else ""
            s_start, s_end = names.window(post, start, end, 300, 300)
            # "Jane from the food bank" may run it: only a private circumstance makes her a user.
            sensitive = service in _SENSITIVE and not _AFFILIATION.match(phrase)
            if not sensitive and not _CIRCUMSTANCE.search(fold(post.text[s_start:s_end]).text):
                continue
            who = _near(post, start, end, self._users(post, start, end), _SERVICE_BEFORE, _SERVICE_AFTER)
            if who is None:
                continue
            said = " ".join(post.text[start:end].split())
            yield (start, end, f"“{said}” shows that {names.describe(who)} uses a service, with details "
                   f"that are theirs to share, not the council's. {_RISK}: information about service "
                   "users is confidential, exempt information (Local Government Act 1972 Sch 12A) "
                   f"and personal data. {_ASK}")

    @staticmethod
    def _users(post: Post, start: int, end: int) -> list[names.Mention]:
        w_start, w_end = names.window(post, start, end, 200, 200)
        found = [m for m in _targets_near(post, start, end, (names.PERSON, names.GIVEN, names.COUNCILLOR))
                 if m.kind != names.COUNCILLOR]
        found += [m for m in names.inside(names.descriptions(post), (w_start, w_end))
                  if m.kind == names.PERSON]
        found += _in_window(post, start, end, names.memo(post, "cf_locators", _locators))
        found += _in_window(post, start, end, names.memo(post, "cf_few", _few_people))
        return [m for m in found if not _helper(post, m)]

    def _details(self, post: Post) -> Iterator[tuple[int, int, str]]:
        if not names.phrase_gate("cf_service_terms").open(post):
            return
        for start, end, phrase in names.find_phrases(post, _SERVICE):
            case = _SERVICE_USE.get(_norm(phrase)) == "case"
            who = _near(post, start, end, self._individuals(post, start, end, case),
                        _SERVICE_BEFORE, _SERVICE_AFTER)
            if who is None:
                continue
            said = " ".join(post.text[start:end].split())
            yield (start, end, f"“{said}” is information about an individual who uses a council "
                   f"service ({names.describe(who)}). {_RISK}: information about service users is "
                   "confidential, exempt information (Local Government Act 1972 Sch 12A) "
                   f"and personal data. {_ASK}")

    @staticmethod
    def _individuals(post: Post, start: int, end: int, case: bool) -> list[names.Mention]:
        found = [m for m in _targets_near(post, start, end, (names.PERSON, names.GIVEN))
                 if not _helper(post, m)]
        w_start, w_end = names.window(post, start, end, 200, 200)
        # "the man at number 12", "the family at the end of Pump Lane"
        found += [m for m in names.inside(names.descriptions(post), (w_start, w_end))
                  if m.kind == names.PERSON and not _helper(post, m)]
        found.extend(_in_window(post, start, end,
                                names.memo(post, "cf_locators", _locators)))
        if case:
            found.extend(_in_window(post, start, end,
                                    names.memo(post, "cf_users", lambda p: _matches(p, _USERS))))
            found.extend(_in_window(post, start, end, names.memo(post, "cf_few", _few_people)))
        return found


def _locators(post: Post) -> list[names.Mention]:
    return _matches(post, _LOCATOR)


def _few_people(post: Post) -> list[names.Mention]:
    return _matches(post, _FEW_PEOPLE)


def _helper(post: Post, mention: names.Mention) -> bool:
    """True when a named person is the one to contact or to leave things with, not a user."""
    before = fold(post.text[max(0, mention.start - 40):mention.start]).text
    after = fold(post.text[mention.end:mention.end + 40]).text
    return _HELPER_BEFORE.search(before) is not None or _HELPER_AFTER.search(after) is not None \
        or _HELPING.search(fold(post.text[mention.end:mention.end + 70]).text) is not None


# --- CF005 ------------------------------------------------------------------------------

_NEGOTIATION = names.compile_terms("cf_negotiation")
_COMMERCIAL = names.compile_terms("cf_commercial_words")
_PUBLISHED = names.compile_terms("cf_published")
_LEASE = re.compile(r"(?<![a-z])(?:lease|rent|rental|sale\s+price|asking\s+price|purchase\s+price)(?![a-z])")
_LEASE_NEGOTIATING = re.compile(r"(?<![a-z])(?:negotiat\w*|offer\w*|proposed|terms|counter|asking|"
                                r"discussions?)(?![a-z])")
_MONEY = re.compile(r"£\s?\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s?(?:k|m|bn|million|thousand))?(?![a-z])|"
                    r"(?<![\w.])\d(?:[\d,]*\d)?(?:\.\d+)?\s?(?:pounds|gbp)(?![a-z])", re.IGNORECASE)
_LEGAL_ADVICE = names.compile_terms("cf_legal_advice")
_CF005_GATE = names.key_words("cf_negotiation", "cf_commercial_words") | {"lease", "rent", "rental"}
_LEGAL_GATE = names.key_words("cf_legal_advice")
# What legal advice is about when it is privileged: the strength of a case.
_MERITS = re.compile(r"(?<![a-z])(?:case|claim|claims|win|won|winning|lose|losing|lost|chances?|prospects?|"
                     r"liable|liability|challenge|appeal|court|tribunal|dispute|weak|strong|settle|"
                     r"settlement|defend|defence|defense|risk|risky|owe|breach|breached|unlawful|lawful|"
                     r"legally|judicial|sue|sued|suing|damages|costs|negligent|negligence|fight|contest|"
                     r"succeed|fail|position)(?![a-z])")


@register
class TenderOrNegotiationFigures(Rule):
    """Tender, bid, quote or negotiation figures, negotiating positions, and legal advice.

    Looks for "preferred bidder", "best and final offer", "heads of terms", "tender prices",
    "bids received"; for the council's position in a negotiation ("our ceiling is ...", "our
    maximum bid", "we'd settle for", "we're negotiating to buy the old dairy"); for an amount
    next to a tender, bid, quote, offer or negotiation ("we received three quotes: £12,400
    ...", "we are negotiating with Forest Motors at £8,000") or next to a lease or rent that
    is still being negotiated; and for what the council's legal advice says ("our solicitor's
    advice is that we would lose", "counsel's opinion", "legal advice says"). Published
    figures stay clear: an invitation to tender with its estimated value, a contract award,
    the budget, the precept, grants, hall hire charges; and so does "we are taking legal
    advice".

    **Why it matters:** the policy forbids publishing information that is "commercially
    sensitive" (Ludgershall §5); anyone's financial or business affairs, and the council's
    own negotiating position, are exempt information (Local Government Act 1972 Sch 12A).
    Publishing a bid can break a procurement or weaken the council's hand.

    Legal advice is here too because Sch 12A treats it like the council's negotiating
    position: privileged, and a weapon for the other side once published.

    **Avoid:** "Three firms bid for the grass cutting: £18,000, £21,500 and £24,000."

    **Write instead:** "The grass-cutting contract will be awarded in March; we will publish
    the result."
    """

    code = "CF005"
    title = "Tender, negotiation or legal-advice details"

    def find(self, post: Post) -> Iterator[Hit]:
        words = names.word_set(post)
        found: list[tuple[int, int, bool]] = []
        if words & _CF005_GATE:
            if names.phrase_gate("cf_negotiation").open(post):
                found.extend((s, e, False) for s, e, _ in names.find_phrases(post, _NEGOTIATION))
            found.extend((s, e, False) for s, e in self._figures(post))
        if words & _LEGAL_GATE and names.phrase_gate("cf_legal_advice").open(post):
            found.extend((s, e, True) for s, e, _ in names.find_phrases(post, _LEGAL_ADVICE)
                         if _MERITS.search(fold(post.text[s:names.window(post, s, e, 0, 300)[1]]).text))
        last_end = -1
        for start, end, legal in sorted(found):
            if start < last_end:
                continue
            last_end = end
            said = " ".join(post.text[start:end].split())
            if legal:
                yield Hit(start, end,
                          f"“{said}” reveals the legal advice the council has had. {_RISK}: "
                          "legal advice is privileged, and information covered by legal "
                          "professional privilege is exempt information (Local Government Act 1972 "
                          f"Sch 12A); publishing it can weaken the council's case. {_ASK}",
                          Fix("Remove what the advice says; say only that the council is taking "
                              "advice, if anything."))
                continue
            yield Hit(start, end,
                      f"“{said}” reveals a tender, bid or negotiating position. {_RISK}: "
                      "commercially sensitive information, business affairs and negotiations are "
                      f"exempt information (Local Government Act 1972 Sch 12A). {_ASK}",
                      Fix("Remove the figures until the council publishes the outcome."))

    @staticmethod
    def _figures(post: Post) -> Iterator[tuple[int, int]]:
        if "£" not in post.text and "pound" not in post.folded.text and "gbp" not in post.folded.text:
            return
        for money in _MONEY.finditer(post.text):
            w_start, w_end = names.window(post, money.start(), money.end(), 120, 80)
            piece = fold(post.text[w_start:w_end]).text
            if _PUBLISHED.search(piece):
                continue
            commercial = _COMMERCIAL.search(piece)
            lease = _LEASE.search(piece) and _LEASE_NEGOTIATING.search(piece)
            if commercial or lease:
                yield money.start(), money.end()


# --- CF006 ------------------------------------------------------------------------------

_ORG_USE = {_squeeze(k): v for k, v in names.expanded_pairs("cf_org_change").items()}
# Whose jobs: the council's own ("our", "the office", "staff") and not a local employer's.
_OURS = re.compile(r"(?<![a-z])(?:our|we|we['’]re|we['’]ll|us|council|councils|town\s+hall|the\s+office|"
                   r"office\s+team|grounds\s+team|at\s+work|colleagues|in-house|the\s+clerk|staff|"
                   r"half\s+the\s+office|the\s+team)(?![a-z])")
_EMPLOYER = re.compile(r"(?<![a-z])(?:factory|mill|plant|company|firm|store|stores|shop|shops|bank|branch|"
                       r"hospital|depot|supermarket|warehouse|plc|ltd|limited|retailer|chain|site|works|"
                       r"business|businesses|employer|brewery|quarry|airport|university|college)(?![a-z])")
_ORG = names.compile_terms("cf_org_change")


def _ours(post: Post, start: int, end: int) -> bool:
    """True when the jobs in question are the council's own."""
    w_start, w_end = names.window(post, start, end, 150, 150)
    piece = fold(post.text[w_start:w_end]).text
    if _EMPLOYER.search(piece) or names.mentions_in(post, (w_start, w_end), (names.BUSINESS,)):
        return False
    return _OURS.search(piece) is not None
_PUBLIC_CONSULTATION = names.compile_terms("cf_public_consultation")
_RESTRUCTURE = re.compile(r"(?<![a-z])(?:restructur\w*|reorganis\w*|reorganiz\w*|(?:merg(?:e|es|ed|ing|er)|"
                          r"combin(?:e|es|ed|ing)|amalgamat(?:e|es|ed|ing|ion))(?:\s+of)?(?:\s+(?:the|our|"
                          r"two|both))?(?:\s+(?:[a-z]+|&|and|,)){0,5}?\s+(?:teams|offices|"
                          r"departments|roles|posts|jobs|staff)|(?:teams|offices|departments|roles|posts|"
                          r"jobs)\s+(?:will|are\s+to|are\s+going\s+to|could|may)\s+(?:be\s+)?merg(?:e|ed))"
                          r"(?![a-z])")
_ORGANISATION = re.compile(r"(?<![a-z])(?:staff|staffing|team|teams|office|posts?|roles?|jobs?|"
                           r"structure|department|workforce|employees|officers|working\s+hours|"
                           r"(?:council|our)\s+services|the\s+clerk)(?![a-z])")
_ORG_GATE = names.key_words("cf_org_change") | {
    "restructure", "restructuring", "restructured", "reorganisation", "reorganise", "reorganising",
    "reorganization", "merge", "merges", "merged", "merging", "merger", "combine", "combining",
    "combined", "amalgamate", "amalgamating", "amalgamation"}


@register
class UnpublishedChangeOrProposal(Rule):
    """Organisational change, staff consultation, or proposals not yet published.

    Looks for restructures, staffing reviews, staff consultations, posts at risk, merging
    teams ("merge the grounds and office teams"), outsourcing, redundancies and lost jobs in
    plain words ("three jobs may go", "half the office is about to be made redundant", "posts
    will be deleted", "big changes are coming at work", "the staff haven't been told yet"),
    "draft proposals to close the ...", and anything said to be "not yet approved", "yet to be
    agreed" or "unpublished". Proposals the council is consulting the public on ("Have your
    say on proposals to close the public toilets") stay clear; so do jobs at a local employer
    ("50 jobs may go at the paper mill"); staff matters and "not yet approved" never do.

    **Why it matters:** the policy forbids publishing "any information intended for internal
    use only (including matters concerning council services, organisational change or related
    proposals)" (Ludgershall §5). Staff must hear of changes to their jobs from the council,
    not from its social media.

    **Avoid:** "Draft proposals to close the Town Hall office on Mondays – not yet approved."

    **Write instead:** wait for the council to publish the proposals, then link to them.
    """

    code = "CF006"
    title = "Organisational change or unpublished proposals"

    def find(self, post: Post) -> Iterator[Hit]:
        if not names.word_set(post) & _ORG_GATE:
            return
        spans: list[tuple[int, int]] = []
        if names.phrase_gate("cf_org_change").open(post):
            spans.extend(self._changes(post))
        for match in _RESTRUCTURE.finditer(post.folded.text):
            start, end = post.span_of(match.start(), match.end())
            w_start, w_end = names.window(post, start, end, 120, 120)
            context = fold(post.text[w_start:start] + " " + post.text[end:w_end]).text
            if not match.group().startswith(("restructur", "reorgani")) or _ORGANISATION.search(context):
                spans.append((start, end))
        last_end = -1
        for start, end in sorted(spans):
            if start < last_end:
                continue
            last_end = end
            said = " ".join(post.text[start:end].split())
            yield Hit(start, end,
                      f"“{said}” is about organisational change or proposals that may not be "
                      f"published yet. {_RISK}: information intended for internal use only "
                      f"includes organisational change and related proposals. {_ASK}",
                      Fix("Hold the post until the council has published the proposals."))

    @staticmethod
    def _changes(post: Post) -> Iterator[tuple[int, int]]:
        consulting = names.phrase_gate("cf_public_consultation").open(post) \
            and _PUBLIC_CONSULTATION.search(post.folded.text) is not None
        for start, end, phrase in names.find_phrases(post, _ORG):
            use = _ORG_USE.get(_squeeze(phrase), "proposal")
            if use == "proposal" and consulting:
                continue
            if use == "jobs" and not _ours(post, start, end):
                continue  # "50 jobs may go at the paper mill"
            yield start, end
