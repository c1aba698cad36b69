"""CF006 organisational change or proposals not yet published."""

from __future__ import annotations

import re
from collections.abc import Iterator

from civicpost.engine import names
from civicpost.engine.findings import Fix, Hit
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.confidential.common import _ASK, _RISK
from civicpost.engine.text import fold

_ORG_USE = {names.squeezed_phrase(k): v for k, v in names.expanded_pairs("cf_org_change").items()}
# Whose jobs: the council's own ("our", "the office", "staff") and not a local employer's.
_OURS = re.compile(r"(?<![a-z])(?:our|we|we['’]re|we['’]ll|us|council|councils|town\s+hall|the\s+office|"
                   r"office\s+team|grounds\s+team|at\s+work|colleagues|in-house|the\s+clerk|staff|"
                   r"half\s+the\s+office|the\s+team)(?![a-z])")
_EMPLOYER = re.compile(r"(?<![a-z])(?:factory|mill|plant|company|firm|store|stores|shop|shops|bank|branch|"
                       r"hospital|depot|supermarket|warehouse|plc|ltd|limited|retailer|chain|site|works|"
                       r"business|businesses|employer|brewery|quarry|airport|university|college)(?![a-z])")
_ORG = names.compile_terms("cf_org_change")
_ORG_PHRASE_GATE = names.phrase_gate("cf_org_change")


def _ours(post: Post, start: int, end: int) -> bool:
    """True when the jobs in question are the council's own."""
    w_start, w_end = names.window(post, start, end, 150, 150)
    piece = fold(post.text[w_start:w_end]).text
    if _EMPLOYER.search(piece) or names.mentions_in(post, (w_start, w_end), (names.BUSINESS,)):
        return False
    return _OURS.search(piece) is not None
_PUBLIC_CONSULTATION = names.compile_terms("cf_public_consultation")
_PUBLIC_CONSULTATION_PHRASE_GATE = names.phrase_gate("cf_public_consultation")
_RESTRUCTURE = re.compile(r"(?<![a-z])(?:restructur\w*|reorganis\w*|reorganiz\w*|(?:merg(?:e|es|ed|ing|er)|"
                          r"combin(?:e|es|ed|ing)|amalgamat(?:e|es|ed|ing|ion))(?:\s+of)?(?:\s+(?:the|our|"
                          r"two|both))?(?:\s+(?:[a-z]+|&|and|,)){0,5}?\s+(?:teams|offices|"
                          r"departments|roles|posts|jobs|staff)|(?:teams|offices|departments|roles|posts|"
                          r"jobs)\s+(?:will|are\s+to|are\s+going\s+to|could|may)\s+(?:be\s+)?merg(?:e|ed))"
                          r"(?![a-z])")
# Every match of _RESTRUCTURE holds one of these: a post without them need not be searched.
_RESTRUCTURE_STEMS = ("restructur", "reorgani", "merg", "combin", "amalgamat")
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
        if _ORG_PHRASE_GATE.open(post):
            spans.extend(self._changes(post))
        folded = post.folded.text
        matches = _RESTRUCTURE.finditer(folded) if any(w in folded for w in _RESTRUCTURE_STEMS) else ()
        for match in matches:
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
        consulting = _PUBLIC_CONSULTATION_PHRASE_GATE.open(post) \
            and _PUBLIC_CONSULTATION.search(post.folded.text) is not None
        for start, end, phrase in names.find_phrases(post, _ORG):
            use = _ORG_USE.get(names.squeezed_phrase(phrase), "proposal")
            if use == "proposal" and consulting:
                continue
            if use == "jobs" and not _ours(post, start, end):
                continue  # "50 jobs may go at the paper mill"
            yield start, end
