"""CF001 confidential or internal-only markers and CF002 exempt items or closed sessions."""

from __future__ import annotations

import re
from collections.abc import Iterator

from civicpost.engine import names
from civicpost.engine.findings import Fix, Hit
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.confidential.common import _ASK, _HR, _NOT_PUBLIC, _spans
from civicpost.engine.text import fold

_MARKERS = names.compile_terms("cf_markers")
_MARKERS_PHRASE_GATE = names.phrase_gate("cf_markers")
_ORDINARY = names.compile_terms("cf_marker_ordinary")
_ORDINARY_PHRASE_GATE = names.phrase_gate("cf_marker_ordinary")
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
        found = list(names.find_phrases(post, _MARKERS)) if _MARKERS_PHRASE_GATE.open(post) \
            else []
        if "ESTRICTED" in post.text or "estricted" in post.text:  # in every match of the label
            found.extend((m.start(), m.end(), "restricted") for m in _RESTRICTED_LABEL.finditer(post.text))
        if names.word_set(post) & {"confidential", "confidentially", "sensitive", "internal"}:
            found.extend(names.find_phrases(post, _SELF_MARKED))
            found.extend((m.start(), m.end(), "confidential")
                         for m in _CAPITALS_LABEL.finditer(post.text))
        ordinary = _spans(names.find_phrases(post, _ORDINARY)) \
            if found and _ORDINARY_PHRASE_GATE.open(post) else []
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
_EXEMPT_PHRASE_GATE = names.phrase_gate("cf_exempt")
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
        spans = _spans(names.find_phrases(post, _EXEMPT)) if _EXEMPT_PHRASE_GATE.open(post) \
            else []
        spans.extend(self._part_two(post))
        last_end = -1
        for start, end in sorted(spans):
            if start < last_end:
                continue
            last_end = end
            if not self._disclosed(post, start, end):
                continue
            if names.spaced_phrase(fold(post.text[start:end]).text) in ("in private", "in secret") \
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
