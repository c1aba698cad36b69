"""``civicpost audit verify`` and ``civicpost audit export``: check the hash chain of the audit
trail and name its first broken link, or write it out as JSON lines."""

from __future__ import annotations

import argparse
import sys
from contextlib import nullcontext
from typing import Any

from civicpost.cli.common import UsageError

ORDER = 60


def register(commands: Any) -> None:
    audit = commands.add_parser("audit", help="verify or export the audit trail")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_commands.add_parser("verify", help="check every link of the hash chain")
    verify.add_argument("--council", help="only this council's chain (its short name)")
    verify.set_defaults(handler=_cmd_verify)
    export = audit_commands.add_parser("export", help="write events as JSON lines")
    export.add_argument("--council", help="this council's chain (default: every chain)")
    export.add_argument("--output", "-o", default="-", help="file to write (default standard output)")
    export.set_defaults(handler=_cmd_export)


def _council(slug: str | None) -> Any:
    if slug is None:
        return None
    from civicpost.desk.councils.models import Council

    council = Council.objects.filter(slug=slug).first()
    if council is None:
        raise UsageError(f"no council {slug!r}")
    return council


def _cmd_verify(args: argparse.Namespace) -> int:
    from civicpost.cli.desk import setup_django

    setup_django(migrate=False)
    from civicpost.desk.audit import log

    council = _council(args.council)
    result = log.verify([log.chain_key(council)] if council is not None else None)
    if result.ok:
        print(f"audit trail intact: {result.events} events in {result.chains} chain(s)")
        return 0
    print(f"audit trail BROKEN at {result.broken}")
    return 1


def _cmd_export(args: argparse.Namespace) -> int:
    from civicpost.cli.desk import setup_django

    setup_django(migrate=False)
    from civicpost.desk.audit import log

    council = _council(args.council)
    log.record("audit.exported", actor=None, council=council,
               summary="Audit trail exported from the command line")
    try:
        out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise UsageError(f"cannot write {args.output}: {exc.strerror}") from None
    with out if out is not sys.stdout else nullcontext():
        count = log.export(out, council, every_chain=council is None)
    if args.output != "-":
        print(f"{count} events written to {args.output}")
    return 0

