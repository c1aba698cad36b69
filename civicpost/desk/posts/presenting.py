"""Findings as a page shows them: the text cut into pieces so each finding's span can be marked,
and a fix applied to the text exactly where the finding points."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from civicpost.engine.findings import Severity

_RANK = {s.value: s.rank for s in Severity}


@dataclass(frozen=True)
class Piece:
    text: str
    severity: str | None  # the worst finding covering this piece
    findings: tuple[int, ...]  # indexes into the findings list


def pieces(text: str, findings: list[dict[str, Any]]) -> list[Piece]:
    """Split the text at every finding's start and end; overlapping findings share a piece."""
    cuts = {0, len(text)}
    for f in findings:
        if f["end"] > f["start"]:
            cuts.update((max(0, f["start"]), min(len(text), f["end"])))
    bounds = sorted(cuts)
    out: list[Piece] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        covering = tuple(i for i, f in enumerate(findings)
                         if f["start"] <= start and end <= f["end"] and f["end"] > f["start"])
        worst = max((findings[i]["severity"] for i in covering), key=_RANK.__getitem__, default=None)
        out.append(Piece(text[start:end], worst, covering))
    return out


def apply_fix(text: str, finding: dict[str, Any]) -> str:
    """The text with the finding's replacement put in its span, if the span still says what the
    finding saw (the officer may have typed since)."""
    fix = finding.get("fix") or {}
    replacement = fix.get("replacement")
    start, end = finding["start"], finding["end"]
    if replacement is None or text[start:end] != finding["excerpt"]:
        return text
    return text[:start] + replacement + text[end:]


def counts(findings: list[dict[str, Any]]) -> dict[str, int]:
    result = {"block": 0, "warn": 0, "advise": 0}
    for f in findings:
        result[f["severity"]] = result.get(f["severity"], 0) + 1
    return result
