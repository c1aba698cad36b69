"""What every ``civicpost`` subcommand shares: the usage error, JSON and input helpers."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, NoReturn, TextIO


class UsageError(Exception):
    """Bad arguments or unreadable input: reported in one line, exit status 2."""


def json_object(raw: str, where: str) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{where} is not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(value, dict):
        raise UsageError(f"{where} must be a JSON object")
    return value


def read_stdin() -> str:
    if sys.stdin is None or sys.stdin.isatty():
        raise UsageError("give the text to check as an argument or on standard input")
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"standard input is not UTF-8 text (bad byte at offset {exc.start})") from None


def open_lines(source: str) -> TextIO:
    if source == "-":
        # A bad byte on one line must not stop the batch: it is replaced and that line checked.
        if hasattr(sys.stdin, "reconfigure"):
            sys.stdin.reconfigure(errors="replace")
        return sys.stdin
    try:
        return open(source, encoding="utf-8", errors="replace")  # noqa: SIM115
    except OSError as exc:
        raise UsageError(f"cannot read {source}: {exc.strerror}") from None


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors become a one-line :class:`UsageError` (exit status 2)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        raise UsageError(message)
