"""CF003 staffing matters: an identifiable member of staff's employment, pay or discipline."""

from __future__ import annotations

import re
from collections.abc import Iterator

from civicpost.engine import names
from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_terms
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.confidential.common import (
    _ASK,
    _HR,
    _HR_PHRASE_GATE,
    _RISK,
    _in_window,
    _matches,
    _near,
    _targets_near,
)
from civicpost.engine.text import fold

_PAY = names.compile_terms("cf_pay_terms")
_PAY_PHRASE_GATE = names.phrase_gate("cf_pay_terms")
_RECRUITMENT = names.compile_terms("cf_recruitment")
_RECRUITMENT_PHRASE_GATE = names.phrase_gate("cf_recruitment")
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
    for match in _STAFF_PRONOUN.finditer(names.folded_slice(post, max(sentence[0], start - 60), start)):
        if previous is not None and _staff_in(post, previous[0], previous[1], whole=True):
            offset = max(sentence[0], start - 60)
            found.append(names.Mention(offset + match.start(), offset + match.end(), match.group(),
                                       names.ROLE))
    return found


_STAFF_PRONOUN = re.compile(r"(?<![a-z])(?:he|she|they)(?![a-z])")




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
        recruiting = _RECRUITMENT_PHRASE_GATE.open(post) \
            and _RECRUITMENT.search(post.folded.text) is not None
        found = [(s, e, False) for s, e, _ in names.find_phrases(post, _HR)] \
            if _HR_PHRASE_GATE.open(post) else []
        if _PAY_PHRASE_GATE.open(post):
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
