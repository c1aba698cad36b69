"""Cleaning PDF extraction noise: running headers and footers, page numbers, hyphenation at
line ends, hard line breaks, ligatures, odd bullet glyphs and doubled spaces. The clauses of a
noisy PDF must come out word for word as the document has them."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from civicpost.policy_import import import_policy_bytes
from civicpost.policy_import.cleaning import (
    PdfLine,
    clean_glyphs,
    is_page_number,
    join_lines,
    mend_broken_paragraphs,
    remove_page_furniture,
    vocabulary_of,
)
from civicpost.policy_import.model import Paragraph

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.policy_documents import (  # noqa: E402
    SEED_FILES,
    fixture_bytes,
    pdf_from_text,
    pdf_typeset_from_text,
    seed_text,
)


def normal(text: str) -> str:
    return " ".join(text.replace("**", "").split())


@pytest.mark.parametrize(("raw", "clean"), [
    ("The ﬁrst ﬂoor oﬃce", "The first floor office"),
    ("\uf0b7 Do not post phone numbers", "• Do not post phone numbers"),
    ("■ Do not post phone numbers", "• Do not post phone numbers"),
    ("Do  not\u00a0post   phone numbers", "Do not post phone numbers"),
    ("pre\u00adelection", "preelection"),
    ("- a dash bullet stays", "- a dash bullet stays"),
])
def test_glyph_noise_is_cleaned(raw: str, clean: str) -> None:
    assert clean_glyphs(raw) == clean


@pytest.mark.parametrize("line", ["Page 3 of 7", "page 12", "- 3 -", "– 4 –", "3", "[3]", "(3)", "3/7"])
def test_page_numbers_are_recognised(line: str) -> None:
    assert is_page_number(line)


@pytest.mark.parametrize("line", ["3 March 2021", "Section 3", "3. Review", "Page through the minutes"])
def test_text_is_not_taken_for_a_page_number(line: str) -> None:
    assert not is_page_number(line)


@pytest.mark.parametrize(("left", "right", "joined"), [
    ("rules apply to all em-", "ployees of the council", "rules apply to all employees of the council"),
    ("keep your log-", "in details safe", "keep your log-in details safe"),
    ("during the pre-", "election period", "during the pre-election period"),
    ("Key points are :-", "criticism", "Key points are :- criticism"),
    ("a line that", "wraps", "a line that wraps"),
])
def test_lines_join_and_hyphenation_is_undone_only_where_it_is_not_the_words_own(
        left: str, right: str, joined: str) -> None:
    assert join_lines(left, right) == joined


def test_a_hyphenated_word_the_document_writes_elsewhere_keeps_its_hyphen() -> None:
    vocabulary = vocabulary_of(["Use the sign-off form.", "Every post needs a sign-off."])
    assert join_lines("the sign-", "off is recorded", vocabulary) == "the sign-off is recorded"


def _page(n: int, body: list[str]) -> list[PdfLine]:
    lines = ["Hollowmere Town Council – Social Media Policy", *body, f"Page {n} of 3"]
    return [PdfLine(text, 72.0, 800.0 - 14 * i, 10.0, n) for i, text in enumerate(lines)]


def test_running_headers_footers_and_page_numbers_are_removed() -> None:
    pages = [_page(1, ["HOLLOWMERE TOWN COUNCIL", "1. Scope"]), _page(2, ["2. Use", "body text"]),
             _page(3, ["3. Review", "This policy will be reviewed every three years."])]
    kept, dropped = remove_page_furniture(pages)
    texts = [line.text for page in kept for line in page]
    assert "HOLLOWMERE TOWN COUNCIL" in texts and "body text" in texts
    assert not any("Page" in t or "Social Media Policy" in t for t in texts)
    assert len(dropped) == 6


def test_a_single_page_keeps_its_title_but_loses_its_page_number() -> None:
    page = [PdfLine(t, 72.0, 800.0 - 14 * i, 10.0, 1)
            for i, t in enumerate(["Social Media Policy", "Never post a phone number.", "1"])]
    kept, _ = remove_page_furniture([page])
    assert [line.text for line in kept[0]] == ["Social Media Policy", "Never post a phone number."]


def test_hard_line_breaks_inside_a_paragraph_are_mended() -> None:
    wrapped = ("Councillors must not use their personal accounts to publish council notices or to",
               "take bookings for council facilities, and must say that their views are their own.")
    paragraphs = [Paragraph("Rules", gap_before=True), Paragraph(wrapped[0], gap_before=True),
                  Paragraph(wrapped[1], gap_before=False), Paragraph("- a point", gap_before=False),
                  Paragraph("- another point", gap_before=False),
                  Paragraph("Ratified: 14 November 2020", gap_before=True),
                  Paragraph("Next review: November 2024", gap_before=False)]
    mended = [p.text for p in mend_broken_paragraphs(paragraphs)]
    assert f"{wrapped[0]} {wrapped[1]}" in mended
    assert "- a point" in mended and "- another point" in mended
    assert "Ratified: 14 November 2020" in mended and "Next review: November 2024" in mended


def test_a_paragraph_split_by_a_page_break_is_joined() -> None:
    paragraphs = [Paragraph("You should refer to council policies for", gap_before=True),
                  Paragraph("guidance on what the council considers to be unacceptable.", gap_before=True)]
    assert [p.text for p in mend_broken_paragraphs(paragraphs)] == [
        "You should refer to council policies for guidance on what the council considers to be unacceptable."]


def _noisy_pdf_cases() -> list[tuple[str, str, bytes]]:
    cases = []
    for pack_id in SEED_FILES:
        text = seed_text(pack_id)
        if text is not None:
            cases.append((pack_id, text, pdf_from_text(text, header=f"{pack_id} – Social Media Policy")))
            cases.append((f"{pack_id}-dingbats", text,
                          pdf_from_text(text, header="Social Media Policy", page_numbers="- {n} -",
                                        dingbat_bullets=True)))
            cases.append((f"{pack_id}-typeset", text, pdf_typeset_from_text(text, footer=pack_id)))
    source = ROOT / "tests" / "fixtures" / "policies" / "hollowmere-numbered-policy.pdf.txt"
    cases.append(("hollowmere", source.read_text(encoding="utf-8"),
                  fixture_bytes("hollowmere-numbered-policy.pdf.txt", "pdf")))
    return cases


NOISY_PDFS = _noisy_pdf_cases()


@pytest.mark.parametrize(("name", "text", "pdf"), NOISY_PDFS, ids=[case[0] for case in NOISY_PDFS])
def test_a_noisy_pdf_gives_clauses_word_for_word(name: str, text: str, pdf: bytes) -> None:
    draft = import_policy_bytes(pdf, f"{name}.pdf")
    document = normal(text)
    hyphenated_in_source = set(re.findall(r"\w+-\w+", document))
    for clause in draft.clauses:
        # Word for word in the source: so no header, footer or page number crept in either.
        assert normal(clause.text) in document, clause.text
        assert not re.search(r"[ﬀ-ﬆ\uf0b7■]", clause.text)
        assert set(re.findall(r"\w+-\w+", clause.text)) <= hyphenated_in_source
    assert any("running header" in w for w in draft.warnings)
    assert any(c.text.startswith(("Never", "Do not", "promote", "publish", "Social networking"))
               for c in draft.clauses), "the bullets were not read as points"


def test_the_seed_pdfs_cut_into_the_same_clauses_as_their_text() -> None:
    for pack_id in SEED_FILES:
        text = seed_text(pack_id)
        if text is None:
            pytest.skip("the seed policy documents (../shared/seeds) are not here")
        from_text = [normal(c.text) for c in import_policy_bytes(text.encode(), "seed.txt").clauses]
        pdf = pdf_from_text(text, header="Social Media Policy")
        from_pdf = [normal(c.text) for c in import_policy_bytes(pdf, "seed.pdf").clauses]
        assert from_pdf == from_text
