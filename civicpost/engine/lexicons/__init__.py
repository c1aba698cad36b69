"""Word lists the rules match against, kept as plain text files a council can extend.

One entry a line; ``#`` starts a comment; blank lines are ignored. A line may hold
``term => suggestion`` where a rule offers a replacement (text speak, spellings).
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def load_terms(name: str) -> tuple[str, ...]:
    """The entries of ``lexicons/<name>.txt``, folded to lower case."""
    return tuple(line.split("=>")[0].strip().lower() for line in _lines(name))


@cache
def load_pairs(name: str) -> dict[str, str]:
    """``term => suggestion`` entries of ``lexicons/<name>.txt`` as a mapping."""
    pairs = {}
    for line in _lines(name):
        term, _, suggestion = line.partition("=>")
        pairs[term.strip().lower()] = suggestion.strip()
    return pairs


def _lines(name: str) -> list[str]:
    raw = (resources.files(__name__) / f"{name}.txt").read_text(encoding="utf-8")
    lines = []
    for line in raw.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            lines.append(line)
    return lines
