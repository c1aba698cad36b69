"""`civicpost policy import FILE [--json] [--toml OUT]`: its output, its errors (exit 2, one
line, never a traceback), and the pack file it writes, which `civicpost policy validate` and
the engine accept."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from civicpost.cli import main
from civicpost.engine import check, load_pack, parse_pack
from civicpost.policy_import import import_policy_bytes

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.policy_documents import (  # noqa: E402
    FIXTURES,
    SEED_FILES,
    docx_from_plain_text,
    fixture_bytes,
    pdf_from_text,
    seed_text,
)

POLICY = """Oakhurst Parish Council

Social Media Policy

Approved by Council: 14 March 2023

1. Posting

- Never give out a resident's home address or telephone number.
- Do not post anything discussed in a closed session.
- Be polite, and never swear.

2. Review

This policy will be reviewed every two years.
"""


@pytest.fixture
def policy_file(tmp_path: Path) -> Path:
    path = tmp_path / "oakhurst policy.txt"
    path.write_text(POLICY, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def civicpost(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "civicpost.cli", *argv], capture_output=True, text=True,
                          check=False, cwd=ROOT)


def test_the_summary_shows_metadata_and_every_clause(capsys: pytest.CaptureFixture[str],
                                                     policy_file: Path) -> None:
    status, out, _ = run(capsys, "policy", "import", str(policy_file))
    assert status == 0
    assert out.startswith("Social Media Policy\nOakhurst Parish Council\n")
    assert "Approved: 2023-03-14" in out and "Review due: 2025-03-14" in out
    assert "[s1.b1] PD 0." in out and "Never give out a resident's home address" in out
    assert "[s1.b2] CF 0." in out
    assert "[s2.p1] desk:review-schedule" in out


def test_json_has_the_contract_keys(capsys: pytest.CaptureFixture[str], policy_file: Path) -> None:
    status, out, _ = run(capsys, "policy", "import", str(policy_file), "--json")
    assert status == 0
    data = json.loads(out)
    assert {"title", "council", "adopted", "review_due", "clauses"} <= set(data)
    assert (data["council"], data["approved"], data["review_due"]) == (
        "Oakhurst Parish Council", "2023-03-14", "2025-03-14")
    clause = data["clauses"][0]
    assert {"id", "text", "families", "enforced_by", "confidence", "why"} <= set(clause)
    assert clause["families"] == ["PD"] and clause["enforced_by"] == ["engine"]
    assert 0.5 <= clause["confidence"]["PD"] <= 1
    assert "home address" in clause["why"]["PD"]


def test_toml_out_validates_and_checks_posts(capsys: pytest.CaptureFixture[str], policy_file: Path,
                                             tmp_path: Path) -> None:
    out_file = tmp_path / "oakhurst-2023.toml"
    status, out, _ = run(capsys, "policy", "import", str(policy_file), "--toml", str(out_file))
    assert status == 0 and f"wrote the draft pack to {out_file}" in out
    status, out, _ = run(capsys, "policy", "validate", str(out_file))
    assert status == 0 and "valid (oakhurst-2023:" in out
    report = check("Please ring Jean on 07700 900461", {"account": "council"}, str(out_file))
    assert report.verdict == "block"
    assert report.findings[0].clause.text == "Never give out a resident's home address or telephone number."


def test_toml_out_never_overwrites_unless_forced(capsys: pytest.CaptureFixture[str], policy_file: Path,
                                                 tmp_path: Path) -> None:
    out_file = tmp_path / "confirmed.toml"
    out_file.write_text("# the Clerk's confirmed pack\n", encoding="utf-8")
    status, _, err = run(capsys, "policy", "import", str(policy_file), "--toml", str(out_file))
    assert status == 2 and "already exists" in err and len(err.strip().splitlines()) == 1
    assert out_file.read_text(encoding="utf-8") == "# the Clerk's confirmed pack\n"
    status, _, _ = run(capsys, "policy", "import", str(policy_file), "--toml", str(out_file), "--force")
    assert status == 0 and out_file.read_text(encoding="utf-8").startswith("# Draft policy pack")


def test_toml_to_standard_output_with_another_template(capsys: pytest.CaptureFixture[str],
                                                       policy_file: Path) -> None:
    status, out, _ = run(capsys, "policy", "import", str(policy_file), "--toml", "-",
                         "--id", "oakhurst-draft", "--template", "ludgershall-2021")
    assert status == 0
    pack = parse_pack(out)
    assert pack.id == "oakhurst-draft"
    assert pack.rules["PD001"].severities == load_pack("ludgershall-2021").rules["PD001"].severities


@pytest.mark.parametrize(("argv", "words"), [
    (["policy", "import", "no-such-policy.docx"], "no such file"),
    (["policy", "import", "pyproject.toml", "--toml", "-", "--json"], "choose one"),
])
def test_errors_exit_2_with_one_line(argv: list[str], words: str) -> None:
    result = civicpost(*argv)
    assert result.returncode == 2
    assert words in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""


@pytest.mark.parametrize(("name", "data"), [
    ("scan.pdf", b"%PDF-1.4\n%%EOF\n"), ("policy.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),
    ("empty.txt", b""), ("photo.docx", b"\x89PNG\r\n\x1a\n" + bytes(40)),
])
def test_a_bad_document_exits_2_with_one_line(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = civicpost("policy", "import", str(path), "--toml", str(tmp_path / "out.toml"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("civicpost: error: ") and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.toml").exists()


def test_the_other_policy_commands_still_work(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "policy", "list")[0] == 0
    assert run(capsys, "policy", "show", "ludgershall-2021")[0] == 0


def _documents() -> list[tuple[str, bytes]]:
    cases = []
    for pack_id in SEED_FILES:
        text = seed_text(pack_id)
        if text is not None:
            cases += [(f"{pack_id}.txt", text.encode()), (f"{pack_id}.docx", docx_from_plain_text(text)),
                      (f"{pack_id}.pdf", pdf_from_text(text, header="Social Media Policy"))]
    for path in sorted(FIXTURES.glob("*.expected.toml")):
        expected = tomllib.loads(path.read_text(encoding="utf-8"))
        cases.append((expected["document"], fixture_bytes(expected["document"], expected["build"])))
    return cases


DOCUMENTS = _documents()


@pytest.mark.parametrize(("name", "data"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_every_draft_writes_a_pack_that_validates(name: str, data: bytes) -> None:
    draft = import_policy_bytes(data, name)
    pack = parse_pack(draft.to_toml(), source=name)
    assert [c.text for c in pack.clauses] == [c.text for c in draft.clauses]
    template = load_pack("loughton-2019")
    for clause, drafted in zip(pack.clauses, draft.clauses, strict=True):
        assert {code[:2] for code in clause.rules} == set(drafted.families)
    for code, setting in pack.rules.items():
        assert setting.severities == template.rules[code].severities
    if draft.review_due and not pack.review_interval_months:
        assert pack.review_due == draft.review_due
