"""How well `civicpost policy import` turns a council's policy document into a draft pack.

    python benchmarks/policy_import.py [--json] [--show-errors] [--quick]

Each document is imported and its clauses lined up, by the words they share, with a reference
mapping: the shipped pack for the two seed policies (each seed also built into .docx and PDF
here, and into a PDF typeset a second way, to show that extraction noise does not change the
figures), and the hand-made
``*.expected.toml`` for the five held-out fixtures in tests/fixtures/policies.

Definitions (per document):

* An **enforceable** clause is a reference clause with rule families (``rules`` not empty in a
  shipped pack; ``families`` not empty in an expected file).
* The imported families **for** a reference clause are those of every imported clause that
  overlaps it by at least half of either one's words (the importer may cut the document finer
  or coarser than the reference).
* **exact**: those families are exactly the reference clause's families. This is "reproduce":
  the bar is exact agreement on at least 90% of the enforceable clauses of each seed.
* **found**: every reference family is among them (more may be).
* **clean**: of the reference clauses with no families (guidance or desk only), how many the
  importer also gives none: the false alarms left for the Clerk to remove.
* **precision**: of all family assignments the importer made to reference clauses, the share
  the reference agrees with.
* **segmentation**: reference clauses found as a clause of the import word for word, and
  reference clauses that lie inside a single imported clause (not cut apart).
* **desk**: reference clauses with desk capabilities whose capabilities all appear.

It is a report, not a test: it always exits 0 (tests/test_policy_import_mapping.py holds the bars).
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.policy_documents import (  # noqa: E402
    FIXTURES,
    SEED_FILES,
    docx_from_plain_text,
    fixture_bytes,
    fixture_reference_text,
    pdf_from_text,
    pdf_typeset_from_text,
    seed_text,
)
from civicpost.engine import load_pack  # noqa: E402
from civicpost.policy_import import DraftPack, import_policy_bytes  # noqa: E402

BAR = 0.90


@dataclass
class Reference:
    """A clause of the reference mapping."""

    id: str
    text: str
    families: frozenset[str]
    desk: frozenset[str]


@dataclass
class Result:
    name: str
    variant: str
    clauses: int = 0
    imported: int = 0
    enforceable: int = 0
    exact: int = 0
    found: int = 0
    unenforceable: int = 0
    clean: int = 0
    assigned: int = 0
    agreed: int = 0
    same_clause: int = 0
    not_cut: int = 0
    desk_total: int = 0
    desk_found: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def rate(self, part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    def figures(self) -> dict[str, Any]:
        return {
            "document": self.name, "variant": self.variant, "reference_clauses": self.clauses,
            "imported_clauses": self.imported, "enforceable": self.enforceable,
            "exact": self.exact, "exact_rate": round(self.rate(self.exact, self.enforceable), 3),
            "found": self.found, "found_rate": round(self.rate(self.found, self.enforceable), 3),
            "unenforceable": self.unenforceable, "clean": self.clean,
            "clean_rate": round(self.rate(self.clean, self.unenforceable), 3),
            "precision": round(self.rate(self.agreed, self.assigned), 3),
            "same_clause": self.same_clause, "not_cut": self.not_cut,
            "desk_total": self.desk_total, "desk_found": self.desk_found,
            "seconds": round(self.seconds, 3),
        }


def words(text: str) -> list[str]:
    folded = text.replace("**", "").lower().replace("’", "'").replace("‘", "'")
    return re.findall(r"[a-z0-9]+", folded)


def locate(document: list[str], clause: list[str], cursor: int) -> tuple[int, int] | None:
    """Where ``clause`` (its words) sits in ``document``: exactly from ``cursor`` on if it can,
    else anywhere, else the stretch where most of its words match in order."""
    n = len(clause)
    if not n:
        return None
    for start in (cursor, 0):
        for i in range(start, len(document) - n + 1):
            if document[i:i + n] == clause:
                return i, i + n
    window_start = max(0, cursor - 50)
    window = document[window_start:window_start + 4 * n + 400]
    blocks = [b for b in difflib.SequenceMatcher(None, window, clause, autojunk=False).get_matching_blocks()
              if b.size >= 2]
    if sum(b.size for b in blocks) >= 0.6 * n:
        return window_start + blocks[0].a, window_start + blocks[-1].a + blocks[-1].size
    return None


def evaluate(name: str, variant: str, reference_text: str, references: list[Reference],
             draft: DraftPack, seconds: float) -> Result:
    result = Result(name, variant, clauses=len(references), imported=len(draft.clauses), seconds=seconds)
    document = words(reference_text)
    spans: list[tuple[int, int, set[str], set[str], str]] = []
    cursor = 0
    for clause in draft.clauses:
        found = locate(document, words(clause.text), cursor)
        if found is None:
            result.errors.append(f"imported clause {clause.id} is not in the document: {clause.text[:70]!r}")
            continue
        cursor = found[1]
        spans.append((found[0], found[1], set(clause.families), set(clause.capabilities), clause.id))
    cursor = 0
    for reference in references:
        found = locate(document, words(reference.text), cursor)
        if found is None:
            result.errors.append(f"reference clause {reference.id} not found in the document")
            continue
        cursor = found[1]
        start, end = found
        covering = [s for s in spans if _overlap((start, end), s[:2]) * 2 >= min(end - start, s[1] - s[0])]
        families: set[str] = set().union(*(s[2] for s in covering)) if covering else set()
        desk: set[str] = set().union(*(s[3] for s in covering)) if covering else set()
        ids = ", ".join(s[4] for s in covering) or "nothing"
        if any(s[0] == start and s[1] == end for s in spans):
            result.same_clause += 1
        if any(s[0] <= start and end <= s[1] for s in spans):
            result.not_cut += 1
        result.assigned += len(families)
        result.agreed += len(families & reference.families)
        if reference.desk:
            result.desk_total += 1
            result.desk_found += reference.desk <= desk
        if reference.families:
            result.enforceable += 1
            result.exact += families == reference.families
            result.found += reference.families <= families
            if families != reference.families:
                result.errors.append(f"{reference.id}: expected {sorted(reference.families)}, imported "
                                     f"{sorted(families)} ({ids}): {reference.text[:70]!r}")
        else:
            result.unenforceable += 1
            result.clean += not families
            if families:
                result.errors.append(f"{reference.id}: expected no family, imported {sorted(families)} "
                                     f"({ids}): {reference.text[:70]!r}")
    return result


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def seed_references(pack_id: str) -> list[Reference]:
    pack = load_pack(pack_id)
    return [Reference(c.id, c.text, frozenset(r[:2] for r in c.rules),
                      frozenset(e for e in c.enforced_by if e.startswith("desk:"))) for c in pack.clauses]


def fixture_references(expected: dict[str, Any]) -> list[Reference]:
    return [Reference(f"{expected['document']}#{i}", c["text"], frozenset(c["families"]),
                      frozenset(c.get("desk", []))) for i, c in enumerate(expected["clauses"], 1)]


def timed_import(data: bytes, name: str) -> tuple[DraftPack, float]:
    started = time.perf_counter()
    draft = import_policy_bytes(data, name)
    return draft, time.perf_counter() - started


VARIANTS = ("txt", "docx", "pdf", "pdf-typeset")


def run_seeds(variants: tuple[str, ...] = VARIANTS) -> list[Result]:
    results = []
    for pack_id, file_name in SEED_FILES.items():
        text = seed_text(pack_id)
        if text is None:
            print(f"skipping {pack_id}: the seed documents (../shared/seeds) are not here", file=sys.stderr)
            continue
        council = load_pack(pack_id).council
        builds = {
            "txt": lambda t=text: t.encode("utf-8"),
            "docx": lambda t=text: docx_from_plain_text(t),
            "pdf": lambda t=text, c=council: pdf_from_text(t, header=f"{c} – Social Media Policy"),
            "pdf-typeset": lambda t=text, c=council: pdf_typeset_from_text(
                t, footer=f"{c} social media policy"),
        }
        for variant in variants:
            draft, seconds = timed_import(builds[variant](), f"{file_name.rsplit('.', 1)[0]}.{variant[:4]}")
            results.append(evaluate(pack_id, variant, text, seed_references(pack_id), draft, seconds))
    return results


def run_fixtures() -> list[Result]:
    results = []
    for path in sorted(FIXTURES.glob("*.expected.toml")):
        expected = tomllib.loads(path.read_text(encoding="utf-8"))
        source, build = expected["document"], expected["build"]
        draft, seconds = timed_import(fixture_bytes(source, build), source)
        reference = fixture_reference_text(source, build)
        results.append(evaluate(source.split(".")[0], build, reference, fixture_references(expected),
                                draft, seconds))
    return results


def _total(results: list[Result], name: str) -> Result:
    total = Result(name, "all")
    for r in results:
        for key in ("clauses", "imported", "enforceable", "exact", "found", "unenforceable", "clean",
                    "assigned", "agreed", "same_clause", "not_cut", "desk_total", "desk_found"):
            setattr(total, key, getattr(total, key) + getattr(r, key))
        total.seconds += r.seconds
    return total


def print_table(title: str, results: list[Result]) -> None:
    print(f"\n{title}")
    print(f"{'document':32} {'format':11} {'exact':>13} {'found':>13} {'clean':>11} {'prec':>5} "
          f"{'same':>9} {'uncut':>9} {'desk':>9} {'ms':>6}")
    for r in results:
        print(f"{r.name:32} {r.variant:11} "
              f"{r.exact:3}/{r.enforceable:<3} {r.rate(r.exact, r.enforceable):5.1%} "
              f"{r.found:3}/{r.enforceable:<3} {r.rate(r.found, r.enforceable):5.1%} "
              f"{r.clean:3}/{r.unenforceable:<3} {r.rate(r.clean, r.unenforceable):4.0%} "
              f"{r.rate(r.agreed, r.assigned):5.2f} "
              f"{r.same_clause:3}/{r.clauses:<4} {r.not_cut:3}/{r.clauses:<4} "
              f"{r.desk_found:3}/{r.desk_total:<4} {r.seconds * 1000:6.0f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("--show-errors", action="store_true", help="list every disagreement")
    parser.add_argument("--quick", action="store_true", help="the seeds as text only, and the fixtures")
    args = parser.parse_args(argv)
    seeds = run_seeds(("txt",) if args.quick else VARIANTS)
    fixtures = run_fixtures()
    if args.json:
        print(json.dumps({"bar": BAR, "seeds": [r.figures() for r in seeds],
                          "fixtures": [r.figures() for r in fixtures],
                          "fixtures_total": _total(fixtures, "held-out fixtures").figures()}, indent=1))
        return 0
    print("Policy import: imported clause-to-family mapping against the reference mapping.")
    print("exact = same family set (the bar: >= 90% of enforceable clauses on each seed);")
    print("found = every reference family found; clean = clauses with no family left with none;")
    print("same = reference clauses cut identically; uncut = reference clauses inside one imported clause.")
    print_table("Seed policies (reference: the shipped packs)", seeds)
    print_table("Held-out fixtures (reference: tests/fixtures/policies/*.expected.toml)",
                [*fixtures, _total(fixtures, "all five fixtures")])
    for r in seeds:
        status = "meets" if r.rate(r.exact, r.enforceable) >= BAR else "BELOW"
        print(f"{r.name} ({r.variant}): {status} the {BAR:.0%} bar")
    if args.show_errors:
        for r in [*seeds, *fixtures]:
            for error in r.errors:
                print(f"  {r.name} {r.variant}: {error}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
