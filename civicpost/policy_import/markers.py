"""The list and section markers a policy document numbers its parts with, read from the start
of a paragraph: bullets ("-", "•"), section numbers ("3.", "3.1", "2.3.1"), letters ("(a)",
"b)"), roman numerals ("i)", "(iv)"), "Section 4 –" and "Appendix A"."""

from __future__ import annotations

import re
from dataclasses import dataclass

BULLET_GLYPHS = "-–—•*·∙▪■□●○◦►▸▶➢➤✓✔❖⁃‣"
_BULLET = re.compile(rf"^[{re.escape(BULLET_GLYPHS)}](?=\s)\s*")
_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\.?(?=\s)\s*|^(\d{1,2})[.)](?=\s)\s*")
_PAREN = re.compile(r"^\(([a-zA-Z]|[ivxIVX]{1,5}|\d{1,2})\)(?=\s)\s*")
_CLOSING = re.compile(r"^([a-zA-Z]|[ivxIVX]{1,5})[.)](?=\s)\s*")
_SECTION = re.compile(r"^(?:section|part|chapter)\s+(\d{1,2}|[A-Z]|[IVX]{1,4})\b\s*(?:[–—:.-]\s*)?",
                      re.IGNORECASE)
_APPENDIX = re.compile(r"^(appendix|annex|annexe)\s+(\d{1,2}|[A-Z])\b\s*(?:[–—:.-]\s*)?", re.IGNORECASE)
_ROMAN = re.compile(r"^(?:x{0,3})(?:ix|iv|v?i{0,3})$")


@dataclass(frozen=True)
class Marker:
    """What a paragraph opens with: its kind and the number or letter, and the text after it."""

    kind: str
    """"bullet", "number" (3, 3.1, 2.3.1), "letter", "roman", "section", "appendix" or ""."""
    value: str
    """The number or letter as written ("3.1", "b", "iv", "A"); "" for a bullet."""
    rest: str
    """The paragraph's text after the marker."""
    raw: str = ""
    """The marker exactly as printed ("3.1", "(b)", "•")."""


def read_marker(text: str, previous_letter: str = "") -> Marker:
    """The marker ``text`` opens with. ``previous_letter`` is the last lettered point seen at
    this level, so that "(i)" after "(h)" is the letter i and otherwise the roman one."""
    bullet = _BULLET.match(text)
    if bullet:
        rest = text[bullet.end():]
        inner = read_marker(rest, previous_letter) if rest else Marker("", "", rest)
        if inner.kind in ("number", "section", "appendix"):
            return inner  # "- 1. This policy ..." is numbered point 1
        return Marker("bullet", "", rest, text[:bullet.end()].strip())
    for pattern, kind in ((_SECTION, "section"), (_APPENDIX, "appendix")):
        match = pattern.match(text)
        if match and text[match.end():].strip():
            value = match.group(match.lastindex or 1).upper()
            return Marker(kind, value, text[match.end():], text[:match.end()].strip())
    match = _NUMBER.match(text)
    if match and _starts_words(text[match.end():]):
        value = match.group(1) or match.group(2)
        return Marker("number", value, text[match.end():], text[:match.end()].strip())
    for pattern in (_PAREN, _CLOSING):
        match = pattern.match(text)
        if match and _starts_words(text[match.end():]):
            value = match.group(1)
            raw = text[:match.end()].strip()
            if value.isdigit():
                return Marker("number", value, text[match.end():], raw)
            if pattern is _CLOSING and len(value) == 1 and raw.endswith(".") and value.isupper():
                continue  # "A. Smith" is a name, not point A
            kind = _letter_or_roman(value, previous_letter)
            return Marker(kind, value.lower(), text[match.end():], raw)
    return Marker("", "", text)


def starts_with_marker(text: str) -> bool:
    return read_marker(text).kind != ""


def _letter_or_roman(value: str, previous_letter: str) -> str:
    lower = value.lower()
    if len(lower) > 1:
        return "roman" if _ROMAN.match(lower) else "letter"
    if lower in "ivx" and not (previous_letter and ord(lower) == ord(previous_letter) + 1):
        return "roman"
    return "letter"


def _starts_words(rest: str) -> bool:
    rest = rest.lstrip()
    return bool(rest) and (rest[0].isalpha() or rest[0] in "\"'‘“(*")
