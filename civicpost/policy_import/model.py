"""What the readers hand on: the document as a sequence of paragraphs, each with the layout
hints its format gives (a Word heading style or list number, the indentation of a text line,
a table cell), before any decision about headings, lists or clauses is made."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    """One paragraph of a document, its text as printed (list labels included)."""

    text: str
    heading_level: int = 0
    """1 for a Word "Heading 1" or "Title", 2 for "Heading 2" ...; 0 when not a styled heading."""
    list_label: str = ""
    """The label Word's own list numbering gives the paragraph ("3.", "a)", "•"), which is not
    part of its text; "" when the label, if any, is typed in the text itself."""
    list_level: int = 0
    indent: int = 0
    """How far the paragraph is indented: leading spaces of a text line, tenths of an inch in a PDF."""
    bold_lead: str = ""
    """Words printed in bold at the start (a run-in heading such as "4. Personal use ...")."""
    cell: tuple[int, int, int] | None = None
    """(table, row, column) for the text of a table cell, counted from 1."""
    column_header: str = ""
    gap_before: bool = True
    """Whether a blank line (or, in a PDF, more than a line's space) comes before it."""


@dataclass
class Document:
    """A read document: its paragraphs, the format it came in and what reading noticed."""

    paragraphs: list[Paragraph]
    source_format: str
    """"text", "docx" or "pdf"."""
    encoding: str = ""
    warnings: list[str] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)
    """Running headers, footers and page numbers left out of a PDF's text."""
