"""``check(text, context, policy) -> Report``: the one call everything else makes."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from civicpost.engine.context import Context
from civicpost.engine.findings import ClauseRef, Finding, Hit, Report, Severity
from civicpost.engine.policy import PolicyPack, conditions_of, load_pack
from civicpost.engine.post import Post
from civicpost.engine.rules import all_rules

DEFAULT_PACK = "loughton-2019"


class InputError(ValueError):
    """The text to check is not text."""


def check(
    text: str,
    context: Context | Mapping[str, Any] | None = None,
    policy: PolicyPack | str | Path = DEFAULT_PACK,
) -> Report:
    """Check ``text`` against a council's policy pack in the given context.

    Every finding carries the rule code, its severity under this pack and context, the span
    of the original text, a plain-English message, the clause it enforces (verbatim) and a
    fix where one exists. Raises ``InputError`` when ``text`` is not a string,
    ``ContextError`` for a bad context and ``PolicyError`` for a pack that does not load.
    """
    if not isinstance(text, str):
        raise InputError(f"text must be a string, not {type(text).__name__}")
    pack = policy if isinstance(policy, PolicyPack) else load_pack(policy)
    ctx = context if isinstance(context, Context) else Context.from_dict(context)
    post = Post(text, ctx)
    conditions = conditions_of(ctx)
    rules = all_rules()
    findings: dict[tuple[str, int, int, str], Finding] = {}
    for active in pack.active_rules(conditions):
        code = active.code
        rule = rules[code]
        for hit in rule.find(post):
            finding = _finding(code, rule.title, active.severity, hit, text, active.clause)
            # Attachments' findings share the empty span, so the message tells them apart.
            findings.setdefault((code, finding.start, finding.end, finding.message), finding)
    ordered = sorted(findings.values(), key=lambda f: (f.start, -f.severity.rank, f.code))
    return Report(text=text, policy_id=pack.id, pre_election="pre_election" in conditions,
                  findings=tuple(ordered))


def _finding(code: str, title: str, severity: Severity, hit: Hit, text: str,
             clause: ClauseRef) -> Finding:
    # Rules must report spans inside the text; clamping here keeps a rule's off-by-one
    # from ever reaching a user as an impossible highlight.
    start = max(0, min(hit.start, len(text)))
    end = max(start, min(hit.end, len(text)))
    return Finding(
        code=code, title=title, severity=severity, start=start, end=end,
        excerpt=text[start:end], message=hit.message, clause=clause, fix=hit.fix,
    )
