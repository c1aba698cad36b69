"""The check the triage label tests share: the labels a message must and must not be given."""

from __future__ import annotations

from civicpost.engine.triage import triage


def assert_labels(text: str, must: set[str], must_not: set[str]) -> None:
    """Triage gives ``text`` every label of ``must`` and none of ``must_not``."""
    result = triage(text, {"received": "2026-03-02T10:00:00Z"})
    given = set(result.label_names)
    reasons = [(lab.label, lab.why) for lab in result.labels]
    assert must <= given, f"missing {must - given}; got {reasons}"
    assert not (must_not & given), f"wrongly {must_not & given}: {reasons}"
