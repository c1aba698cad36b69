"""The `civicpost` command's contract: what other parts of the product and outside tools rely on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from civicpost.cli import main

LEAK = "Please ring Mrs Harris on 07700 900461 if you find her cat."
CLEAN = "The allotment waiting list reopens on Monday. Application forms are at the library."


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def civicpost(*argv: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "civicpost.cli", *argv], input=stdin,
                          capture_output=True, check=False)


def test_a_blocking_finding_exits_1_and_explains_itself(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "check", "--policy", "loughton-2019", LEAK)
    assert status == 1
    assert "BLOCK" in out and "PD001" in out
    assert "Never give out personal details" in out  # the clause, quoted
    assert "^^^^^^^^^^^^" in out  # the number underlined
    assert "[phone number removed]" in out  # the redaction offered
    assert "Verdict: block" in out


def test_a_clean_post_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "check", CLEAN)
    assert status == 0
    assert "Verdict: clear" in out


def test_text_can_come_on_standard_input() -> None:
    result = civicpost("check", "--json", stdin=LEAK.encode())
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["verdict"] == "block"


def test_json_findings_carry_the_contract_fields(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", "--json", LEAK)
    finding = next(f for f in json.loads(out)["findings"] if f["code"] == "PD001")
    assert set(finding) >= {"code", "family", "severity", "start", "end", "excerpt", "message",
                            "clause", "fix"}
    assert finding["family"] == "PD"
    assert LEAK[finding["start"]:finding["end"]] == finding["excerpt"] == "07700 900461"
    assert set(finding["clause"]) == {"id", "text"}


def test_jsonl_answers_every_line_in_order_even_when_one_is_broken(tmp_path: Path,
                                                                   capsys) -> None:
    lines = [
        json.dumps({"id": "a", "text": LEAK}),
        "{this is not json",
        json.dumps({"id": "c", "text": CLEAN, "context": {"account": "personal"}}),
        json.dumps({"id": "d", "text": CLEAN, "context": {"account": "twitter"}}),
        json.dumps({"id": "e"}),
    ]
    source = tmp_path / "posts.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, out, _ = run(capsys, "check", "--jsonl", str(source))
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in results] == ["a", 2, "c", "d", "e"]
    assert results[0]["verdict"] == "block"
    assert "not valid JSON" in results[1]["error"]
    assert results[2]["verdict"] == "clear"
    assert "account must be one of" in results[3]["error"]
    assert "'text' is missing" in results[4]["error"]
    assert status == 1


def test_jsonl_from_standard_input_survives_a_line_of_bad_bytes() -> None:
    good = json.dumps({"id": 1, "text": CLEAN}).encode()
    result = civicpost("check", "--jsonl", "-", stdin=good + b"\n\xff\xfe{\n" + good + b"\n")
    results = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r.get("verdict") for r in results] == ["clear", None, "clear"]
    assert result.returncode == 0


@pytest.mark.parametrize(("argv", "stdin", "says"), [
    (["check", "--policy", "nowhere-2020", "hello"], b"", "no such pack or file"),
    (["check", "--context", "{oops", "hello"], b"", "--context is not valid JSON"),
    (["check", "--date", "someday", "hello"], b"", "date must be an ISO date"),
    (["check"], b"\xff\xfe\x00bad", "not UTF-8"),
    (["check", "--jsonl", "/nonexistent/file.jsonl"], b"", "cannot read"),
    (["frobnicate"], b"", "invalid choice"),
])
def test_usage_and_input_errors_exit_2_with_one_line_and_no_traceback(argv: list[str],
                                                                      stdin: bytes,
                                                                      says: str) -> None:
    result = civicpost(*argv, stdin=stdin)
    err = result.stderr.decode()
    assert result.returncode == 2
    assert says in err
    assert "Traceback" not in err


def test_context_options_change_the_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    text = "Thanks to Cllr Sarah Patel, who secured £20,000 for the new play area!"
    outside, _, _ = run(capsys, "check", "--councillor", "Sarah Patel", "--no-pre-election", text)
    inside, out, _ = run(capsys, "check", "--councillor", "Sarah Patel", "--pre-election", text)
    assert (outside, inside) == (0, 1)
    assert "PO003" in out


def test_rules_are_listed_with_their_documentation(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "rules", "--json")
    rules = json.loads(out)
    assert status == 0
    assert {r["family"] for r in rules} >= {"PD", "AB", "PO", "DF", "CF", "ST", "AX", "AC", "MN"}
    for rule in rules:
        assert rule["code"].startswith(rule["family"])
        assert rule["title"] and len(rule["doc"]) > 80, rule["code"]


def test_policy_list_and_show(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "policy", "list")
    assert "loughton-2019" in out and "ludgershall-2021" in out
    _, out, _ = run(capsys, "policy", "show", "ludgershall-2021", "--json")
    pack = json.loads(out)
    assert pack["review_due"] == "2023-03"
    assert all(set(c) >= {"id", "text", "rules", "enforced_by"} for c in pack["clauses"])


def test_policy_validate_reports_every_problem(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "x"\ncouncil = "X Parish Council"\ntitle = "T"\n'
                      '[[clauses]]\nid = "1"\ntext = "Be civil."\nrules = ["ZZ999"]\n'
                      'enforced_by = ["engine"]\n', encoding="utf-8")
    status, out, _ = run(capsys, "policy", "validate", str(broken))
    assert status == 1
    assert "invalid policy pack" in out
    assert "rule 'ZZ999' does not exist" in out
    status, out, _ = run(capsys, "policy", "validate", "civicpost/policies/loughton-2019.toml")
    assert status == 0 and "valid" in out
