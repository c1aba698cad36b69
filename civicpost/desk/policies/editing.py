"""The Clerk's changes to the council's policy pack, written into the pack's TOML text.

tomlkit edits the file in place, so the comments that give the reason beside each clause and
severity stay where they are; only what the Clerk changed is rewritten. A comment that sits
directly above a clause or a rule belongs to it and goes when it goes; the section headings
between them stay. The result is validated by the engine (``parse_pack``) before it is saved.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import tomlkit
from tomlkit.items import AoT, Comment, InlineTable, Table, Whitespace

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass
class ClauseEdit:
    """One clause as the Clerk left it. ``original`` is its id before (None for a new clause)."""

    id: str
    section: str
    text: str
    rules: list[str]
    enforced_by: list[str]
    original: str | None = None
    remove: bool = False
    after: str = ""  # for a new clause: the id of the clause it follows ("" = at the end)


@dataclass
class RuleEdit:
    """A rule's setting as the Clerk left it: the clause its findings quote, and its severity
    per condition ({"default": "block"} or {"council": "block", "personal": "warn"})."""

    code: str
    clause: str
    severity: dict[str, str]
    remove: bool = False
    new: bool = False


@dataclass
class Edits:
    clauses: list[ClauseEdit] = field(default_factory=list)
    rules: list[RuleEdit] = field(default_factory=list)


def current_clauses(raw: str) -> list[dict[str, Any]]:
    data = tomlkit.parse(raw).unwrap()
    return list(data.get("clauses", []))


def current_rules(raw: str) -> dict[str, dict[str, Any]]:
    data = tomlkit.parse(raw).unwrap()
    rules = data.get("rules", {})
    out = {}
    for code, item in rules.items():
        severity = item.get("severity", {})
        out[code] = {"clause": item.get("clause", ""),
                     "severity": {"default": severity} if isinstance(severity, str) else dict(severity)}
    return out


def apply(raw: str, edits: Edits) -> str:
    """The pack's text with the Clerk's edits made; unchanged parts are kept byte for byte."""
    doc = tomlkit.parse(raw)
    clauses = doc.get("clauses")
    if not isinstance(clauses, AoT):
        clauses = tomlkit.aot()
        doc["clauses"] = clauses
    _edit_clauses(clauses, edits.clauses)
    _edit_rules(doc, clauses, edits.rules)
    return tomlkit.dumps(doc)


def _edit_clauses(clauses: AoT, edits: list[ClauseEdit]) -> None:
    tables = {str(t.get("id")): t for t in clauses}
    for edit in edits:
        if edit.original is None or edit.original not in tables:
            continue
        table = tables[edit.original]
        if edit.remove:
            continue
        _set(table, "section", edit.section, drop_if_empty=True)
        _set(table, "text", edit.text)
        _set_list(table, "rules", edit.rules, drop_if_empty=True)
        _set_list(table, "enforced_by", edit.enforced_by)
    removed = [edit.original for edit in edits if edit.remove and edit.original in tables]
    for clause_id in removed:
        index = next(i for i, t in enumerate(clauses) if str(t.get("id")) == clause_id)
        _remove_keeping_headings(list(clauses), index)
        del clauses[index]
    for edit in edits:
        if edit.original is not None or edit.remove:
            continue
        table = tomlkit.table()
        table["id"] = edit.id
        if edit.section:
            table["section"] = edit.section
        table["text"] = edit.text
        if edit.rules:
            table["rules"] = edit.rules
        table["enforced_by"] = edit.enforced_by
        ids = [str(t.get("id")) for t in clauses]
        after = ids.index(edit.after) if edit.after in ids else len(ids) - 1
        _insert_after(clauses, after, table)


def _edit_rules(doc: Any, clauses: AoT, edits: list[RuleEdit]) -> None:
    rules = doc.get("rules")
    if rules is None:
        rules = tomlkit.table(is_super_table=True)
        doc["rules"] = rules
    for edit in edits:
        existing = rules.get(edit.code)
        if edit.remove:
            if existing is not None:
                codes = [code for code, t in rules.items() if isinstance(t, Table)]
                ordered = [*clauses, *(rules[code] for code in codes)]
                _remove_keeping_headings(ordered, len(clauses) + codes.index(edit.code))
                del rules[edit.code]
            continue
        if existing is None:
            table = tomlkit.table()
            table["clause"] = edit.clause
            table["severity"] = _severity(edit.severity)
            rules[edit.code] = table
            continue
        _set(existing, "clause", edit.clause)
        now = existing.get("severity")
        before = {"default": str(now)} if isinstance(now, str) else dict(now or {})
        if before != edit.severity:
            existing["severity"] = _severity(edit.severity)


def _severity(levels: dict[str, str]) -> str | InlineTable:
    if set(levels) == {"default"}:
        return levels["default"]
    # Written out by hand only to keep the packs' own layout, "{ council = "block" }"; tomlkit
    # parses it, so quoting stays TOML's.
    items = ", ".join(f"{k if _BARE_KEY.match(k) else json.dumps(k)} = {json.dumps(v)}"
                      for k, v in levels.items())
    table: InlineTable = tomlkit.parse(f"severity = {{ {items} }}")["severity"]
    return table


def _set(table: Table, key: str, value: str, *, drop_if_empty: bool = False) -> None:
    if str(table.get(key, "")) == value:
        return
    if not value and drop_if_empty:
        if key in table:
            del table[key]
        return
    table[key] = value


def _set_list(table: Table, key: str, values: list[str], *, drop_if_empty: bool = False) -> None:
    if [str(v) for v in table.get(key, [])] == values:
        return
    if not values and drop_if_empty:
        if key in table:
            del table[key]
        return
    table[key] = values


def _trailing(table: Table) -> list[Any]:
    """Pop the comments and blank lines at the end of a table's body: in TOML they belong to
    whatever comes next in the file (a heading, or the comment above the next clause)."""
    body = table.value.body
    out: list[Any] = []
    while body and body[-1][0] is None and isinstance(body[-1][1], Comment | Whitespace):
        out.insert(0, body.pop())
    return out


def _insert_after(clauses: AoT, index: int, table: Table) -> None:
    if index < 0:
        clauses.append(table)
        table.add(tomlkit.nl())
        return
    previous = clauses[index]
    carried = _trailing(previous)
    previous.add(tomlkit.nl())
    for _, item in carried or [(None, tomlkit.nl())]:
        table.value.body.append((None, item))
    clauses.insert(index + 1, table)


def _remove_keeping_headings(ordered: Iterable[Table], index: int) -> None:
    """Before a table goes: drop the comment directly above it (its own), and hand what follows
    it (headings, the next table's comment) to the table before it."""
    tables = list(ordered)
    carried = _trailing(tables[index])
    if index == 0:
        return
    before = tables[index - 1]
    body = before.value.body
    while body and body[-1][0] is None and isinstance(body[-1][1], Comment):
        body.pop()
    if carried and isinstance(carried[0][1], Whitespace):
        while body and body[-1][0] is None and isinstance(body[-1][1], Whitespace):
            body.pop()
    for entry in carried:
        body.append(entry)
