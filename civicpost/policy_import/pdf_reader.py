"""Reading a PDF with pypdf: the text of each page as lines with their position, so that
cleaning can tell running headers, page numbers and paragraph breaks from the text itself."""

from __future__ import annotations

import logging
from io import BytesIO
from typing import Any

from civicpost.policy_import.cleaning import PdfLine, paragraphs_from_pages
from civicpost.policy_import.errors import PolicyImportError
from civicpost.policy_import.model import Document

MAX_PAGES = 200


def read_pdf(data: bytes, name: str = "the document") -> Document:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are about the file, not us
    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))  # many "protected" PDFs open with an empty password
            except (NotImplementedError, PdfReadError, ValueError):
                opened = False
            if not opened:
                raise PolicyImportError(
                    f"{name} is a password-protected PDF: save an unprotected copy and import that")
        pages = list(reader.pages)
        if len(pages) > MAX_PAGES:
            raise PolicyImportError(f"{name} has {len(pages)} pages; a policy document has far fewer")
        lines = [_page_lines(page, number) for number, page in enumerate(pages, 1)]
    except PolicyImportError:
        raise
    except FileNotDecryptedError:
        raise PolicyImportError(f"{name} is a password-protected PDF: save an unprotected copy") from None
    except Exception as exc:  # pypdf raises many kinds of error on a damaged file
        raise PolicyImportError(
            f"{name} is a damaged PDF that cannot be read ({type(exc).__name__})") from None
    if sum(len(line.text.strip()) for page in lines for line in page) < 20:
        raise PolicyImportError(
            f"{name} is a PDF with no text in it (a scanned image?): use the Word original, "
            "or a PDF saved from it")
    warnings: list[str] = []
    furniture: list[str] = []
    paragraphs = paragraphs_from_pages(lines, warnings, furniture)
    return Document(paragraphs, "pdf", warnings=warnings, furniture=furniture)


def _page_lines(page: Any, number: int) -> list[PdfLine]:
    fragments: list[tuple[float, float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if not text or not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3]) or 1.0
        for offset, piece in enumerate(text.split("\n")):
            if piece.strip():
                fragments.append((x, y - offset * size * scale * 1.2, size * scale, piece))

    plain = page.extract_text(visitor_text=visit) or ""
    if not fragments or len({round(f[1]) for f in fragments}) <= 1 < plain.count("\n"):
        # No usable positions: fall back to the lines pypdf put together.
        return [PdfLine(text, 0.0, -float(i) * 12.0, 10.0, number)
                for i, text in enumerate(t for t in plain.split("\n") if t.strip())]
    return _group_lines(fragments, number, [t for t in plain.split("\n") if t.strip()])


def _group_lines(fragments: list[tuple[float, float, float, str]], page: int,
                 plain: list[str]) -> list[PdfLine]:
    """Fragments on the same baseline become one line, read top to bottom, left to right.

    The words of a line are taken from pypdf's own text of the page where it has the same
    characters (it knows the glyph widths, so it spaces words better than fragments can)."""
    rows: list[list[tuple[float, float, float, str]]] = []
    for fragment in sorted(fragments, key=lambda f: (-f[1], f[0])):
        if rows and abs(rows[-1][0][1] - fragment[1]) <= max(1.5, fragment[2] * 0.3):
            rows[-1].append(fragment)
        else:
            rows.append([fragment])
    spaced: dict[str, list[str]] = {}
    for line in plain:
        spaced.setdefault(_letters(line), []).append(line)
    lines = []
    for row in rows:
        row.sort(key=lambda f: f[0])
        text = ""
        for _, _, _, piece in row:
            text = piece if not text else _join_fragment(text, piece)
        same = spaced.get(_letters(text))
        if same:
            text = same.pop(0)
        lines.append(PdfLine(text.strip(), row[0][0], row[0][1], max(f[2] for f in row), page))
    return lines


def _letters(text: str) -> str:
    return "".join(text.split())


def _join_fragment(left: str, right: str) -> str:
    if left.endswith((" ", "\t")) or right.startswith((" ", "\t")):
        return left + right
    return left + " " + right
