"""The ``civicpost`` command: check texts, list rules, inspect and validate policy packs.

Exit status: 0 when nothing is at ``block`` (or the command succeeded), 1 when something is at
``block`` (or a pack is invalid), 2 on usage or input errors, always with a one-line message.

Each subcommand lives in a module of this package with a ``register(commands)`` function and an
``ORDER`` (its place in ``--help``); adding a command is adding a module.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from civicpost import __version__
from civicpost.cli.common import Parser, UsageError
from civicpost.engine import PolicyError


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
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


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="civicpost", description=__doc__.splitlines()[0].replace("``", ""))
    parser.add_argument("--version", action="version", version=f"civicpost {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    modules = [importlib.import_module(f"{__name__}.{info.name}")
               for info in pkgutil.iter_modules(__path__) if info.name not in {"common", "__main__"}]
    for module in sorted(modules, key=lambda m: getattr(m, "ORDER", 50)):
        if hasattr(module, "register"):
            module.register(commands)
    return parser
