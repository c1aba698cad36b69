"""Writing a draft as a policy pack file (``civicpost/policies/PACKS.md`` describes the format),
so that a Clerk's confirmed draft becomes a real pack: each clause with the rule codes chosen
from its families, and each rule's severities taken from a template pack (Loughton's, unless
another is named)."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from civicpost.engine import PolicyError, load_pack, parse_pack
from civicpost.policy_import.errors import PolicyImportError
from civicpost.policy_import.metadata import add_months

if TYPE_CHECKING:
    from civicpost.policy_import.draft import DraftClause, DraftPack

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def default_pack_id(draft: DraftPack) -> str:
    """The council's name and the year of its document, as the shipped packs are named."""
    name = draft.council or draft.source.rsplit(".", 1)[0]
    name = re.sub(r"\b(town|parish|community|city|village|neighbourhood)\s+council\b", "", name, flags=re.I)
    words = re.findall(r"[a-z0-9]+", name.lower())
    dates = [d for d in (draft.adopted, draft.approved, draft.ratified, draft.last_reviewed) if d]
    year = max(dates)[:4] if dates else "draft"
    return "-".join([*words[:4], year]) if words else f"imported-{year}"


def draft_to_toml(draft: DraftPack, pack_id: str | None = None, template: str = "loughton-2019") -> str:
    """The draft as pack TOML. The result is checked with the engine's own validator."""
    try:
        model = load_pack(template)
    except PolicyError as exc:
        raise PolicyImportError(f"template pack {template}: {'; '.join(exc.problems)}") from None
    pack_id = pack_id or default_pack_id(draft)
    out = [
        f"# Draft policy pack imported from {draft.source} by `civicpost policy import`.",
        "# Every clause is quoted from the document. Its rules and desk capabilities are the",
        "# importer's suggestions, each with its confidence and the words that led to it: confirm",
        "# each against the document, then run `civicpost policy validate` on this file.",
        f"# Severities are those of the {template} pack; PACKS.md explains how to change them.",
        *(f"# Note: {w}" for w in draft.warnings),
        "",
        f"id = {_s(pack_id)}",
        f"council = {_s(draft.council or 'Council name not found: write it here')}",
        f"title = {_s(draft.title or draft.source)}",
    ]
    if draft.document_reference:
        out.append(f"document_reference = {_s(draft.document_reference)}")
    for key in ("adopted", "approved", "ratified"):
        value = getattr(draft, key)
        if value:
            out.append(f"{key} = {_s(value)}{_evidence(draft, key)}")
    out.extend(_review_lines(draft))
    best: dict[str, DraftClause] = {}
    for clause in draft.clauses:
        out.extend(["", *_clause_lines(clause)])
        for code in clause.rules:
            holder = best.get(code)
            if holder is None or clause.confidence_of(code[:2]) > holder.confidence_of(code[:2]):
                best[code] = clause
    if best:
        out.extend(["", f"# Severities, as in the {template} pack."])
    else:
        out.extend(["", "# No clause is checked by the engine's rules yet.", "[rules]"])
    for code in sorted(best):
        setting = model.rules.get(code)
        severity = {k: v.value for k, v in setting.severities.items()} if setting else {"default": "warn"}
        out.extend(["", f"[rules.{code}]", f"clause = {_s(best[code].id)}",
                    f"severity = {_severity(severity)}"])
    text = "\n".join(out) + "\n"
    try:
        parse_pack(text, source=pack_id)
    except PolicyError as exc:  # a bug here, never the Clerk's doing: say exactly what
        raise PolicyImportError(f"the draft pack did not validate: {'; '.join(exc.problems)}") from None
    return text


def _review_lines(draft: DraftPack) -> list[str]:
    lines = []
    if draft.last_reviewed:
        lines.append(f"# The document was last reviewed {draft.last_reviewed}"
                     f"{_evidence(draft, 'last_reviewed')}.")
    base = [d for d in (draft.adopted, draft.approved, draft.ratified) if d]
    interval = draft.review_interval_months
    # The validator holds review_due to the last of adopted/approved/ratified plus the interval.
    expected = _validator_due(max(base, key=_key), interval) if base and interval else None
    if interval and expected and (draft.review_due is None or draft.review_due[:7] == expected[:7]):
        lines.append(f"review_interval_months = {interval}{_evidence(draft, 'review_interval_months')}")
        lines.append(f"review_due = {_s(expected)}")
    elif draft.review_due:
        if interval:
            lines.append(f"# The document states a review every {interval} months, but its next review"
                         f" is {draft.review_due}; the stated date is kept.")
        lines.append(f"review_due = {_s(draft.review_due)}{_evidence(draft, 'next_review')}")
    return lines


def _clause_lines(clause: DraftClause) -> list[str]:
    lines = []
    for target in [*clause.families, *clause.capabilities]:
        suggestion = clause.suggestions[target]
        words = ", ".join(f'"{w}"' for w in suggestion.why[:4])
        lines.append(f"# {target} {suggestion.confidence:.2f}: {words}")
    lines.extend(["[[clauses]]", f"id = {_s(clause.id)}"])
    if clause.section:
        lines.append(f"section = {_s(clause.section)}")
    lines.append(f"text = {_s(clause.text)}")
    if clause.rules:
        lines.append(f"rules = {json.dumps(clause.rules)}")
    lines.append(f"enforced_by = {json.dumps(clause.enforced_by)}")
    return lines


def _validator_due(latest: str, interval: int) -> str:
    if len(latest) == 10:
        day = min(int(latest[8:10]), 28)
        return add_months(latest[:8] + f"{day:02d}", interval)
    return add_months(latest, interval)


def _key(date: str) -> str:
    return date if len(date) == 10 else f"{date}-99"


def _evidence(draft: DraftPack, key: str) -> str:
    words = draft.evidence.get(key)
    return f"  # \"{words}\"" if words else ""


def _s(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(value, ensure_ascii=False)


def _severity(severity: dict[str, str]) -> str:
    if set(severity) == {"default"}:
        return _s(severity["default"])
    items = ", ".join(f"{k if _BARE_KEY.match(k) else _s(k)} = {_s(v)}" for k, v in severity.items())
    return "{ " + items + " }"
