"""``civicpost rules``: every rule with its documentation, or one rule and its clause in a pack."""

from __future__ import annotations

import argparse
import json
from typing import Any

from civicpost.cli.common import UsageError
from civicpost.engine import FAMILIES, all_rules, load_pack

ORDER = 20


def register(commands: Any) -> None:
    rules = commands.add_parser("rules", help="list every rule, or explain one")
    rules.add_argument("code", nargs="?", help="a rule code such as PD001: show its documentation")
    rules.add_argument("--policy", help="with a code: the clause and severities in this pack")
    rules.add_argument("--json", action="store_true")
    rules.set_defaults(handler=_cmd_rules)


def _cmd_rules(args: argparse.Namespace) -> int:
    rules = all_rules()
    if args.code:
        return _explain_rule(args.code.upper(), args.policy)
    if args.json:
        print(json.dumps([{"code": r.code, "family": r.family, "title": r.title, "doc": r.doc}
                          for r in rules.values()], ensure_ascii=False, indent=1))
        return 0
    for family, (name, _) in FAMILIES.items():
        print(f"{family}  {name}")
        for rule in rules.values():
            if rule.family == family:
                print(f"  {rule.code}  {rule.title}")
    return 0


def _explain_rule(code: str, policy: str | None) -> int:
    rule = all_rules().get(code)
    if rule is None:
        raise UsageError(f"no rule {code} (see `civicpost rules`)")
    print(f"{rule.code}  {rule.title}\n\n{rule.doc}")
    if policy:
        pack = load_pack(policy)
        setting = pack.rules.get(code)
        if setting is None:
            print(f"\n{pack.id} does not use this rule.")
            return 0
        clause = pack.clause(setting.clause_id)
        levels = ", ".join(f"{when}: {level.value}" for when, level in setting.severities.items())
        print(f"\nIn {pack.id} it enforces {clause.id}: \"{clause.text}\"\nSeverity: {levels}")
    return 0


