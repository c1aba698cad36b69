"""``civicpost policy``: list, show, validate and import policy packs."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from civicpost.cli.common import Parser, UsageError
from civicpost.engine import PolicyError, load_pack, shipped_packs

ORDER = 30


def register(commands: Any) -> None:
    policy = commands.add_parser("policy", help="list, show, validate and import policy packs")
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
    importing = policy_commands.add_parser(
        "import", help="a council's policy document (Word .docx, PDF or text) as a draft pack")
    importing.add_argument("file", help="the policy document")
    importing.add_argument("--json", action="store_true", help="print the draft as one JSON object")
    importing.add_argument("--toml", metavar="OUT",
                           help="also write the draft as a pack file (- for standard output)")
    importing.add_argument("--id", dest="pack_id", help="the pack's id (default: the council and year)")
    importing.add_argument("--template", default="loughton-2019",
                           help="the pack whose severities the draft takes (default: loughton-2019)")
    importing.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    importing.set_defaults(handler=_cmd_policy_import)


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




def _cmd_policy_import(args: argparse.Namespace) -> int:
    from civicpost.policy_import import PolicyImportError, import_policy

    if args.toml == "-" and args.json:
        raise UsageError("--json and --toml - both write to standard output: choose one")
    try:
        draft = import_policy(args.file)
        pack_text = draft.to_toml(pack_id=args.pack_id, template=args.template) if args.toml else ""
    except PolicyImportError as exc:
        raise UsageError(str(exc)) from None
    if args.toml == "-":
        sys.stdout.write(pack_text)
        return 0
    if args.toml:
        _write_new_file(Path(args.toml), pack_text, args.force)
    if args.json:
        print(json.dumps(draft.to_dict(), ensure_ascii=False, indent=1))
    else:
        _print_draft(draft)
    if args.toml:
        print(f"wrote the draft pack to {args.toml}; check it, then: civicpost policy validate {args.toml}",
              file=sys.stderr if args.json else sys.stdout)
    return 0


def _write_new_file(path: Path, text: str, force: bool) -> None:
    """Write ``text`` to ``path`` whole or not at all, never over a file unless forced."""
    if path.exists() and not force:
        raise UsageError(f"{path} already exists: choose another file name, or add --force to replace it")
    if path.is_dir():
        raise UsageError(f"{path} is a folder: give a file name for the pack")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def _print_draft(draft: Any) -> None:
    print(draft.title or "(no title found)")
    print(draft.council or "(no council name found)")
    for label, key in (("Adopted", "adopted"), ("Approved", "approved"), ("Ratified", "ratified"),
                       ("Last reviewed", "last_reviewed"), ("Next review", "next_review")):
        value = getattr(draft, key)
        if value:
            words = draft.evidence.get(key)
            print(f"{label}: {value}" + (f'  ("{words}")' if words else ""))
    if draft.review_interval_months:
        print(f"Reviewed every {draft.review_interval_months} months")
    print(f"Review due: {draft.review_due or 'not stated'}")
    engine = sum(1 for c in draft.clauses if c.families)
    desk = sum(1 for c in draft.clauses if not c.families and c.capabilities)
    guidance = len(draft.clauses) - engine - desk
    print(f"From {draft.source} ({draft.source_format}): {len(draft.clauses)} clauses; {engine} checked by "
          f"rules, {desk} by the desk alone, {guidance} guidance")
    for warning in draft.warnings:
        print(f"Note: {warning}")
    for clause in draft.clauses:
        chosen = [*clause.families, *clause.capabilities]
        how = "  ".join(f"{t} {clause.suggestions[t].confidence:.2f}" for t in chosen) or "guidance"
        text = clause.text if len(clause.text) <= 100 else clause.text[:99].rstrip() + "…"
        print(f"\n[{clause.id}] {how}\n  {text}")
