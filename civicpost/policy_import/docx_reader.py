"""Reading a Word (.docx) document with python-docx: paragraphs in order with their heading
styles, the labels of Word's own list numbering, bold run-in headings, and tables cell by cell.

python-docx gives a paragraph's text but not the number Word shows beside it ("3.", "b)"), which
lives in the numbering part; :class:`_Numbering` works it out so that a clause keeps its number.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from typing import Any

from civicpost.policy_import.errors import PolicyImportError
from civicpost.policy_import.model import Document, Paragraph

_HEADING_STYLE = re.compile(r"^(?:heading|überschrift|titre)\s*(\d)", re.IGNORECASE)
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def read_docx(data: bytes, name: str = "the document") -> Document:
    from docx import Document as open_document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = open_document(BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise PolicyImportError(f"{name} is a damaged Word document ({exc})") from None
    except Exception as exc:  # lxml raises its own XML errors for a corrupt part
        raise PolicyImportError(f"{name} is a damaged Word document ({type(exc).__name__})") from None
    numbering = _Numbering(document)
    paragraphs: list[Paragraph] = []
    tables = 0
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            tables += 1
            paragraphs.extend(_table(block, tables, numbering))
        else:
            paragraph = _paragraph(block, numbering)
            if paragraph is not None:
                paragraphs.append(paragraph)
    if not any(p.text.strip() for p in paragraphs):
        raise PolicyImportError(f"{name} is a Word document with no text in it")
    return Document(paragraphs, "docx")


def _paragraph(block: Any, numbering: _Numbering) -> Paragraph | None:
    text = " ".join(block.text.replace("\t", " ").split())
    if not text:
        return None
    style = _style_name(block)
    level = 0
    match = _HEADING_STYLE.match(style)
    if match:
        level = int(match.group(1))
    elif style.lower() in ("title", "subtitle"):
        level = 1 if style.lower() == "title" else 2
    label, list_level = numbering.label(block)
    return Paragraph(text=text, heading_level=level, list_label=label, list_level=list_level,
                     bold_lead=_bold_lead(block))


def _table(table: Any, number: int, numbering: _Numbering) -> list[Paragraph]:
    rows: list[list[list[Paragraph]]] = []
    seen: list[Any] = []  # the cell elements themselves: a merged cell comes once per column it spans
    for row in table.rows:
        cells: list[list[Paragraph]] = []
        for cell in row.cells:
            if any(cell._tc is element for element in seen):
                continue
            seen.append(cell._tc)
            cells.append([p for p in (_paragraph(b, numbering) for b in cell.paragraphs) if p])
        rows.append(cells)
    headers: list[str] = []
    if len(rows) > 1 and rows[0] and all(_is_header_cell(c) for c in rows[0]):
        headers = [" ".join(p.text for p in cell) for cell in rows[0]]
        rows = rows[1:]
        first_row = 2
    else:
        first_row = 1
    result: list[Paragraph] = []
    for r, cells in enumerate(rows, first_row):
        for c, cell in enumerate(cells, 1):
            for paragraph in cell:
                paragraph.cell = (number, r, c)
                paragraph.column_header = headers[c - 1] if c - 1 < len(headers) else ""
                paragraph.heading_level = 0
                result.append(paragraph)
    return result


def _is_header_cell(cell: list[Paragraph]) -> bool:
    text = " ".join(p.text for p in cell).strip()
    return (bool(text) and len(text.split()) <= 6 and not re.search(r"\d", text)
            and not text.endswith((".", ";", "!", "?")))


def _style_name(block: Any) -> str:
    try:
        return str(block.style.name or "") if block.style is not None else ""
    except (KeyError, AttributeError, ValueError):
        return ""


def _bold_lead(block: Any) -> str:
    """The bold words a paragraph opens with, when what follows is not bold."""
    lead: list[str] = []
    runs = list(block.runs)
    for index, run in enumerate(runs):
        if not run.text:
            continue
        if run.bold:
            lead.append(run.text)
            continue
        if lead and any(r.text.strip() for r in runs[index:]):
            return " ".join("".join(lead).split())
        return ""
    return " ".join("".join(lead).split())  # the whole paragraph is bold


class _Numbering:
    """Word's list numbering: which label ("2.", "b)", "•") each numbered paragraph shows."""

    def __init__(self, document: Any) -> None:
        self._formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self._counters: dict[str, list[int]] = {}
        self._styles: dict[str, tuple[str, int] | None] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, Any] = {}
        for node in root.findall(_w("abstractNum")):
            abstract[node.get(_w("abstractNumId"))] = node
        for num in root.findall(_w("num")):
            num_id = num.get(_w("numId"))
            ref = num.find(_w("abstractNumId"))
            definition = abstract.get(ref.get(_w("val"))) if ref is not None else None
            if num_id is None or definition is None:
                continue
            for lvl in definition.findall(_w("lvl")):
                ilvl = int(lvl.get(_w("ilvl"), "0"))
                fmt = _val(lvl.find(_w("numFmt")), "decimal")
                text = _val(lvl.find(_w("lvlText")), f"%{ilvl + 1}.")
                start = int(_val(lvl.find(_w("start")), "1"))
                self._formats[(num_id, ilvl)] = (fmt, text, start)

    def label(self, block: Any) -> tuple[str, int]:
        found = self._num_pr(block)
        if found is None:
            return "", 0
        num_id, ilvl = found
        if num_id == "0" or (num_id, ilvl) not in self._formats:
            return "", 0
        counters = self._counters.setdefault(num_id, [0] * 9)
        fmt, _, start = self._formats[(num_id, ilvl)]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if fmt == "bullet":
            return "•", ilvl
        _, text, _ = self._formats[(num_id, ilvl)]

        def number(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            level_fmt = self._formats.get((num_id, level), ("decimal", "", 1))[0]
            value = counters[level] or self._formats.get((num_id, level), ("", "", 1))[2]
            return _format_number(value, level_fmt)

        return re.sub(r"%(\d)", number, text).strip(), ilvl

    def _num_pr(self, block: Any) -> tuple[str, int] | None:
        p_pr = block._p.pPr
        num_pr = p_pr.numPr if p_pr is not None else None
        if num_pr is not None and num_pr.numId is not None:
            ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
            return str(num_pr.numId.val), int(ilvl)
        style = getattr(block, "style", None)
        while style is not None:
            key = str(style.style_id)
            if key not in self._styles:
                self._styles[key] = _style_num_pr(style)
            if self._styles[key] is not None:
                return self._styles[key]
            style = style.base_style
        return None


def _style_num_pr(style: Any) -> tuple[str, int] | None:
    p_pr = style.element.pPr
    num_pr = p_pr.numPr if p_pr is not None else None
    if num_pr is None or num_pr.numId is None:
        return None
    ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
    return str(num_pr.numId.val), int(ilvl)


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = ""
        for size, digits in _ROMAN:
            while value >= size:
                roman += digits
                value -= size
        return roman.upper() if fmt == "upperRoman" else roman
    return str(value)


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


def _val(node: Any, default: str) -> str:
    if node is None:
        return default
    return str(node.get(_w("val"), default))
