"""``civicpost policy``: list, show and validate policy packs."""

from __future__ import annotations

import argparse
import json
from typing import Any

from civicpost.cli.common import Parser
from civicpost.engine import PolicyError, load_pack, shipped_packs

ORDER = 30


def register(commands: Any) -> None:
    policy = commands.add_parser("policy", help="list, show and validate policy packs")
    policy_commands = policy.add_subparsers(dest="policy_command", required=True, parser_class=Parser)
    listing = policy_commands.add_parser("list", help="the packs that ship with civicpost")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_cmd_policy_list)
    show = policy_commands.add_parser("show", help="a pack's metadata and clauses")
    show.add_argument("pack")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_cmd_policy_show)
    validate = policy_commands.add_parser("validate", help="check a pack file for mistakes")
    validate.add_argument("file")
    validate.set_defaults(handler=_cmd_policy_validate)


def _cmd_policy_list(args: argparse.Namespace) -> int:
    packs = [load_pack(name) for name in shipped_packs()]
    if args.json:
        print(json.dumps([p.metadata() for p in packs], ensure_ascii=False, indent=1))
        return 0
    for pack in packs:
        due = f", review due {pack.review_due}" if pack.review_due else ", no review date"
        print(f"{pack.id:20} {pack.council} — {pack.title} ({len(pack.clauses)} clauses{due})")
    return 0


def _cmd_policy_show(args: argparse.Namespace) -> int:
    pack = load_pack(args.pack)
    if args.json:
        print(json.dumps(pack.to_dict(), ensure_ascii=False, indent=1))
        return 0
    print(f"{pack.title}\n{pack.council} ({pack.id})")
    for label, value in (("Adopted", pack.adopted), ("Approved", pack.approved),
                         ("Ratified", pack.ratified), ("Review due", pack.review_due)):
        if value:
            print(f"{label}: {value}")
    for clause in pack.clauses:
        how = ", ".join([*clause.rules, *(e for e in clause.enforced_by if e != "engine")])
        print(f"\n[{clause.id}] {clause.text}\n  enforced by: {how}")
    return 0


def _cmd_policy_validate(args: argparse.Namespace) -> int:
    try:
        pack = load_pack(args.file)
    except PolicyError as exc:
        print(f"{exc.source}: invalid policy pack")
        for problem in exc.problems:
            print(f"  - {problem}")
        return 1
    print(f"{args.file}: valid ({pack.id}: {len(pack.clauses)} clauses, {len(pack.rules)} rules)")
    return 0


