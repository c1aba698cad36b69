"""The `civicpost triage` command's contract: what the desk and outside tools rely on."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from civicpost.cli import main

FOI = "Under the Freedom of Information Act please send me all invoices for the Christmas lights."
THREAT = "I know where you live."


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def civicpost(*argv: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "civicpost.cli", *argv], input=stdin,
                          capture_output=True, check=False)


def test_a_message_gets_a_readable_summary(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "triage", "--received", "2026-12-18T10:00:00Z", FOI)
    assert status == 0
    assert out.splitlines()[0].startswith("foi")
    assert "Freedom of Information Act" in out
    assert "FOIA s.10" in out
    assert "Due: 2027-01-21" in out


def test_a_threat_is_shown_as_urgent(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "triage", THREAT)
    assert status == 0
    assert out.startswith("URGENT")
    assert "threat" in out and "Town Clerk" in out


def test_the_message_can_come_on_standard_input_and_json_gives_one_object() -> None:
    result = civicpost("triage", "--json", "--received", "2026-12-18T10:00:00Z", stdin=FOI.encode())
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert {"labels", "urgent", "due", "clocks", "foi"} <= set(answer)
    assert answer["due"] == "2027-01-21" and answer["urgent"] is False
    assert answer["labels"][0]["label"] == "foi"
    assert set(answer["foi"]) >= {"valid", "missing", "note"}


def test_jsonl_answers_every_line_in_order_even_when_some_are_broken(tmp_path: Path, capsys) -> None:
    lines = [
        json.dumps({"id": "a", "text": FOI, "context": {"received": "2026-12-18T10:00:00Z"}}),
        "{this is not json",
        json.dumps({"id": "c", "text": "What time does the library open?",
                    "context": {"received": "2026-06-05T10:00:00+01:00"}}),
        "",
        json.dumps({"id": "e", "text": "hello", "context": {"kind": "tweet"}}),
        json.dumps({"text": THREAT}),
        json.dumps({"id": "g"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "i", "text": "hi", "context": "tomorrow"}),
    ]
    source = tmp_path / "inbox.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, out, _ = run(capsys, "triage", "--jsonl", str(source))
    results = [json.loads(line) for line in out.splitlines()]
    assert status == 0
    assert [r["id"] for r in results] == ["a", 2, "c", "e", 6, "g", 8, "i"]
    assert set(results[0]) == {"id", "labels", "urgent", "due"}
    assert results[0]["due"] == "2027-01-21"
    assert set(results[0]["labels"][0]) == {"label", "why", "start", "end"}
    assert "not valid JSON" in results[1]["error"]
    assert results[2]["labels"][0]["label"] == "question" and results[2]["due"] == "2026-06-09"
    assert "kind must be one of" in results[3]["error"]
    assert results[4]["urgent"] is True
    assert "'text' is missing" in results[5]["error"]
    assert "must be a JSON object" in results[6]["error"]
    assert "'context' must be an object" in results[7]["error"]


def test_jsonl_spans_index_the_text(tmp_path: Path, capsys) -> None:
    text = "Thanks for the reply. This post is defamatory and my solicitor will be in touch."
    source = tmp_path / "inbox.jsonl"
    source.write_text(json.dumps({"id": 1, "text": text}) + "\n", encoding="utf-8")
    _, out, _ = run(capsys, "triage", "--jsonl", str(source))
    for label in json.loads(out)["labels"]:
        assert 0 <= label["start"] <= label["end"] <= len(text)
    libel = next(label for label in json.loads(out)["labels"] if label["label"] == "libel")
    assert text[libel["start"]:libel["end"]] == "defamatory"


def test_without_received_the_clock_starts_today(tmp_path: Path, capsys) -> None:
    source = tmp_path / "inbox.jsonl"
    source.write_text(json.dumps({"id": 1, "text": THREAT}) + "\n", encoding="utf-8")
    _, out, _ = run(capsys, "triage", "--jsonl", str(source))
    due = dt.date.fromisoformat(json.loads(out)["due"])
    assert abs((due - dt.date.today()).days) <= 1  # today in the UK


def test_command_line_context_fills_in_what_lines_leave_out(tmp_path: Path, capsys) -> None:
    source = tmp_path / "inbox.jsonl"
    source.write_text(json.dumps({"id": 1, "text": FOI}) + "\n" + json.dumps(
        {"id": 2, "text": FOI, "context": {"received": "2026-12-21T09:00:00Z"}}) + "\n", encoding="utf-8")
    _, out, _ = run(capsys, "triage", "--jsonl", str(source), "--received", "2026-12-18T10:00:00Z")
    assert [json.loads(line)["due"] for line in out.splitlines()] == ["2027-01-21", "2027-01-22"]


def test_jsonl_from_standard_input_survives_a_line_of_bad_bytes() -> None:
    good = json.dumps({"id": 1, "text": "When does the tip open?"}).encode()
    result = civicpost("triage", "--jsonl", "-", stdin=good + b"\n\xff\xfe{\n" + good + b"\n")
    answers = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [("error" in a) for a in answers] == [False, True, False]


def test_several_processes_give_the_same_output(tmp_path: Path) -> None:
    texts = ["When does the tip open?", THREAT, FOI, "Shared", "You absolute idiot", "Brilliant event!"]
    lines = [json.dumps({"id": i, "text": texts[i % len(texts)],
                         "context": {"received": "2026-03-02T10:00:00Z"}}) for i in range(300)]
    source = tmp_path / "inbox.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one = civicpost("triage", "--jsonl", str(source))
    two = civicpost("triage", "--jsonl", str(source), "--processes", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) == 300


def test_council_targets_change_the_due_date(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "triage", "--json", "--received", "2026-06-05T10:00:00+01:00",
                    "--question-days", "5", "What time does the library open?")
    assert json.loads(out)["due"] == "2026-06-12"


@pytest.mark.parametrize("argv, message", [
    (["triage", "--received", "yesterday", "hello"], "received must be an ISO date-time"),
    (["triage", "--kind", "tweet", "hello"], "invalid choice"),
    (["triage", "--context", "{not json", "hello"], "--context is not valid JSON"),
    (["triage", "--processes", "0", "--jsonl", "-"], "a number of processes"),
    (["triage", "--question-days", "99", "hello"], "working days from 0 to 60"),
    (["triage", "--jsonl", "/no/such/file.jsonl"], "cannot read"),
])
def test_usage_errors_exit_2_with_one_line(argv: list[str], message: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, *argv)
    assert status == 2
    last = err.strip().splitlines()[-1]
    assert last.startswith("civicpost: error:") and message in last
    assert "Traceback" not in err


def test_text_on_standard_input_must_be_utf8() -> None:
    result = civicpost("triage", stdin=b"\xff\xfe\xfa")
    assert result.returncode == 2
    assert b"not UTF-8" in result.stderr and b"Traceback" not in result.stderr
