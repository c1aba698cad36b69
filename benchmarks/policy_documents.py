"""Building policy documents in other formats for the import benchmark and tests: a plain-text
policy as a Word document (headings, Word's own list numbering, bold run-in headings) or as a
PDF with the noise real PDFs carry (running headers, "Page N of M" footers, words hyphenated
at line ends, ligatures, bullet glyphs), and the Word fixtures from their small markup.

Nothing here is written to disk: each builder returns the document's bytes.
"""

from __future__ import annotations

import codecs
import io
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / ".." / "shared" / "seeds"
FIXTURES = ROOT / "tests" / "fixtures" / "policies"
SEED_FILES = {"loughton-2019": "000_ff1b3b8c5eb7c5c4.txt", "ludgershall-2021": "003_406305b69c8768a4.txt"}

_NUMBERED_HEADING = re.compile(r"^\d{1,2}\.\s+\S")
_LIST_NUMBER = re.compile(r"^-\s+(\d{1,2})\.\s+")
_BULLET = re.compile(r"^(\s*)-\s+")


def text_bytes(text: str, encoding: str) -> bytes:
    """``text`` saved as plain text: "utf-8", "utf-8-bom", "cp1252" or "latin-1"."""
    if encoding == "utf-8-bom":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    return text.encode(encoding)


def _runs(paragraph: object, text: str) -> None:
    """Add ``text`` to a python-docx paragraph, ``**`` toggling bold as a text export marks it."""
    bold = False
    for piece in text.split("**"):
        if piece:
            run = paragraph.add_run(piece)  # type: ignore[attr-defined]
            run.bold = bold
        bold = not bold


def docx_from_plain_text(text: str) -> bytes:
    """A seed policy (plain text) as a Word document, laid out as its author would have: the
    first line as the title, numbered lines of a few words as headings, "- 1." points as a list
    Word numbers itself, "- " points as bulleted lists, everything else as plain paragraphs."""
    import docx

    document = docx.Document()
    titled = False
    for raw in text.splitlines():
        if not raw.strip():
            continue
        line = raw.rstrip()
        stripped = line.strip()
        if not titled:
            document.add_paragraph(stripped, style="Title")
            titled = True
            continue
        number = _LIST_NUMBER.match(stripped)
        bullet = _BULLET.match(line)
        if number:
            paragraph = document.add_paragraph(style="List Number")
            _runs(paragraph, stripped[number.end():])
        elif bullet:
            style = "List Bullet 2" if bullet.group(1) else "List Bullet"
            paragraph = document.add_paragraph(style=style)
            _runs(paragraph, line[bullet.end():])
        elif _NUMBERED_HEADING.match(stripped) and len(stripped.split()) <= 12 and not stripped.endswith("."):
            document.add_heading(stripped.replace("**", ""), level=1)
        else:
            paragraph = document.add_paragraph()
            _runs(paragraph, stripped)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_from_markup(markup: str) -> bytes:
    """A Word document from the fixtures' markup: ``#``/``##`` headings, ``*`` bullets, ``+``
    points numbered by Word, ``| a | b |`` table rows, any other line a paragraph."""
    import docx

    document = docx.Document()
    table_rows: list[list[str]] = []

    def flush() -> None:
        if not table_rows:
            return
        table = document.add_table(rows=len(table_rows), cols=max(len(r) for r in table_rows))
        for r, cells in enumerate(table_rows):
            for c, value in enumerate(cells):
                table.cell(r, c).text = value
        table_rows.clear()

    for line in markup.splitlines():
        if line.startswith("|"):
            table_rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
            continue
        flush()
        if not line.strip():
            continue
        if line.startswith("## "):
            document.add_heading(line[3:], level=2)
        elif line.startswith("# "):
            document.add_heading(line[2:], level=1)
        elif line.startswith("* "):
            document.add_paragraph(line[2:], style="List Bullet")
        elif line.startswith("+ "):
            document.add_paragraph(line[2:], style="List Number")
        else:
            document.add_paragraph(line)
    flush()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def markup_as_text(markup: str) -> str:
    """The words of a markup fixture, one paragraph (or table cell) a line, markers removed."""
    lines = []
    for line in markup.splitlines():
        if line.startswith("|"):
            lines.extend(cell.strip() for cell in line.strip().strip("|").split("|"))
        else:
            lines.append(re.sub(r"^(?:#+|\*|\+)\s+", "", line))
    return "\n".join(lines)


def pdf_from_text(text: str, header: str = "", page_numbers: str = "Page {n} of {total}",
                  hyphenate: bool = True, ligatures: bool = True, dingbat_bullets: bool = False) -> bytes:
    """A policy (plain text, one paragraph a line, "- " bullets) printed to an A4 PDF the way
    a word processor would, with the noise of a real one: ``header`` at the top of every page,
    a page number at the foot, long words hyphenated at line ends, "fi"/"fl" as ligatures and
    bullets as "•" glyphs with a hanging indent (or, with ``dingbat_bullets``, in the Zapf
    Dingbats font, which text extraction gives back as an odd square glyph)."""
    import reportlab
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = "CivicpostVera"
    if font not in pdfmetrics.getRegisteredFontNames():
        path = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
        pdfmetrics.registerFont(TTFont(font, str(path)))
    size, leading, gap = 10.5, 14.0, 8.0
    width, height = A4
    left, right, top, bottom = 72.0, 72.0, 90.0, 80.0

    def measure(words: str) -> float:
        return pdfmetrics.stringWidth(words, font, size)

    def wrap(paragraph: str, room: float) -> list[str]:
        lines: list[str] = []
        current = ""
        for word in paragraph.split():
            trial = f"{current} {word}".strip()
            if measure(trial) <= room:
                current = trial
                continue
            head, tail = _hyphenate(current, word, room, measure) if hyphenate else ("", word)
            if head:
                lines.append(f"{current} {head}".strip())
                current = tail
            else:
                if current:
                    lines.append(current)
                current = word
        if current:
            lines.append(current)
        return lines

    laid_out: list[list[tuple[float, str]]] = [[]]
    y = height - top
    for raw in text.splitlines():
        if not raw.strip():
            continue
        line = raw.rstrip().replace("**", "")
        bullet = _BULLET.match(line)
        if bullet and _LIST_NUMBER.match(line.strip()):
            line, bullet = line.strip()[bullet.end() - len(bullet.group(1)):], None  # "- 1." is point 1
        indent = left + (18.0 if bullet and bullet.group(1) else 0.0)
        body = line[bullet.end():] if bullet else line.strip()
        text_x = indent + (14.0 if bullet else 0.0)
        wrapped = wrap(body, width - right - text_x)
        for number, piece in enumerate(wrapped):
            if y < bottom:
                laid_out.append([])
                y = height - top
            if number == 0 and bullet:
                laid_out[-1].append((indent, f"\x00{y}\x00•"))
            laid_out[-1].append((text_x, f"\x00{y}\x00{piece}"))
            y -= leading
        y -= gap
    total = len(laid_out)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for n, page in enumerate(laid_out, 1):
        pdf.setFont(font, 9)
        if header:
            pdf.drawString(left, height - 50, header)
        if page_numbers:
            pdf.drawCentredString(width / 2, 40, page_numbers.format(n=n, total=total))
        pdf.setFont(font, size)
        for x, packed in page:
            _, at, words = packed.split("\x00")
            if words == "•" and dingbat_bullets:
                pdf.setFont("ZapfDingbats", size)
                pdf.drawString(x, float(at), "l")
                pdf.setFont(font, size)
                continue
            if ligatures:
                words = words.replace("fi", "ﬁ").replace("fl", "ﬂ")  # glyphs the font has
            pdf.drawString(x, float(at), words)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def pdf_typeset_from_text(text: str, footer: str = "") -> bytes:
    """The same policy typeset a second way (reportlab's page layout engine): justified text,
    bulleted lists with hanging indents whose bullets extract as a stray control character,
    spacing between paragraphs, and ``footer`` with the page number at the foot of each page."""
    from html import escape

    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import ListFlowable, ListItem, SimpleDocTemplate, Spacer
    from reportlab.platypus import Paragraph as Typeset

    body = getSampleStyleSheet()["BodyText"]
    body.alignment = TA_JUSTIFY
    story: list[object] = []
    for raw in text.splitlines():
        line = raw.strip().replace("**", "")
        if not line:
            continue
        bullet = _BULLET.match(line)
        if bullet and not _LIST_NUMBER.match(line):
            story.append(ListFlowable([ListItem(Typeset(escape(line[bullet.end():]), body))],
                                      bulletType="bullet", start="\u2022"))
        else:
            story.append(Typeset(escape(line[bullet.end():] if bullet else line), body))
            story.append(Spacer(1, 4))

    def foot(canvas: object, document: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont("Helvetica", 8)  # type: ignore[attr-defined]
        canvas.drawString(72, 30, f"{footer}   Page {document.page}")  # type: ignore[attr-defined]
        canvas.restoreState()  # type: ignore[attr-defined]

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story, onFirstPage=foot, onLaterPages=foot)  # type: ignore[arg-type]
    return buffer.getvalue()


def _hyphenate(current: str, word: str, room: float, measure: object) -> tuple[str, str]:
    """Split ``word`` so that its head (with a hyphen) still fits on the line: at its own
    hyphen if it has one, else inside a long word, as hyphenation in a word processor does."""
    fits = measure  # type: ignore[assignment]
    if "-" in word.strip("-"):
        head, _, tail = word.partition("-")
        if head and tail and fits(f"{current} {head}-".strip()) <= room:  # type: ignore[operator]
            return f"{head}-", tail
    letters = re.match(r"[A-Za-z]+", word)
    if not letters or len(letters.group(0)) < 9:
        return "", word
    for cut in range(len(letters.group(0)) - 3, 3, -1):
        head = word[:cut] + "-"
        if fits(f"{current} {head}".strip()) <= room:  # type: ignore[operator]
            return head, word[cut:]
    return "", word


def seed_text(pack_id: str) -> str | None:
    path = SEEDS / SEED_FILES[pack_id]
    return path.read_text(encoding="utf-8") if path.is_file() else None


def fixture_bytes(source: str, build: str) -> bytes:
    """A fixture document built into the format its expected file names."""
    text = (FIXTURES / source).read_text(encoding="utf-8")
    if build == "docx":
        return docx_from_markup(text)
    if build == "pdf":
        title = next((line for line in text.splitlines() if line.strip()), "")
        return pdf_from_text(text, header=f"{title.title()} – Social Media Policy")
    encoding = {"text-cp1252": "cp1252", "text-utf8-bom": "utf-8-bom"}.get(build, "utf-8")
    return text_bytes(text, encoding)


def fixture_reference_text(source: str, build: str) -> str:
    """The fixture's words as the reference the expected clauses are found in."""
    text = (FIXTURES / source).read_text(encoding="utf-8")
    return markup_as_text(text) if build == "docx" else text
