"""``civicpost triage``: what an incoming message needs, why, and by when; or a whole backlog.

* ``civicpost triage TEXT`` (or the text on standard input) prints the labels, why each was
  given, whether the Clerk must see it at once, and when the reply is due.
* ``--json`` prints the same as one object (labels, urgent, due, clocks, FOI validity).
* ``--jsonl FILE`` (or ``-``) reads lines ``{"id", "text", "context"}`` and writes one line per
  input, in order: ``{"id", "labels": [{"label", "why", "start", "end"}], "urgent", "due"}``.
  ``context.received`` (an ISO date-time) starts the clocks; without it, now. A malformed line
  gets ``{"id", "error"}`` (its line number stands in for a missing id) and the batch goes on.

Exit status 0, or 2 on a usage or input error with a one-line message.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from civicpost.cli.common import UsageError, json_object, open_lines, read_stdin
from civicpost.engine import ContextError, InputError
from civicpost.engine.triage import KINDS, ResponseTargets, Triage, triage

ORDER = 15
_WIDTH = max(len(label) for label in ("grievance", "complaint"))


def register(commands: Any) -> None:
    parser = commands.add_parser("triage", help="label incoming messages for the Clerk's inbox")
    parser.add_argument("text", nargs="*", help="the message (read from standard input when absent)")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the result as one JSON object")
    out.add_argument("--jsonl", metavar="FILE", help="triage JSON lines from FILE (or -)")
    group = parser.add_argument_group("context (all optional; JSON lines carry their own)")
    group.add_argument("--received", metavar="DATETIME", help="when it arrived, ISO 8601 (default now)")
    group.add_argument("--kind", choices=KINDS)
    group.add_argument("--channel", help="facebook, x, bluesky, email, ...")
    group.add_argument("--author-name", dest="author_name", metavar="NAME")
    group.add_argument("--author-handle", dest="author_handle", metavar="HANDLE")
    group.add_argument("--councillor", action="append", metavar="NAME", dest="councillors")
    group.add_argument("--context", metavar="JSON", help="the whole context as a JSON object")
    targets = parser.add_argument_group("the council's response targets, in working days")
    targets.add_argument("--question-days", type=_days, metavar="N", help="default 2")
    targets.add_argument("--complaint-days", type=_days, metavar="N", help="default 5")
    targets.add_argument("--negative-days", type=_days, metavar="N", help="default 0 (the same day)")
    parser.add_argument("--processes", type=_processes, default=1, metavar="N",
                        help="with --jsonl: worker processes to share the batch (default 1)")
    parser.set_defaults(handler=_cmd_triage)


def _days(raw: str) -> int:
    if not raw.isdigit() or int(raw) > 60:
        raise argparse.ArgumentTypeError(f"a number of working days from 0 to 60 (got {raw!r})")
    return int(raw)


def _processes(raw: str) -> int:
    if not raw.isdigit() or not 1 <= int(raw) <= 64:
        raise argparse.ArgumentTypeError(f"a number of processes from 1 to 64 (got {raw!r})")
    return int(raw)


def _context_from_args(args: argparse.Namespace) -> dict[str, Any]:
    context = json_object(args.context, "--context") if args.context else {}
    for key in ("received", "kind", "channel", "author_name", "author_handle", "councillors"):
        value = getattr(args, key)
        if value is not None:
            context[key] = value
    return context


def _targets_from_args(args: argparse.Namespace) -> ResponseTargets:
    defaults = ResponseTargets()
    return ResponseTargets(
        question=defaults.question if args.question_days is None else args.question_days,
        complaint=defaults.complaint if args.complaint_days is None else args.complaint_days,
        negative=defaults.negative if args.negative_days is None else args.negative_days,
    )


def _cmd_triage(args: argparse.Namespace) -> int:
    context = _context_from_args(args)
    targets = _targets_from_args(args)
    if args.jsonl:
        _triage_lines(open_lines(args.jsonl), context, targets, args.processes, sys.stdout)
        return 0
    text = " ".join(args.text) if args.text and args.text != ["-"] else read_stdin()
    try:
        result = triage(text, context, targets)
    except ContextError as exc:
        raise UsageError(f"context: {exc}") from None
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        print(render(result))
    return 0


# --------------------------------------------------------------------------- batches

def _triage_lines(lines: TextIO, defaults: dict[str, Any], targets: ResponseTargets, processes: int,
                  out: TextIO) -> None:
    """One output line per non-blank input line, in order."""
    jobs = ((number, line, defaults, targets) for number, line in enumerate(lines, start=1)
            if line.strip())
    for answer in _answers(jobs, processes):
        out.write(answer + "\n")


def _answers(jobs: Iterable[tuple[int, str, dict[str, Any], ResponseTargets]],
             processes: int) -> Iterator[str]:
    if processes <= 1:
        yield from map(answer_line, jobs)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with multiprocessing.get_context(method).Pool(processes) as pool:
        yield from pool.imap(answer_line, jobs, chunksize=256)


def answer_line(job: tuple[int, str, dict[str, Any], ResponseTargets]) -> str:
    """The output line for one input line: the triage, or an error object."""
    number, line, defaults, targets = job
    return json.dumps(_answer(number, line, defaults, targets), ensure_ascii=False)


def _answer(number: int, line: str, defaults: dict[str, Any], targets: ResponseTargets) -> dict[str, Any]:
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
        result = triage(text, {**defaults, **context}, targets)
    except (ContextError, InputError) as exc:
        return {"id": ident, "error": f"context: {exc}"}
    due = result.due
    return {"id": ident, "labels": [label.to_dict() for label in result.labels],
            "urgent": result.urgent, "due": None if due is None else due.isoformat()}


# --------------------------------------------------------------------------- one message

def render(result: Triage) -> str:
    """A plain-text summary of one message's triage for the terminal."""
    lines = []
    if result.urgent:
        lines.append("URGENT: show the Town Clerk at once")
    for label in result.labels:
        lines.append(f"{label.label:<{_WIDTH}}  {label.why}")
    for clock in sorted(result.clocks, key=lambda c: c.due_at):
        lines.append(f"due {clock.due_at:%a %d %b %Y %H:%M}  {clock.label}: {clock.basis}")
    if result.foi is not None:
        lines.append(f"FOI request: {result.foi.note}")
    due = result.due
    lines.append(f"Due: {due.isoformat()}" if due else "Due: no response clock")
    return "\n".join(lines)
