"""The form in which the Clerk edits the council's policy pack: every clause (its section, its
verbatim text, the rules that check it, how it is enforced), every rule's severity per situation,
room for new clauses and rules, and the registered controversial issues.

The engine decides whether the result is a valid pack; each problem it reports is shown beside
the field it is about."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from civicpost.desk.policies.editing import ClauseEdit, Edits, RuleEdit, current_clauses, current_rules

NEW_CLAUSES = 2
NEW_RULES = 3
_CODE = re.compile(r"^[A-Z]{2}\d{3}$")
_SPLIT = re.compile(r"[\s,;]+")


def words(value: str, *, upper: bool = False) -> list[str]:
    items = [w for w in _SPLIT.split(value.strip()) if w]
    return [w.upper() for w in items] if upper else items


def severity_lines(levels: dict[str, str]) -> str:
    return "\n".join(f"{condition} = {level}" for condition, level in levels.items())


def parse_severity(text: str) -> dict[str, str]:
    """"council = block" lines (a lone "block" means every situation) as a table."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) == 1 and "=" not in lines[0] and " " not in lines[0]:
        return {"default": lines[0].lower()}
    levels: dict[str, str] = {}
    for line in lines:
        condition, equals, level = line.partition("=")
        if not equals or not condition.strip() or not level.strip():
            raise forms.ValidationError(
                f"Write each line as situation = level, for example council+pre_election = block "
                f"(not {line!r})")
        levels[condition.strip().lower().replace(" ", "")] = level.strip().lower()
    return levels


class PackEditForm(forms.Form):
    issues = forms.CharField(
        label="Controversial issues", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One a line. In a pre-election period the council publishes nothing on them "
                  "(rule PO004).")
    note = forms.CharField(label="What changed, in a sentence", max_length=300,
                           error_messages={"required": "Say in a sentence what changed, for the "
                                                       "version history"})

    def __init__(self, *args: Any, pack_toml: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.clauses = current_clauses(pack_toml)
        self.rule_settings = current_rules(pack_toml)
        ids = [str(c["id"]) for c in self.clauses]
        for index, clause in enumerate(self.clauses):
            self._clause_fields(f"c{index}", clause)
        for index in range(NEW_CLAUSES):
            self._clause_fields(f"n{index}", None, ids)
        for code, setting in self.rule_settings.items():
            self._rule_fields(f"r-{code}", setting)
        for index in range(NEW_RULES):
            self._rule_fields(f"nr{index}", None)

    def _clause_fields(self, prefix: str, clause: dict[str, Any] | None,
                       ids: list[str] | None = None) -> None:
        name = clause["id"] if clause else "the new clause"
        if clause is None:
            self.fields[f"{prefix}-id"] = forms.CharField(
                label="Clause id", required=False, max_length=80,
                help_text="A letter for the council, the section number and a short name, e.g. D5.photos")
            self.fields[f"{prefix}-after"] = forms.ChoiceField(
                label="Place it after", required=False, choices=[("", "the last clause"),
                                                                 *((i, i) for i in ids or [])])
        else:
            self.fields[f"{prefix}-original"] = forms.CharField(widget=forms.HiddenInput,
                                                                initial=clause["id"])
        self.fields[f"{prefix}-section"] = forms.CharField(
            label=f"Section of {name}", required=False, max_length=300,
            initial=clause.get("section", "") if clause else "")
        self.fields[f"{prefix}-text"] = forms.CharField(
            label=f"Text of {name}, word for word", required=False, strip=True,
            widget=forms.Textarea(attrs={"rows": 3}), initial=clause["text"] if clause else "")
        self.fields[f"{prefix}-rules"] = forms.CharField(
            label=f"Rules that check {name}", required=False, max_length=500,
            initial=" ".join(clause.get("rules", [])) if clause else "",
            help_text="Rule codes, e.g. PD001 PD003")
        self.fields[f"{prefix}-enforced"] = forms.CharField(
            label=f"How {name} is enforced", required=False, max_length=500,
            initial=" ".join(clause.get("enforced_by", [])) if clause else "",
            help_text="engine (when rules are listed), desk capabilities such as desk:people, or guidance")
        if clause is not None:
            self.fields[f"{prefix}-remove"] = forms.BooleanField(label=f"Remove {name}", required=False)

    def _rule_fields(self, prefix: str, setting: dict[str, Any] | None) -> None:
        code = prefix.removeprefix("r-") if setting else ""
        if setting is None:
            self.fields[f"{prefix}-code"] = forms.CharField(label="Rule code", required=False, max_length=5)
        self.fields[f"{prefix}-clause"] = forms.CharField(
            label=f"Clause {code or 'its'} findings quote", required=False, max_length=80,
            initial=setting["clause"] if setting else "")
        self.fields[f"{prefix}-severity"] = forms.CharField(
            label=f"Severity of {code or 'the rule'} in each situation", required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
            initial=severity_lines(setting["severity"]) if setting else "",
            help_text="One a line: situation = block, warn, advise or off")
        if setting is not None:
            self.fields[f"{prefix}-remove"] = forms.BooleanField(label=f"Remove {code}", required=False)

    # --- what the page shows ----------------------------------------------------------------

    def clause_rows(self) -> list[dict[str, Any]]:
        rows = []
        for index, clause in enumerate(self.clauses):
            prefix = f"c{index}"
            rows.append({"id": clause["id"], "fields": [self[f"{prefix}-{n}"] for n in (
                "section", "text", "rules", "enforced", "remove")], "hidden": self[f"{prefix}-original"]})
        return rows

    def new_clause_rows(self) -> list[list[forms.BoundField]]:
        return [[self[f"n{i}-{n}"] for n in ("id", "after", "section", "text", "rules", "enforced")]
                for i in range(NEW_CLAUSES)]

    def rule_rows(self) -> list[dict[str, Any]]:
        return [{"code": code, "fields": [self[f"r-{code}-{n}"] for n in ("clause", "severity", "remove")]}
                for code in self.rule_settings]

    def new_rule_rows(self) -> list[list[forms.BoundField]]:
        return [[self[f"nr{i}-{n}"] for n in ("code", "clause", "severity")] for i in range(NEW_RULES)]

    # --- what the Clerk changed --------------------------------------------------------------

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for index, clause in enumerate(self.clauses):
            if data.get(f"c{index}-original") != clause["id"]:
                raise forms.ValidationError("The policy changed while you were editing it: open Edit "
                                            "the policy again")
            if not data.get(f"c{index}-remove") and not data.get(f"c{index}-text"):
                self.add_error(f"c{index}-text", f"Enter the text of {clause['id']}, or tick Remove")
        for index in range(NEW_CLAUSES):
            started = any(data.get(f"n{index}-{n}") for n in ("id", "section", "text", "rules", "enforced"))
            if started and not data.get(f"n{index}-id"):
                self.add_error(f"n{index}-id", "Give the new clause an id")
            if started and not data.get(f"n{index}-text"):
                self.add_error(f"n{index}-text", "Enter the new clause's text, word for word")
        for prefix in [f"r-{code}" for code in self.rule_settings] + [f"nr{i}" for i in range(NEW_RULES)]:
            raw = data.get(f"{prefix}-severity", "")
            if data.get(f"{prefix}-remove") or (prefix.startswith("nr") and not data.get(f"{prefix}-code")):
                continue
            try:
                parse_severity(raw)
            except forms.ValidationError as exc:
                self.add_error(f"{prefix}-severity", exc)
        for index in range(NEW_RULES):
            code = (data.get(f"nr{index}-code") or "").strip().upper()
            if code and not _CODE.match(code):
                self.add_error(f"nr{index}-code", "A rule code is two letters and three digits, e.g. MN001")
            elif code in self.rule_settings:
                self.add_error(f"nr{index}-code", f"{code} has a severity already: change it above")
        return data

    def edits(self) -> Edits:
        data = self.cleaned_data
        found = Edits()
        self.clause_prefix = {str(c["id"]): f"c{i}" for i, c in enumerate(self.clauses)}
        self.rule_prefix = {code: f"r-{code}" for code in self.rule_settings}
        for index, clause in enumerate(self.clauses):
            p = f"c{index}"
            found.clauses.append(ClauseEdit(
                id=clause["id"], original=clause["id"], section=data[f"{p}-section"], text=data[f"{p}-text"],
                rules=words(data[f"{p}-rules"], upper=True), enforced_by=words(data[f"{p}-enforced"]),
                remove=data[f"{p}-remove"]))
        for index in range(NEW_CLAUSES):
            p = f"n{index}"
            if data.get(f"{p}-id"):
                self.clause_prefix.setdefault(data[f"{p}-id"].strip(), p)
                found.clauses.append(ClauseEdit(
                    id=data[f"{p}-id"].strip(), section=data[f"{p}-section"], text=data[f"{p}-text"],
                    rules=words(data[f"{p}-rules"], upper=True),
                    enforced_by=words(data[f"{p}-enforced"]) or ["guidance"], after=data[f"{p}-after"]))
        for code in self.rule_settings:
            p = f"r-{code}"
            remove = data[f"{p}-remove"]
            found.rules.append(RuleEdit(code=code, clause=data[f"{p}-clause"].strip(), remove=remove,
                                        severity={} if remove else parse_severity(data[f"{p}-severity"])))
        for index in range(NEW_RULES):
            p = f"nr{index}"
            code = data[f"{p}-code"].strip().upper()
            if code:
                self.rule_prefix.setdefault(code, p)
                found.rules.append(RuleEdit(code=code, clause=data[f"{p}-clause"].strip(), new=True,
                                            severity=parse_severity(data[f"{p}-severity"] or "warn")))
        return found

    # --- the engine's problems, beside their fields -----------------------------------------

    def add_engine_problems(self, problems: list[str], edits: Edits) -> None:
        for problem in problems:
            self.add_error(self._field_for(problem, edits), problem)

    def _field_for(self, problem: str, edits: Edits) -> str | None:
        clause_prefix, rule_prefix = self.clause_prefix, self.rule_prefix
        match = re.match(r"clause '([^']+)'", problem)
        if match and match.group(1) in clause_prefix:
            prefix = clause_prefix[match.group(1)]
            if "id is used twice" in problem:
                return f"{prefix}-id" if prefix.startswith("n") else f"{prefix}-text"
            if "'text'" in problem:
                return f"{prefix}-text"
            if "rule" in problem and "'engine'" not in problem:
                return f"{prefix}-rules"
            return f"{prefix}-enforced"
        match = re.match(r"rules\.([A-Z]{2}\d{3})", problem)
        if match and match.group(1) in rule_prefix:
            prefix = rule_prefix[match.group(1)]
            if problem.endswith("no such rule") and prefix.startswith("nr"):
                return f"{prefix}-code"
            about_clause = "clause" in problem and "severity" not in problem
            return f"{prefix}-clause" if about_clause else f"{prefix}-severity"
        match = re.match(r"rule ([A-Z]{2}\d{3}) is listed by a clause", problem)
        if match:
            holder = next((e for e in edits.clauses if match.group(1) in e.rules and not e.remove), None)
            if holder is not None and holder.id in clause_prefix:
                return f"{clause_prefix[holder.id]}-rules"
        return None
