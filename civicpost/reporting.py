"""A check report as readable text for a terminal: each finding with its span underlined."""

from __future__ import annotations

import textwrap

from civicpost.engine import Finding, Report

_COLOURS = {"block": "\033[1;31m", "warn": "\033[1;33m", "advise": "\033[1;36m"}
_RESET = "\033[0m"
_WINDOW = 50


def render_report(report: Report, color: bool = False) -> str:
    if not report.text.strip():
        return "Nothing to check: the text is empty.\nVerdict: clear"
    lines: list[str] = []
    for finding in report.findings:
        lines.extend(_render_finding(report.text, finding, color))
        lines.append("")
    counts = {}
    for finding in report.findings:
        counts[finding.severity.value] = counts.get(finding.severity.value, 0) + 1
    summary = ", ".join(f"{n} {level}" for level, n in counts.items()) or "no findings"
    period = " (inside a pre-election period)" if report.pre_election else ""
    lines.append(f"Verdict: {report.verdict} — {summary}; policy {report.policy_id}{period}")
    return "\n".join(lines)


def _render_finding(text: str, finding: Finding, color: bool) -> list[str]:
    level = finding.severity.value.upper()
    if color:
        level = f"{_COLOURS.get(finding.severity.value, '')}{level}{_RESET}"
    lines = [f"{level}  {finding.code}  {finding.title}"]
    if finding.end > finding.start:
        lines.extend(_underline(text, finding.start, finding.end))
    lines.extend(textwrap.wrap(finding.message, 88, initial_indent="  ",
                               subsequent_indent="  "))
    lines.extend(textwrap.wrap(f'Policy {finding.clause.id}: "{finding.clause.text}"', 88,
                               initial_indent="  ", subsequent_indent="    "))
    if finding.fix:
        suggestion = finding.fix.description
        if finding.fix.replacement is not None:
            suggestion += f' → "{finding.fix.replacement}"'
        lines.append(f"  Fix: {suggestion}")
    return lines


def _underline(text: str, start: int, end: int) -> list[str]:
    """The span in a window of its line, with carets under it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    left = max(line_start, start - _WINDOW)
    right = min(line_end, max(end, start + 1) + _WINDOW)
    shown = text[left:right].replace("\t", " ").replace("\n", " ")
    shown = "".join(c if c.isprintable() else "·" for c in shown)
    prefix = "…" if left > line_start else ""
    caret_end = min(end, right)
    return [f"    {prefix}{shown}", "    " + " " * (len(prefix) + start - left)
            + "^" * max(1, caret_end - start)]
