"""Policy packs: a council's policy document as data.

A pack (one TOML file) quotes every clause of the council's document verbatim, says how
each is enforced (engine rules, desk capabilities, or guidance only), and sets each rule's
severity per context. Two councils' packs differ in data, never in code. See
``civicpost/policies/`` for the shipped packs and ``PACKS.md`` for the format.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from civicpost.engine.context import ACCOUNTS, KINDS, ROLES, Context
from civicpost.engine.findings import ClauseRef, Severity
from civicpost.engine.rules import all_rules

DESK_CAPABILITIES = frozenset({
    "desk:approval", "desk:archive", "desk:audit", "desk:acknowledgements", "desk:breaches",
    "desk:channels", "desk:conflicts", "desk:election-calendar", "desk:emergency",
    "desk:inbox", "desk:incidents", "desk:monitoring-log", "desk:partners", "desk:people",
    "desk:review-schedule", "desk:sessions", "desk:sign-in",
})
CONDITIONS = frozenset({"default", "pre_election", *ACCOUNTS, *KINDS, *ROLES})
_PARTIAL_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$")


class PolicyError(ValueError):
    """A pack that cannot be loaded; ``problems`` lists every reason, one line each."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(problems))


@dataclass(frozen=True)
class Clause:
    id: str
    section: str
    text: str
    rules: tuple[str, ...]
    enforced_by: tuple[str, ...]


@dataclass(frozen=True)
class RuleSetting:
    """A rule's severity per context condition, and the clause its findings quote."""

    code: str
    clause_id: str
    severities: Mapping[str, Severity]

    def severity_in(self, conditions: frozenset[str]) -> Severity:
        """The most specific matching condition wins; among equals, the stricter."""
        best: tuple[int, int] = (-1, -1)
        chosen = Severity.OFF
        for key, severity in self.severities.items():
            parts = key.split("+")
            if all(p in conditions for p in parts):
                score = (0 if key == "default" else len(parts), severity.rank)
                if score > best:
                    best, chosen = score, severity
        return chosen


@dataclass(frozen=True)
class ActiveRule:
    """A rule that applies to a check: its code, its severity there and its clause."""

    code: str
    severity: Severity
    clause: ClauseRef


@dataclass(frozen=True)
class PolicyPack:
    id: str
    council: str
    title: str
    document_reference: str
    adopted: str | None
    approved: str | None
    ratified: str | None
    review_interval_months: int | None
    review_due: str | None
    clauses: tuple[Clause, ...]
    rules: Mapping[str, RuleSetting]

    def clause(self, clause_id: str) -> Clause:
        return next(c for c in self.clauses if c.id == clause_id)

    def active_rules(self, conditions: frozenset[str]) -> tuple[ActiveRule, ...]:
        """The rules that apply under ``conditions`` (severity not ``off``), in the pack's
        order, each with its severity and the clause its findings quote.

        A pack never changes once loaded and a check has one of a few dozen sets of
        conditions, so the answer is worked out once per set and reused by every check.
        """
        plans = self._active_by_conditions
        plan = plans.get(conditions)
        if plan is None:
            clauses = {c.id: ClauseRef(c.id, c.text) for c in self.clauses}
            plan = tuple(
                ActiveRule(code, severity, clauses[setting.clause_id])
                for code, setting in self.rules.items()
                if (severity := setting.severity_in(conditions)) is not Severity.OFF
            )
            plans[conditions] = plan
        return plan

    @cached_property
    def _active_by_conditions(self) -> dict[frozenset[str], tuple[ActiveRule, ...]]:
        return {}

    def severity(self, code: str, context: Context) -> Severity:
        setting = self.rules.get(code)
        return setting.severity_in(conditions_of(context)) if setting else Severity.OFF

    def metadata(self) -> dict[str, Any]:
        return {
            "id": self.id, "council": self.council, "title": self.title,
            "document_reference": self.document_reference, "adopted": self.adopted,
            "approved": self.approved, "ratified": self.ratified,
            "review_interval_months": self.review_interval_months,
            "review_due": self.review_due,
        }

    def to_dict(self) -> dict[str, Any]:
        data = self.metadata()
        data["clauses"] = [
            {"id": c.id, "section": c.section, "text": c.text, "rules": list(c.rules),
             "enforced_by": list(c.enforced_by)}
            for c in self.clauses
        ]
        data["rules"] = {
            code: {"clause": s.clause_id, "severity": {k: v.value for k, v in s.severities.items()}}
            for code, s in self.rules.items()
        }
        return data


def conditions_of(context: Context) -> frozenset[str]:
    found = {"default", context.account, context.kind, context.author_role}
    if context.in_pre_election_period:
        found.add("pre_election")
    return frozenset(found)


def shipped_packs() -> list[str]:
    """Ids of the packs that ship with civicpost."""
    folder = resources.files("civicpost.policies")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


_CACHE: dict[str, PolicyPack] = {}


def load_pack(name_or_path: str | Path) -> PolicyPack:
    """Load a shipped pack by id (``loughton-2019``) or any pack file by path."""
    key = str(name_or_path)
    if key in _CACHE:
        return _CACHE[key]
    if key in shipped_packs():
        source = resources.files("civicpost.policies") / f"{key}.toml"
        raw = source.read_text(encoding="utf-8")
    else:
        path = Path(key)
        if not path.is_file():
            known = ", ".join(shipped_packs())
            raise PolicyError(key, [f"no such pack or file (shipped packs: {known})"])
        try:
            raw = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise PolicyError(key, [f"cannot read the file: {exc}"]) from None
    pack = parse_pack(raw, source=key)
    _CACHE[key] = pack
    return pack


def parse_pack(raw: str, source: str = "<pack>") -> PolicyPack:
    """Parse and validate a pack's TOML text; raise PolicyError listing every problem."""
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(source, [f"not valid TOML: {exc}"]) from None
    problems: list[str] = []
    pack = _build(data, problems)
    if problems or pack is None:
        raise PolicyError(source, problems)
    return pack


def _build(data: dict[str, Any], problems: list[str]) -> PolicyPack | None:
    for key in ("id", "council", "title"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            problems.append(f"'{key}' is required and must be text")
    dates = {}
    for key in ("adopted", "approved", "ratified", "review_due"):
        value = data.get(key)
        if value is not None and (not isinstance(value, str) or not _PARTIAL_DATE.match(value)):
            problems.append(f"'{key}' must be a date written YYYY-MM or YYYY-MM-DD")
            value = None
        dates[key] = value
    interval = data.get("review_interval_months")
    if interval is not None and (not isinstance(interval, int) or interval <= 0):
        problems.append("'review_interval_months' must be a whole number of months above 0")
        interval = None
    expected_due = _review_due(dates, interval)
    if expected_due and dates["review_due"] != expected_due:
        problems.append(
            f"'review_due' must be {expected_due}: the last of adopted/approved/ratified "
            f"plus {interval} months (found {dates['review_due']!r})"
        )
    clauses = _clauses(data.get("clauses"), problems)
    rules = _rule_settings(data.get("rules"), clauses, problems)
    if problems:
        return None
    return PolicyPack(
        id=data["id"], council=data["council"], title=data["title"],
        document_reference=str(data.get("document_reference", "")),
        adopted=dates["adopted"], approved=dates["approved"], ratified=dates["ratified"],
        review_interval_months=interval, review_due=dates["review_due"],
        clauses=tuple(clauses), rules=rules,
    )


def _review_due(dates: dict[str, str | None], interval: int | None) -> str | None:
    latest = max((d for k, d in dates.items() if k != "review_due" and d), default=None)
    if not latest or not interval:
        return None
    year, month = int(latest[:4]), int(latest[5:7])
    months = year * 12 + (month - 1) + interval
    due = f"{months // 12:04d}-{months % 12 + 1:02d}"
    if len(latest) == 10:
        day = min(int(latest[8:10]), 28)
        due = dt.date(months // 12, months % 12 + 1, day).isoformat()
    return due


def _clauses(raw: Any, problems: list[str]) -> list[Clause]:
    if not isinstance(raw, list) or not raw:
        problems.append("'clauses' must be a non-empty list of [[clauses]] tables")
        return []
    known_rules = all_rules()
    clauses: list[Clause] = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        where = f"clauses[{index}]"
        if not isinstance(item, dict):
            problems.append(f"{where} must be a table")
            continue
        clause_id, text = item.get("id"), item.get("text")
        if not isinstance(clause_id, str) or not clause_id:
            problems.append(f"{where}: 'id' is required")
            continue
        where = f"clause {clause_id!r}"
        if clause_id in seen:
            problems.append(f"{where}: the id is used twice")
        seen.add(clause_id)
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: 'text' (the verbatim clause) is required")
            text = ""
        rules = item.get("rules", [])
        enforced = item.get("enforced_by", [])
        if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
            problems.append(f"{where}: 'rules' must be a list of rule codes")
            rules = []
        if not isinstance(enforced, list) or not all(isinstance(e, str) for e in enforced):
            problems.append(f"{where}: 'enforced_by' must be a list")
            enforced = []
        for code in rules:
            if code not in known_rules:
                problems.append(f"{where}: rule {code!r} does not exist (see `civicpost rules`)")
        _check_enforcement(where, rules, enforced, problems)
        clauses.append(Clause(clause_id, str(item.get("section", "")), text,
                              tuple(rules), tuple(enforced)))
    return clauses


def _check_enforcement(where: str, rules: list[str], enforced: list[str],
                       problems: list[str]) -> None:
    if not enforced:
        problems.append(f"{where}: 'enforced_by' must name engine, desk capabilities or guidance")
    for item in enforced:
        if item not in DESK_CAPABILITIES and item not in ("engine", "guidance"):
            problems.append(f"{where}: unknown enforcement {item!r}")
    if bool(rules) != ("engine" in enforced):
        problems.append(f"{where}: 'engine' must be in enforced_by exactly when rules are listed")
    if "guidance" in enforced and len(enforced) > 1:
        problems.append(f"{where}: 'guidance' means no software enforces it; list it alone")


def _rule_settings(raw: Any, clauses: list[Clause],
                   problems: list[str]) -> dict[str, RuleSetting]:
    if not isinstance(raw, dict):
        problems.append("'rules' must be a table of rule codes to settings")
        return {}
    by_rule: dict[str, list[str]] = {}
    for clause in clauses:
        for code in clause.rules:
            by_rule.setdefault(code, []).append(clause.id)
    settings: dict[str, RuleSetting] = {}
    for code, item in raw.items():
        where = f"rules.{code}"
        if code not in all_rules():
            problems.append(f"{where}: no such rule")
            continue
        if not isinstance(item, dict):
            problems.append(f"{where} must be a table with 'severity'")
            continue
        severities = _severities(where, item.get("severity"), problems)
        listed = by_rule.get(code, [])
        clause_id = item.get("clause") or (listed[0] if listed else None)
        if clause_id is None:
            problems.append(f"{where}: no clause lists this rule, so a finding could quote none")
            continue
        if clause_id not in by_rule.get(code, []):
            problems.append(f"{where}: clause {clause_id!r} does not list this rule")
        settings[code] = RuleSetting(code, clause_id, severities)
    for code in by_rule:
        if code not in raw and code in all_rules():
            problems.append(f"rule {code} is listed by a clause but has no [rules.{code}] severity")
    return settings


def _severities(where: str, raw: Any, problems: list[str]) -> dict[str, Severity]:
    if isinstance(raw, str):
        raw = {"default": raw}
    if not isinstance(raw, dict) or not raw:
        problems.append(f"{where}: 'severity' must be a level or a table of condition = level")
        return {}
    levels = {s.value for s in Severity}
    result: dict[str, Severity] = {}
    for key, level in raw.items():
        bad = [p for p in key.split("+") if p not in CONDITIONS]
        if bad:
            problems.append(f"{where}: unknown condition {'+'.join(bad)!r} "
                            f"(use {', '.join(sorted(CONDITIONS))})")
        if level not in levels:
            problems.append(f"{where}: severity {level!r} must be one of {', '.join(sorted(levels))}")
            continue
        result[key] = Severity(level)
    return result
