"""Reading a policy document: plain text in the encodings councils' files come in, Word and
PDF, told apart by their content; and every file that cannot be read gets one clear line."""

from __future__ import annotations

import codecs
import io
import re
import sys
import zipfile
from pathlib import Path

import pytest

from civicpost.policy_import import PolicyImportError, import_policy, import_policy_bytes, reading
from civicpost.policy_import.reading import detect_format, read_bytes

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.policy_documents import docx_from_markup, pdf_from_text, text_bytes  # noqa: E402

POLICY = """Little Brampton Parish Council

Social Media Policy

1. Rules for posts

- Never post a resident’s home address or telephone number.
- Do not post anything confidential from a closed session.

2. Review

This policy will be reviewed every two years.
"""


def texts(draft: object) -> list[str]:
    return [c.text for c in draft.clauses]  # type: ignore[attr-defined]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-bom", "cp1252"])
def test_plain_text_in_each_encoding_reads_the_same(encoding: str) -> None:
    draft = import_policy_bytes(text_bytes(POLICY, encoding), "policy.txt")
    assert draft.council == "Little Brampton Parish Council"
    assert "Never post a resident’s home address or telephone number." in texts(draft)
    assert not any(t.startswith("\ufeff") for t in texts(draft))


def test_latin1_bytes_that_are_not_windows_1252_still_read() -> None:
    # 0x81 is undefined in Windows-1252, so the file can only be Latin-1.
    data = "Café rules\n\n- Never post a phone number \x81here.\n".encode("latin-1")
    document = read_bytes(data, "policy.txt")
    assert document.encoding == "latin-1"
    assert document.paragraphs[0].text == "Café rules"


def test_utf16_with_a_byte_order_mark_reads() -> None:
    draft = import_policy_bytes(codecs.BOM_UTF16_LE + POLICY.encode("utf-16-le"), "policy.txt")
    assert "Do not post anything confidential from a closed session." in texts(draft)


def test_word_document_headings_numbering_and_tables() -> None:
    markup = "\n".join([
        "# Little Brampton Parish Council",
        "# Social Media Policy",
        "## 1. Rules for posts",
        "+ Never post a resident’s home address.",
        "+ Do not post anything from a closed session.",
        "* Credit the photographer of every picture.",
        "## 2. Do and don't",
        "| Do | Don't |",
        "| Keep posts polite. | Swear at anyone. |",
    ])
    draft = import_policy_bytes(docx_from_markup(markup), "policy.docx")
    assert draft.source_format == "docx"
    assert draft.title == "Social Media Policy"
    by_text = {c.text: c for c in draft.clauses}
    # Word numbers the points itself; the numbers become the clauses' ids.
    assert by_text["Never post a resident’s home address."].id == "s1.1"
    assert by_text["Do not post anything from a closed session."].id == "s1.2"
    assert by_text["Credit the photographer of every picture."].section == "1. Rules for posts"
    cell = by_text["Swear at anyone."]
    assert cell.section.endswith("Don't") and cell.families == ["AB"]


def test_bold_run_in_heading_of_a_word_paragraph_names_its_section() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Social Media Policy", style="Title")
    paragraph = document.add_paragraph(style="List Number")
    paragraph.add_run("Personal use").bold = True
    paragraph.add_run(" of social media must never include a resident’s phone number.")
    buffer = io.BytesIO()
    document.save(buffer)
    draft = import_policy_bytes(buffer.getvalue(), "policy.docx")
    clause = draft.clauses[0]
    assert clause.text == "Personal use of social media must never include a resident’s phone number."
    assert clause.section == "1. Personal use"


def test_pdf_reads() -> None:
    draft = import_policy_bytes(pdf_from_text(POLICY, header="Little Brampton PC"), "policy.pdf")
    assert draft.source_format == "pdf"
    assert "Never post a resident’s home address or telephone number." in texts(draft)


def test_the_type_comes_from_the_content_not_the_name(tmp_path: Path) -> None:
    pdf = tmp_path / "policy.txt"
    pdf.write_bytes(pdf_from_text(POLICY))
    word = tmp_path / "policy.pdf"
    word.write_bytes(docx_from_markup("# Social Media Policy\n* Never post a phone number."))
    text = tmp_path / "policy.docx"
    text.write_text(POLICY, encoding="utf-8")
    assert import_policy(pdf).source_format == "pdf"
    assert import_policy(word).source_format == "docx"
    assert import_policy(text).source_format == "text"


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf_from_text(POLICY))).pages:
        writer.add_page(page)
    writer.encrypt(user_password="clerk", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _image_only_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.rect(72, 400, 300, 300, fill=1)  # a scan: marks on the page, no text layer
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


BAD_FILES = {
    "empty": (b"", "is empty"),
    "blank": (b"  \n\n\t \n", "is empty"),
    "binary": (bytes(range(256)) * 4, "not a text, Word or PDF document"),
    "png": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG image"),
    "old-word": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "old Word (.doc)"),
    "rtf": (b"{\\rtf1\\ansi Social media policy}", "Rich Text"),
    "odt": (_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
            "OpenDocument"),
    "zip": (_zip({"notes.txt": b"hello"}), "ZIP archive"),
    "damaged-zip": (b"PK\x03\x04" + b"\x00" * 100, "damaged"),
    "damaged-docx": (_zip({"word/document.xml": b"<not-word", "[Content_Types].xml": b"<x"}), "damaged Word"),
    "damaged-pdf": (b"%PDF-1.4\n" + b"garbage " * 50, "damaged PDF"),
    "encrypted-pdf": (_encrypted_pdf(), "password-protected PDF"),
    "image-only-pdf": (_image_only_pdf(), "no text in it"),
    "html": (b"<!DOCTYPE html><html><body>Policy</body></html>", "web page"),
    "no-clauses": (b"Social Media Policy\n", "no clauses"),
    "pack": ((ROOT / "civicpost" / "policies" / "ludgershall-2021.toml").read_bytes(),
             "already a policy pack"),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_a_file_that_cannot_be_imported_gets_one_clear_line(kind: str) -> None:
    data, words = BAD_FILES[kind]
    with pytest.raises(PolicyImportError) as caught:
        import_policy_bytes(data, f"upload.{kind}")
    message = str(caught.value)
    assert words in message
    assert "\n" not in message and message.startswith(f"upload.{kind}")


def test_a_missing_file_and_a_folder(tmp_path: Path) -> None:
    with pytest.raises(PolicyImportError, match="no such file"):
        import_policy(tmp_path / "missing.docx")
    with pytest.raises(PolicyImportError, match="is a folder"):
        import_policy(tmp_path)


def test_an_enormous_file_is_refused_before_it_is_read(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "policy.txt"
    big.write_bytes(b"Never post a phone number.\n" * 100)
    monkeypatch.setattr(reading, "MAX_BYTES", 1000)
    with pytest.raises(PolicyImportError, match="far smaller"):
        import_policy(big)


def test_detect_format_reads_the_magic_bytes() -> None:
    assert detect_format(pdf_from_text(POLICY)) == "pdf"
    assert detect_format(docx_from_markup("# Policy")) == "docx"
    assert detect_format(POLICY.encode()) == "text"


# --- Any input: a draft or one line, never a crash ------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from civicpost.engine import parse_pack  # noqa: E402

_MARKERS = ["", "", "- ", "• ", "1. ", "2. ", "2.3 ", "(a) ", "b) ", "i) ", "Section 2 – ", "Appendix A – ",
            "**", "    - "]
_WORDS = ["Never", "post", "a", "resident's", "phone", "number", "Council", "must", "not", "share",
          "confidential", "abuse", "election", "Adopted:", "12", "March", "2019", "reviewed", "every",
          "two", "years", "e.g.", "etc.", "Cllr.", "“quoted”", "policy", "Town", "Parish", "staff", "–"]
_LINE = st.tuples(st.sampled_from(_MARKERS), st.lists(st.sampled_from(_WORDS), max_size=25),
                  st.sampled_from(["", ".", ":", ";", "?", " ", "-"]))
_DOCUMENT = st.lists(st.one_of(_LINE.map(lambda t: t[0] + " ".join(t[1]) + t[2]), st.just("")), max_size=40)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_any_bytes_give_a_draft_or_one_clear_line(data: bytes) -> None:
    try:
        draft = import_policy_bytes(data, "upload")
    except PolicyImportError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("upload")
    else:
        assert draft.clauses


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENT)
def test_any_policy_like_text_gives_verbatim_clauses_and_a_valid_pack(lines: list[str]) -> None:
    text = "\n".join(lines)
    try:
        draft = import_policy_bytes(text.encode("utf-8"), "policy.txt")
    except PolicyImportError as exc:
        assert "\n" not in str(exc)
        return
    # The importer changes only spacing and a hyphen where a line broke a word: no letter is
    # added, dropped or changed.
    def letters(words: str) -> str:
        return re.sub(r"[\s-]+", "", words.replace("**", ""))

    for clause in draft.clauses:
        assert letters(clause.text) in letters(text)
    pack = parse_pack(draft.to_toml(), source="fuzz")
    assert len(pack.clauses) == len(draft.clauses)
