"""``civicpost check``: a text, or a batch of JSON lines, against a council's policy pack."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from civicpost.cli.common import UsageError, json_object, open_lines, read_stdin
from civicpost.engine import DEFAULT_PACK, ContextError, check, load_pack
from civicpost.reporting import render_report

ORDER = 10


def register(commands: Any) -> None:
    checking = commands.add_parser("check", help="check a text against a council's policy pack")
    checking.add_argument("text", nargs="*", help="the text (read from standard input when absent)")
    checking.add_argument("--policy", default=DEFAULT_PACK, help="pack id or path to a pack file")
    out = checking.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the report as one JSON object")
    out.add_argument("--jsonl", metavar="FILE", help="check JSON lines from FILE (or -)")
    add_context_options(checking)
    checking.set_defaults(handler=_cmd_check)


def add_context_options(parser: argparse.ArgumentParser) -> None:
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
        context = json_object(args.context, "--context")
    for key in ("account", "kind", "date", "pre_election", "author_role", "councillors",
                "controversial_issues", "council_contacts"):
        value = getattr(args, key)
        if value is not None:
            context[key] = value
    if args.media:
        context["media"] = [json_object(m, "--media") for m in args.media]
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


def _cmd_check(args: argparse.Namespace) -> int:
    pack = load_pack(args.policy)
    context = context_from_args(args)
    if args.jsonl:
        return _check_lines(open_lines(args.jsonl), pack, context, sys.stdout)
    text = " ".join(args.text) if args.text and args.text != ["-"] else read_stdin()
    try:
        report = check(text, context, pack)
    except ContextError as exc:
        raise UsageError(f"context: {exc}") from None
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        print(render_report(report, color=sys.stdout.isatty()))
    return 1 if report.blocked else 0


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


