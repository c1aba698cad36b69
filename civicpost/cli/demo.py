"""``civicpost demo``: sample posts checked under both seed policies."""

from __future__ import annotations

import argparse
import sys
from typing import Any

ORDER = 90


def register(commands: Any) -> None:
    demo = commands.add_parser("demo", help="check sample posts under both seed policies")
    demo.set_defaults(handler=_cmd_demo)


def _cmd_demo(args: argparse.Namespace) -> int:
    from civicpost.demo import run_demo

    run_demo(sys.stdout)
    return 0
