"""CF005 tender or negotiation figures and legal advice."""

from __future__ import annotations

import re
from collections.abc import Iterator

from civicpost.engine import names
from civicpost.engine.findings import Fix, Hit
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.confidential.common import _ASK, _RISK
from civicpost.engine.text import fold

_NEGOTIATION = names.compile_terms("cf_negotiation")
_NEGOTIATION_PHRASE_GATE = names.phrase_gate("cf_negotiation")
_COMMERCIAL = names.compile_terms("cf_commercial_words")
_PUBLISHED = names.compile_terms("cf_published")
_LEASE = re.compile(r"(?<![a-z])(?:lease|rent|rental|sale\s+price|asking\s+price|purchase\s+price)(?![a-z])")
_LEASE_NEGOTIATING = re.compile(r"(?<![a-z])(?:negotiat\w*|offer\w*|proposed|terms|counter|asking|"
                                r"discussions?)(?![a-z])")
_MONEY = re.compile(r"£\s?\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s?(?:k|m|bn|million|thousand))?(?![a-z])|"
                    r"(?<![\w.])\d(?:[\d,]*\d)?(?:\.\d+)?\s?(?:pounds|gbp)(?![a-z])", re.IGNORECASE)
_LEGAL_ADVICE = names.compile_terms("cf_legal_advice")
_LEGAL_ADVICE_PHRASE_GATE = names.phrase_gate("cf_legal_advice")
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
            if _NEGOTIATION_PHRASE_GATE.open(post):
                found.extend((s, e, False) for s, e, _ in names.find_phrases(post, _NEGOTIATION))
            found.extend((s, e, False) for s, e in self._figures(post))
        if words & _LEGAL_GATE and _LEGAL_ADVICE_PHRASE_GATE.open(post):
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
