"""Cutting blocks into clauses. Every bullet, numbered point and table cell is at least one
clause, and so is every paragraph; a block is cut further at each sentence that states a duty
of its own (one a rule family or desk capability can carry), so that a finding quotes the one
sentence it enforces. Descriptive sentences stay with the duty they explain, and a short
preface ("Use social media sensibly and responsibly.") with the duty it introduces.

Clause text is the document's own, sentence boundaries and all: a clause is a slice of its block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from civicpost.policy_import.mapping import Suggestion, states_duty, suggest
from civicpost.policy_import.metadata import is_metadata_sentence
from civicpost.policy_import.structure import Block

_ABBREVIATIONS = frozenset({
    "e.g", "eg", "i.e", "ie", "etc", "mr", "mrs", "ms", "dr", "cllr", "cllrs", "st", "no", "nos", "vs",
    "approx", "inc", "co", "ltd", "para", "paras", "ref", "cf", "viz", "incl", "esp", "dept", "ext",
})
_BOUNDARY = re.compile(r"[.!?][”’\"')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
# A sentence that starts with no full stop before it ("... telephone numbers Ensure you ..."):
# only before the words that open a rule and hardly ever sit inside a sentence with a capital.
_UNMARKED = re.compile(r"(?<=[a-z,]) (?=(?:Ensure|Never|Always|Remember|Please|Avoid|Do not|Don't|Don’t) )")
_CONTINUES = re.compile(
    r"^(?:this|it|these|that|such)\s+(?:also\s+|could\s+|may\s+|will\s+)?(?:include|includes|applies|apply"
    r"|covers|extends|means)\b|^including\b", re.IGNORECASE)
INHERITED_SHARE = 0.9


@dataclass
class Sentence:
    start: int
    end: int
    duty: bool
    mapped: bool


@dataclass
class ClauseDraft:
    """A clause cut from a block, with what its words suggest."""

    id: str
    section: str
    text: str
    duty: bool
    suggestions: dict[str, Suggestion]
    block: Block
    inherited_from: str = ""


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``; abbreviations ("e.g.", "Cllr.") end none."""
    cuts = [0]
    for match in _BOUNDARY.finditer(text):
        before = text[:match.start() + 1].split()[-1].lstrip("(\"“‘'").lower().rstrip(".!?")
        if before in _ABBREVIATIONS or (len(before) == 1 and before.isalpha()):
            continue
        cuts.append(match.end())
    for match in _UNMARKED.finditer(text):
        cuts.append(match.end())
    cuts = sorted(set(cuts))
    spans = []
    for start, end in zip(cuts, [*cuts[1:], len(text)], strict=True):
        piece = text[start:end]
        stripped_end = start + len(piece.rstrip())
        if piece.strip():
            spans.append((start + len(piece) - len(piece.lstrip()), stripped_end))
    return spans


def clauses_of(block: Block) -> list[ClauseDraft]:
    point = block.kind != "paragraph"
    sentences = []
    for start, end in split_sentences(block.text):
        words = block.text[start:end]
        if is_metadata_sentence(words) or not any(ch.isalnum() for ch in words):
            continue
        duty = states_duty(words) or _duty_from_lead_in(block)
        mapped = any(s.chosen for s in suggest(words, duty=duty, point=point).values())
        sentences.append(Sentence(start, end, duty, mapped))
    if not sentences:
        return []
    groups: list[list[Sentence]] = []
    for sentence in sentences:
        if groups and not _starts_clause(sentence, groups[-1]):
            groups[-1].append(sentence)
        else:
            groups.append([sentence])
    result = []
    for number, group in enumerate(groups, 1):
        text = block.text[group[0].start:group[-1].end]
        duty = any(s.duty for s in group)
        clause_id = block.id if number == 1 else f"{block.id}-{number}"
        result.append(ClauseDraft(clause_id, block.section, text, duty,
                                  suggest(text, block.headings, duty=duty, point=point), block))
    return result


def segment(blocks: list[Block]) -> list[ClauseDraft]:
    """Every clause of the document in order, continuation clauses ("This includes ...") given
    the mapping of the clause they continue when they carry none of their own."""
    clauses: list[ClauseDraft] = []
    by_block: dict[int, ClauseDraft] = {}
    used: set[str] = set()
    for block in blocks:
        for clause in clauses_of(block):
            if _CONTINUES.match(clause.text):
                continued = by_block.get(id(block.parent)) if block.parent is not None else None
                if continued is None and clauses and clauses[-1].section == clause.section:
                    continued = clauses[-1]
                if continued is not None:
                    _continue(clause, continued)
            clause.id = _free_id(clause.id, used)
            clauses.append(clause)
            by_block.setdefault(id(block), clause)
    return clauses


def _free_id(wanted: str, used: set[str]) -> str:
    """An id no clause has yet: a document that numbers two points alike ("(a)" twice) still
    gives every clause its own."""
    candidate, n = wanted, 1
    while candidate in used:
        n += 1
        candidate = f"{wanted}.{n}"
    used.add(candidate)
    return candidate


def _starts_clause(sentence: Sentence, current: list[Sentence]) -> bool:
    if not sentence.duty:
        return False
    current_mapped = any(s.mapped for s in current)
    if current_mapped:
        return True
    if not sentence.mapped:
        return False
    # A duty with a mapping after sentences that carry none: a preface of duties joins it,
    # a description before it stays a clause of its own.
    return not all(s.duty for s in current)


def _duty_from_lead_in(block: Block) -> bool:
    lead = block.lead_in or (block.parent if block.kind == "item" else None)
    return lead is not None and states_duty(lead.text)


def _continue(clause: ClauseDraft, continued: ClauseDraft) -> None:
    """A clause that continues a duty ("This could include content you share") is part of
    that duty; if its own words carry no family or capability, it takes those of the duty."""
    if continued.duty and not clause.duty:
        clause.duty = True
        clause.suggestions = suggest(clause.text, clause.block.headings, duty=True,
                                     point=clause.block.kind != "paragraph")
    if any(s.chosen for s in clause.suggestions.values()):
        return
    merged = dict(clause.suggestions)
    for target, suggestion in continued.suggestions.items():
        if not suggestion.chosen:
            continue
        confidence = round(suggestion.confidence * INHERITED_SHARE, 2)
        own = merged.get(target)
        if own is None or own.confidence < confidence:
            merged[target] = Suggestion(target, confidence, (f"continues {continued.id}", *suggestion.why))
    clause.suggestions = dict(sorted(merged.items(), key=lambda item: -item[1].confidence))
    clause.inherited_from = continued.id
