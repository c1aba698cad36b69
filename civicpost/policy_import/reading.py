"""Reading a policy document: plain text, Word (.docx) or PDF, told apart by their content.

The file name is only used in messages: a ``.txt`` that is really a PDF is read as a PDF, and a
``.docx`` that is really an old ``.doc`` gets a message saying so. Everything that cannot be read
raises :class:`PolicyImportError` with one line a Clerk can act on.
"""

from __future__ import annotations

import codecs
import tomllib
import unicodedata
import zipfile
from io import BytesIO
from pathlib import Path

from civicpost.policy_import.errors import PolicyImportError
from civicpost.policy_import.model import Document, Paragraph

MAX_BYTES = 25 * 1024 * 1024
"""A social media policy is a few pages; anything this large is not one (or is a scan)."""

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = {
    b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"II*\x00": "a TIFF image", b"MM\x00*": "a TIFF image", b"BM": "a bitmap image",
}


def read_file(path: str | Path) -> Document:
    """Read the document at ``path``."""
    path = Path(path)
    name = str(path)
    if path.is_dir():
        raise PolicyImportError(f"{name} is a folder, not a document")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise PolicyImportError(
                f"{name} is {size // (1024 * 1024)} MB; a policy document is far smaller "
                f"(the limit is {MAX_BYTES // (1024 * 1024)} MB)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise PolicyImportError(f"{name}: no such file") from None
    except OSError as exc:
        raise PolicyImportError(f"cannot read {name}: {exc.strerror or exc}") from None
    return read_bytes(data, name)


def detect_format(data: bytes) -> str:
    """"pdf", "docx", "text", or a description of what else the bytes are ("an old Word .doc")."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if data.startswith(_OLE):
        return ("an old Word (.doc) file or a password-protected Word document: save it as .docx "
                "without a password, or as PDF")
    if data.startswith(b"{\\rtf"):
        return "a Rich Text (.rtf) file: save it as .docx, PDF or plain text"
    for magic, kind in _IMAGES.items():
        if data.startswith(magic):
            return f"{kind}, not a document with text: use the Word or PDF original of the policy"
    return "text"


def read_bytes(data: bytes, name: str = "the document") -> Document:
    """Read a document from its bytes; ``name`` is used in messages only."""
    if not data.strip():
        raise PolicyImportError(f"{name} is empty")
    if len(data) > MAX_BYTES:
        raise PolicyImportError(f"{name} is too large for a policy document")
    kind = detect_format(data)
    if kind == "pdf":
        from civicpost.policy_import.pdf_reader import read_pdf

        return read_pdf(data, name)
    if kind == "docx":
        from civicpost.policy_import.docx_reader import read_docx

        return read_docx(data, name)
    if kind == "text":
        return read_text(data, name)
    raise PolicyImportError(f"{name} is {kind}")


def decode_text(data: bytes, name: str = "the document") -> tuple[str, str]:
    """The text of a plain-text file and the encoding it was in: UTF-8 (with or without a
    byte-order mark), UTF-16 with a byte-order mark, else Windows-1252, else Latin-1."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8):], "utf-8", name), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", name), "utf-16"
    if b"\x00" in data:
        raise PolicyImportError(f"{name} is not a text, Word or PDF document (it holds binary data)")
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    # Latin-1 decodes every byte; the five bytes Windows-1252 leaves undefined land here.
    return data.decode("latin-1"), "latin-1"


def read_text(data: bytes, name: str = "the document") -> Document:
    text, encoding = decode_text(data, name)
    if not text.strip():
        raise PolicyImportError(f"{name} is empty")
    _refuse_binary_or_markup(text, name)
    paragraphs: list[Paragraph] = []
    gap = True
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.replace("\t", "    ").rstrip()
        if not line.strip():
            gap = True
            continue
        stripped = line.lstrip()
        paragraphs.append(Paragraph(text=stripped, indent=len(line) - len(stripped), gap_before=gap))
        gap = False
    return Document(paragraphs, "text", encoding=encoding)


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise PolicyImportError(
            f"{name} says it is {encoding.upper()} text but byte {exc.start} is not") from None


def _refuse_binary_or_markup(text: str, name: str) -> None:
    sample = text[:20000]
    control = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    if control > max(3, len(sample) // 100):
        raise PolicyImportError(f"{name} is not a text, Word or PDF document (it holds binary data)")
    start = sample.lstrip().lower()
    if start.startswith(("<!doctype html", "<html", "<?xml")):
        raise PolicyImportError(
            f"{name} is a web page or XML file: save the policy as .docx, PDF or plain text")
    if "[[clauses]]" in text:
        try:
            is_pack = isinstance(tomllib.loads(text).get("clauses"), list)
        except tomllib.TOMLDecodeError:
            is_pack = False
        if is_pack:
            raise PolicyImportError(
                f"{name} is already a policy pack, not a policy document: check it with "
                "`civicpost policy validate`")


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").decode("ascii", "replace") if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return "a damaged ZIP or Word file that cannot be opened"
    if "word/document.xml" in names:
        return "docx"
    if "opendocument.text" in mimetype:
        return "an OpenDocument (.odt) file: save it as .docx or PDF"
    if "xl/workbook.xml" in names:
        return "an Excel workbook, not a policy document"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint file, not a policy document"
    return "a ZIP archive, not a Word document"
