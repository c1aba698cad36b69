"""AX accessibility: posts everyone can read, under the Public Sector Bodies
(Websites and Mobile Applications) Accessibility Regulations 2018 and the government's
guidance on accessible social media."""

from __future__ import annotations

from civicpost.engine.parts import names_of_parts
from civicpost.engine.rules.accessibility.alt_text import ImageWithoutAltText, PoorAltText
from civicpost.engine.rules.accessibility.emoji import EmojiOveruse, Use
from civicpost.engine.rules.accessibility.hashtag_words import Hashtag, Piece, hashtags, split_words
from civicpost.engine.rules.accessibility.hashtags import HashtagNotCamelCase, HashtagPlacement
from civicpost.engine.rules.accessibility.long_sentences import LongSentence, sentences

__all__ = [
    "EmojiOveruse",
    "Hashtag",
    "HashtagNotCamelCase",
    "HashtagPlacement",
    "hashtags",
    "ImageWithoutAltText",
    "LongSentence",
    "Piece",
    "PoorAltText",
    "sentences",
    "split_words",
    "Use",
]

# Every other name the single module had (its helpers, what it imported), from its parts.
__getattr__ = names_of_parts(__name__, ("alt_text", "hashtag_words", "hashtags", "long_sentences", "emoji"))
