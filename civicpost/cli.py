"""The ``civicpost`` command: check texts, list rules, inspect and validate policy packs.

Exit status: 0 when nothing is at ``block`` (or the command succeeded), 1 when something is at
``block`` (or a pack is invalid), 2 on usage or input errors, always with a one-line message.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, NoReturn, TextIO

from civicpost import __version__
from civicpost.engine import (
    DEFAULT_PACK,
    FAMILIES,
    ContextError,
    PolicyError,
    all_rules,
    check,
    load_pack,
    shipped_packs,
)
from civicpost.reporting import render_report


class UsageError(Exception):
    """Bad arguments or unreadable input: reported in one line, exit status 2."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
        return int(args.handler(args))
    except UsageError as exc:
        print(f"civicpost: error: {exc}", file=sys.stderr)
        return 2
    except PolicyError as exc:
        print(f"civicpost: error: policy pack {exc.source}: {'; '.join(exc.problems)}",
              file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="civicpost", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"civicpost {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    checking = commands.add_parser("check", help="check a text against a council's policy pack")
    checking.add_argument("text", nargs="*", help="the text (read from standard input when absent)")
    checking.add_argument("--policy", default=DEFAULT_PACK, help="pack id or path to a pack file")
    out = checking.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the report as one JSON object")
    out.add_argument("--jsonl", metavar="FILE", help="check JSON lines from FILE (or -)")
    _add_context_options(checking)
    checking.set_defaults(handler=_cmd_check)

    rules = commands.add_parser("rules", help="list every rule, or explain one")
    rules.add_argument("code", nargs="?", help="a rule code such as PD001: show its documentation")
    rules.add_argument("--policy", help="with a code: the clause and severities in this pack")
    rules.add_argument("--json", action="store_true")
    rules.set_defaults(handler=_cmd_rules)

    policy = commands.add_parser("policy", help="list, show and validate policy packs")
    policy_commands = policy.add_subparsers(dest="policy_command", required=True,
                                            parser_class=_Parser)
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

    demo = commands.add_parser("demo", help="check sample posts under both seed policies")
    demo.set_defaults(handler=_cmd_demo)
    return parser


def _add_context_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("context (all optional; JSON lines carry their own)")
    group.add_argument("--account", choices=["council", "personal"])
    group.add_argument("--kind", choices=["post", "reply", "share", "dm"])
    group.add_argument("--date", help="ISO date of posting (default today)")
    election = group.add_mutually_exclusive_group()
    election.add_argument("--pre-election", dest="pre_election", action="store_true",
                          default=None, help="treat the post as inside a pre-election period")
    election.add_argument("--no-pre-election", dest="pre_election", action="store_false",
                          help="treat the post as outside any pre-election period")
    group.add_argument("--author-role", choices=["officer", "clerk", "councillor", "partner"])
    group.add_argument("--media", action="append", metavar="JSON",
                       help='an attachment, e.g. \'{"type": "image", "alt": "...", "credit": "..."}\'')
    group.add_argument("--councillor", action="append", metavar="NAME", dest="councillors")
    group.add_argument("--partner", action="append", metavar="NAME[=approved]", dest="partners")
    group.add_argument("--controversial-issue", action="append", metavar="PHRASE",
                       dest="controversial_issues")
    group.add_argument("--council-contact", action="append", metavar="PHONE|EMAIL|DOMAIN",
                       dest="council_contacts")
    group.add_argument("--election", action="append", metavar="POLL[:NOTICE]", dest="elections")
    group.add_argument("--context", metavar="JSON", help="the whole context as a JSON object")


def context_from_args(args: argparse.Namespace) -> dict[str, Any]:
    """The context object built from --context and the individual options (which win)."""
    context: dict[str, Any] = {}
    if args.context:
        context = _json_object(args.context, "--context")
    for key in ("account", "kind", "date", "pre_election", "author_role", "councillors",
                "controversial_issues", "council_contacts"):
        value = getattr(args, key)
        if value is not None:
            context[key] = value
    if args.media:
        context["media"] = [_json_object(m, "--media") for m in args.media]
    if args.partners:
        context["partners"] = [
            {"name": p.rsplit("=", 1)[0], "approved": p.lower().endswith("=approved")}
            for p in args.partners
        ]
    if args.elections:
        context["elections"] = [
            {"poll": e.split(":")[0], **({"notice": e.split(":")[1]} if ":" in e else {})}
            for e in args.elections
        ]
    return context


def _json_object(raw: str, where: str) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{where} is not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(value, dict):
        raise UsageError(f"{where} must be a JSON object")
    return value


def _cmd_check(args: argparse.Namespace) -> int:
    pack = load_pack(args.policy)
    context = context_from_args(args)
    if args.jsonl:
        return _check_lines(_open_lines(args.jsonl), pack, context, sys.stdout)
    text = " ".join(args.text) if args.text and args.text != ["-"] else _read_stdin()
    try:
        report = check(text, context, pack)
    except ContextError as exc:
        raise UsageError(f"context: {exc}") from None
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        print(render_report(report, color=sys.stdout.isatty()))
    return 1 if report.blocked else 0


def _read_stdin() -> str:
    if sys.stdin is None or sys.stdin.isatty():
        raise UsageError("give the text to check as an argument or on standard input")
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"standard input is not UTF-8 text (bad byte at offset {exc.start})") from None


def _open_lines(source: str) -> TextIO:
    if source == "-":
        # A bad byte on one line must not stop the batch: it is replaced and that line checked.
        if hasattr(sys.stdin, "reconfigure"):
            sys.stdin.reconfigure(errors="replace")
        return sys.stdin
    try:
        return open(source, encoding="utf-8", errors="replace")  # noqa: SIM115
    except OSError as exc:
        raise UsageError(f"cannot read {source}: {exc.strerror}") from None


def _check_lines(lines: TextIO, pack: Any, defaults: dict[str, Any], out: TextIO) -> int:
    """One output line per input line, in order; a bad line gets an error object."""
    blocked = False
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        result = check_line(line, number, pack, defaults)
        blocked = blocked or result.get("verdict") == "block"
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 1 if blocked else 0


def check_line(line: str, number: int, pack: Any, defaults: dict[str, Any]) -> dict[str, Any]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": number, "error": f"line {number} is not valid JSON: {exc.msg}"}
    if not isinstance(item, dict):
        return {"id": number, "error": f"line {number} must be a JSON object"}
    ident = item.get("id", number)
    text = item.get("text")
    if not isinstance(text, str):
        return {"id": ident, "error": "'text' is missing or not a string"}
    context = item.get("context") or {}
    if not isinstance(context, dict):
        return {"id": ident, "error": "'context' must be an object"}
    try:
        report = check(text, {**defaults, **context}, pack)
    except ContextError as exc:
        return {"id": ident, "error": f"context: {exc}"}
    return {"id": ident, "verdict": report.verdict,
            "findings": [f.to_dict() for f in report.findings]}


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


def _cmd_demo(args: argparse.Namespace) -> int:
    from civicpost.demo import run_demo

    run_demo(sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
