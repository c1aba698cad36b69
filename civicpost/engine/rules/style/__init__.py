"""ST spelling and style: accurate British spelling and no text speak.

Loughton §2: "All spelling and grammar should be accurate. "Text speak " is acceptable to
some audiences but should be avoided wherever possible." The word lists are data files in
``civicpost/engine/lexicons/`` (``st_*.txt``) that a council can extend.
"""

from __future__ import annotations

from civicpost.engine.parts import names_of_parts
from civicpost.engine.rules.style.spelling import AmericanSpelling, CommonMisspelling
from civicpost.engine.rules.style.text_speak import TextSpeak
from civicpost.engine.rules.style.words import (
    Match,
    Phrasebook,
    glued,
    in_link,
    match_case,
    sentence_start,
    word_set,
)

__all__ = [
    "AmericanSpelling",
    "CommonMisspelling",
    "glued",
    "in_link",
    "Match",
    "match_case",
    "Phrasebook",
    "sentence_start",
    "TextSpeak",
    "word_set",
]

# Every other name the single module had (its helpers, what it imported), from its parts.
__getattr__ = names_of_parts(__name__, ("words", "text_speak", "spelling"))
