"""From paragraphs to the parts of a policy: headings, numbered sections, numbered and lettered
points, bullets, table cells and plain paragraphs, each with a stable id from its numbering
(``s3``, ``s3.2``, ``s2.a``, ``s3.c.i``, ``s3.b4``) or, where the document numbers nothing, from
the slug of its heading (``posting-council.p2``).

A heading is not a clause: it is the ``section`` of the clauses under it. What counts as a
heading: a Word heading style; a short line in bold; a numbered or "Section 4 –" line of a few
words that ends no sentence; and an unnumbered line of a few words that ends no sentence, stands
on its own and is followed by text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from civicpost.policy_import.cleaning import ends_sentence
from civicpost.policy_import.markers import Marker, read_marker
from civicpost.policy_import.model import Paragraph

_STOP = frozenset("a an and at by for from in of on or our the their to with your you its is are".split())
_QUOTE_OPENERS = ("“", "\"", "‘", "'")


@dataclass
class Block:
    """A part of the document that holds clauses: a paragraph, a point of a list or a table cell."""

    kind: str
    """"paragraph", "item" (a numbered, lettered or bulleted point) or "cell"."""
    id: str
    section: str
    text: str
    headings: list[str] = field(default_factory=list)
    """The headings it sits under, outermost first (for the words they lend the mapping)."""
    lead_in: Block | None = None
    """The sentence that introduces the list this point belongs to ("... must not:")."""
    parent: Block | None = None
    """The point this one is a sub-point of ((c) for its i), ii))."""


@dataclass
class _Section:
    prefix: str
    label: str
    headings: list[str]
    number: int = 0


@dataclass
class _State:
    top: _Section = field(default_factory=lambda: _Section("preamble", "", []))
    sub: _Section | None = None
    last_top: int = 0
    list_number: int = 0
    counters: dict[str, int] = field(default_factory=dict)
    by_number: dict[str, Block] = field(default_factory=dict)
    last_letter: Block | None = None
    last_letter_value: str = ""
    last_numbered: Block | None = None
    lead_in: Block | None = None
    used_ids: set[str] = field(default_factory=set)
    top_level: int = 0

    @property
    def section(self) -> _Section:
        return self.sub or self.top

    def count(self, key: str) -> int:
        self.counters[key] = self.counters.get(key, 0) + 1
        return self.counters[key]

    def unique(self, wanted: str) -> str:
        candidate, n = wanted, 1
        while candidate in self.used_ids:
            n += 1
            candidate = f"{wanted}-{n}"
        self.used_ids.add(candidate)
        return candidate


def strip_bold_markers(text: str) -> tuple[str, str]:
    """Text without the ``**`` bold markers a conversion to text leaves, and the bold words it
    opens with (a run-in heading) if any: ``"1. Scope** of it"`` gives ``("1. Scope of it", "Scope")``."""
    if "**" not in text:
        return text, ""
    marker = read_marker(text)
    body = marker.rest if marker.kind else text
    lead = ""
    if body.startswith("**"):
        closing = body.find("**", 2)
        lead = body[2:closing] if closing > 0 else body[2:]
    elif body.count("**") % 2 == 1:
        lead = body[:body.find("**")]
    clean = re.sub(r"\s*\*\*\s*(?=[,.;:)])|\*\*", "", text)
    return " ".join(clean.split()), " ".join(lead.split()).strip(" :")


def heading_like(text: str, max_words: int) -> bool:
    """A few words that end no sentence and do not start in lower case."""
    text = text.strip()
    words = text.split()
    if not words or len(words) > max_words or text[0].islower():
        return False
    if text.endswith(":") or text.endswith(":-"):
        return len(words) <= 2
    return not text.endswith((".", ";", "!", "?", ","))


def slug(text: str, words: int = 3) -> str:
    kept = [w for w in re.findall(r"[a-z0-9]+", text.lower().replace("’", "").replace("'", ""))
            if w not in _STOP]
    return "-".join(kept[:words]) or "part"


def build_blocks(paragraphs: list[Paragraph]) -> list[Block]:
    """The blocks of the document's body, in order (title block and metadata already removed)."""
    state = _State()
    blocks: list[Block] = []
    paragraphs = _join_quotations(paragraphs)
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        text, bold = strip_bold_markers(paragraph.text)
        if not text:
            continue
        if paragraph.list_label:
            text = f"{paragraph.list_label} {text}"
        bold = bold or paragraph.bold_lead
        if paragraph.cell:
            blocks.append(_cell(state, paragraph, text))
            continue
        marker = read_marker(text, state.last_letter_value)
        if _is_heading(paragraph, marker, text, bold, following):
            _open_heading(state, paragraph, marker, text)
            continue
        block = _place(state, paragraph, marker, text, bold)
        blocks.append(block)
    return blocks


def _join_quotations(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A paragraph that ends "... states:" and the quotation it introduces are one clause."""
    joined: list[Paragraph] = []
    for paragraph in paragraphs:
        previous = joined[-1] if joined else None
        if (previous is not None and not previous.cell and not paragraph.cell
                and previous.text.rstrip().endswith(":") and paragraph.text.startswith(_QUOTE_OPENERS)
                and not read_marker(paragraph.text).kind and len(previous.text.split()) > 3):
            previous.text = f"{previous.text.rstrip()} {paragraph.text}"
            continue
        joined.append(Paragraph(**vars(paragraph)))
    return joined


def _is_heading(paragraph: Paragraph, marker: Marker, text: str, bold: str,
                following: Paragraph | None) -> bool:
    if paragraph.heading_level:
        return True
    rest = marker.rest if marker.kind else text
    if marker.kind in ("bullet", "letter", "roman"):
        return False
    if marker.kind in ("number", "section", "appendix"):
        return heading_like(rest, 12) or (bool(bold) and bold == rest and len(rest.split()) <= 12)
    if following is None:
        return False
    if bold and bold == text and heading_like(text, 12):
        return True
    standalone = paragraph.gap_before and (following.gap_before or following.heading_level > 0
                                           or bool(following.list_label))
    shouting = text.isupper() and len(text.split()) <= 10 and not ends_sentence(text)
    return (standalone or shouting) and heading_like(text, 10)


def _open_heading(state: _State, paragraph: Paragraph, marker: Marker, text: str,
                  title: str | None = None) -> None:
    rest = title if title is not None else (marker.rest if marker.kind else text)
    rest = strip_bold_markers(rest.strip().rstrip(":-").strip())[0]
    state.lead_in = None
    state.last_letter = None
    state.last_letter_value = ""
    if marker.kind == "number" and "." not in marker.value:
        number = int(marker.value)
        state.top = _Section(f"s{number}", f"{number}. {rest}", [rest], number)
        state.last_top, state.sub, state.list_number = number, None, 0
        state.last_numbered = None
        return
    if marker.kind == "section":
        value = marker.value
        number = int(value) if value.isdigit() else 0
        name = marker.raw.rstrip(" –—:.-")
        state.top = _Section(f"s{value.lower()}", f"{name} – {rest}" if rest else name,
                             [rest] if rest else [], number)
        state.last_top, state.sub, state.list_number = number or state.last_top, None, 0
        return
    if marker.kind == "appendix":
        name = marker.raw.rstrip(" –—:.-")
        state.top = _Section(f"app-{marker.value.lower()}", f"{name} – {rest}" if rest else name,
                             [rest] if rest else [])
        state.sub, state.list_number = None, 0
        return
    if marker.kind == "number":  # "3.1 Scope": a numbered sub-heading
        top_number = marker.value.split(".")[0]
        _ensure_top(state, int(top_number))
        state.sub = _Section(f"s{marker.value}", f"{state.top.label}: {marker.value} {rest}",
                             [*state.top.headings, rest])
        return
    nested = state.top.number > 0 or state.top.prefix.startswith("app-") or (
        paragraph.heading_level > 1 and state.top.prefix != "preamble"
        and 0 < state.top_level < paragraph.heading_level)
    if nested:
        state.sub = _Section(f"{state.top.prefix}.{slug(rest)}", f"{state.top.label}: {rest}",
                             [*state.top.headings, rest])
    else:
        state.top = _Section(slug(rest), rest, [rest])
        state.top_level = paragraph.heading_level
        state.sub = None
    state.list_number = 0


def _ensure_top(state: _State, number: int) -> None:
    if state.top.number != number:
        state.top = _Section(f"s{number}", str(number), [], number)
        state.last_top, state.sub, state.list_number = number, None, 0


def _place(state: _State, paragraph: Paragraph, marker: Marker, text: str, bold: str) -> Block:
    section = state.section
    rest = marker.rest.strip() if marker.kind else text
    if marker.kind == "number" and "." in marker.value:
        return _dotted(state, marker, rest)
    if marker.kind == "number":
        number = int(marker.value)
        if state.list_number and number == state.list_number + 1:
            state.list_number = number
            return _item(state, f"{state.section.prefix}.{number}", rest)
        if number == state.last_top + 1 or (number == 1 and state.last_top == 0):
            label = bold or _opening_words(rest)
            state.top = _Section(f"s{number}", f"{number}. {label}", [label] if bold else [], number)
            state.last_top, state.sub, state.list_number = number, None, 0
            state.lead_in = None
            block = Block("paragraph", state.unique(f"s{number}"), state.top.label, rest,
                          list(state.top.headings))
            state.last_numbered = block
            state.by_number[str(number)] = block
            _maybe_lead_in(state, block)
            return block
        state.list_number = number
        return _item(state, f"{section.prefix}.{number}", rest)
    if marker.kind in ("letter", "roman"):
        return _lettered(state, marker, rest)
    if marker.kind == "bullet":
        n = state.count(f"{section.prefix}.b")
        return _item(state, f"{section.prefix}.b{n}", rest)
    if marker.kind in ("section", "appendix"):  # "Section 4 – text that is a clause itself"
        _open_heading(state, paragraph, marker, text, title="")
        return _paragraph(state, rest)
    return _paragraph(state, text)


def _paragraph(state: _State, text: str) -> Block:
    section = state.section
    n = state.count(f"{section.prefix}.p")
    block = Block("paragraph", state.unique(f"{section.prefix}.p{n}"), section.label, text,
                  list(section.headings))
    state.lead_in = None
    _maybe_lead_in(state, block)
    return block


def _maybe_lead_in(state: _State, block: Block) -> None:
    text = block.text.rstrip()
    if text.endswith((":", ":-")) or not ends_sentence(text):
        state.lead_in = block


def _item(state: _State, wanted_id: str, text: str, parent: Block | None = None) -> Block:
    section = state.section
    return Block("item", state.unique(wanted_id), section.label, text, list(section.headings),
                 lead_in=state.lead_in, parent=parent)


def _dotted(state: _State, marker: Marker, rest: str) -> Block:
    parts = marker.value.split(".")
    _ensure_top(state, int(parts[0]))
    parent = state.by_number.get(".".join(parts[:-1]))
    lead_in = parent if parent is not None and parent.text.rstrip().endswith((":", ":-")) else None
    section = state.section
    block = Block("item", state.unique(f"s{marker.value}"), section.label, rest, list(section.headings),
                  lead_in=lead_in, parent=parent)
    state.by_number[marker.value] = block
    state.last_numbered = block
    state.last_letter, state.last_letter_value = None, ""
    return block


def _lettered(state: _State, marker: Marker, rest: str) -> Block:
    if marker.kind == "roman" and state.last_letter is not None:
        parent = state.last_letter
        return _item(state, f"{parent.id}.{marker.value}", rest, parent=parent)
    base = state.last_numbered.id if state.last_numbered is not None and \
        state.last_numbered.section == state.section.label and state.last_numbered.kind == "item" \
        else state.section.prefix
    block = _item(state, f"{base}.{marker.value}", rest, parent=state.last_numbered)
    state.last_letter, state.last_letter_value = block, marker.value
    return block


def _cell(state: _State, paragraph: Paragraph, text: str) -> Block:
    assert paragraph.cell is not None
    _, row, column = paragraph.cell
    section = state.section
    header = paragraph.column_header
    name = slug(header, 2) if header else f"c{column}"
    label = f"{section.label}: {header}" if header and section.label else (header or section.label)
    headings = [*section.headings, header] if header else list(section.headings)
    return Block("cell", state.unique(f"{section.prefix}.{name}{row}"), label, text, headings)


def _opening_words(text: str) -> str:
    """The opening words of an unheaded numbered paragraph, to name its section."""
    clause = re.split(r"[,;:.(–—]", text, maxsplit=1)[0]
    words = clause.split()
    return " ".join(words[:8])
