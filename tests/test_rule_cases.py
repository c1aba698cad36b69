"""Every rule's cases, kept as data in ``tests/cases/<FAMILY>.toml``.

A case names a rule, a text, an optional context, and ``hits``: the exact excerpts the
rule must flag, in order, or ``[]`` when it must stay quiet. A policy officer can read and
add to these files without touching test code.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from civicpost.engine import Context, all_rules
from civicpost.engine.post import Post

CASES = Path(__file__).parent / "cases"


def _cases() -> list[pytest.param]:
    params = []
    for path in sorted(CASES.glob("*.toml")):
        for number, case in enumerate(tomllib.loads(path.read_text("utf-8"))["case"], 1):
            label = f"{path.stem}-{number}-{case['rule']}"
            params.append(pytest.param(case, id=label))
    return params


@pytest.mark.parametrize("case", _cases())
def test_rule_case(case: dict) -> None:
    rule = all_rules()[case["rule"]]
    post = Post(case["text"], Context.from_dict(case.get("context")))
    found = [case["text"][h.start:h.end] for h in sorted(rule.find(post), key=lambda h: h.start)]
    assert found == case["hits"], case.get("why", "")


def test_every_rule_has_cases_both_ways() -> None:
    firing: set[str] = set()
    quiet: set[str] = set()
    for param in _cases():
        case = param.values[0]
        (firing if case["hits"] else quiet).add(case["rule"])
    for code in all_rules():
        assert code in firing, f"{code} has no case where it fires"
        assert code in quiet, f"{code} has no case where it must stay quiet"
