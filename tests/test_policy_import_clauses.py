"""Cutting a policy into clauses: headings and section numbers become sections and ids, each
bullet and numbered point is a clause, a point holding several duties is cut at them, and
every clause is quoted word for word."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from civicpost.policy_import import DraftPack, import_policy_bytes
from civicpost.policy_import.clauses import split_sentences
from civicpost.policy_import.markers import read_marker

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.policy_documents import (  # noqa: E402
    FIXTURES,
    SEED_FILES,
    fixture_bytes,
    fixture_reference_text,
    seed_text,
)

NUMBERED = """Oakhurst Parish Council
Social Media Policy

1. Scope

1.1 This policy applies to councillors and staff.

2. Posting

2.1 Posts on the Council's page must:

2.1.1 be written in plain English;

2.1.2 credit the photographer of any picture.

2.2 Posts must not include any resident's telephone number.

Section 3 – Councillors

(a) Treat everyone with respect.
(b) Do not announce council decisions on your own account.
    i) This includes decisions of committees.
    ii) It also includes planning decisions.
(c) Say on your profile that your views are your own.

Appendix A – Elections

During the pre-election period the Council will not post about candidates.
"""

UNNUMBERED = """Oakhurst Parish Council
Social media: a note for councillors

Posting for the Council

Only the Clerk posts on the Council's page.

When you post, remember:
• never give out a resident's phone number
• be polite

Your own accounts

Say that your views are your own. Do not post anything confidential.
"""


def imported(text: str) -> DraftPack:
    return import_policy_bytes(text.encode("utf-8"), "policy.txt")


def ids(draft: DraftPack) -> dict[str, str]:
    return {c.text: c.id for c in draft.clauses}


def test_ids_come_from_the_documents_numbering() -> None:
    found = ids(imported(NUMBERED))
    assert found["This policy applies to councillors and staff."] == "s1.1"
    assert found["Posts on the Council's page must:"] == "s2.1"
    assert found["be written in plain English;"] == "s2.1.1"
    assert found["credit the photographer of any picture."] == "s2.1.2"
    assert found["Treat everyone with respect."] == "s3.a"
    assert found["This includes decisions of committees."] == "s3.b.i"
    assert found["It also includes planning decisions."] == "s3.b.ii"
    assert found["During the pre-election period the Council will not post about candidates."] == "app-a.p1"


def test_sections_name_their_headings_and_headings_are_not_clauses() -> None:
    draft = imported(NUMBERED)
    sections = {c.text: c.section for c in draft.clauses}
    assert sections["Treat everyone with respect."] == "Section 3 – Councillors"
    assert sections["be written in plain English;"] == "2. Posting"
    assert sections["During the pre-election period the Council will not post about candidates."] == \
        "Appendix A – Elections"
    texts = {c.text for c in draft.clauses}
    assert not texts & {"1. Scope", "Scope", "2. Posting", "Councillors", "Elections", "Social Media Policy"}


def test_an_unnumbered_document_takes_ids_from_its_headings_and_counts_bullets() -> None:
    found = ids(imported(UNNUMBERED))
    assert found["Only the Clerk posts on the Council's page."] == "posting-council.p1"
    assert found["When you post, remember:"] == "posting-council.p2"
    assert found["never give out a resident's phone number"] == "posting-council.b1"
    assert found["be polite"] == "posting-council.b2"
    assert found["Say that your views are your own."] == "own-accounts.p1"
    assert found["Do not post anything confidential."] == "own-accounts.p1-2"


def test_continuation_points_take_the_mapping_of_the_point_they_continue() -> None:
    by_text = {c.text: c for c in imported(NUMBERED).clauses}
    parent = by_text["Do not announce council decisions on your own account."]
    child = by_text["This includes decisions of committees."]
    assert "AC" in parent.families and child.families == parent.families
    assert child.inherited_from == parent.id


def test_a_point_holding_several_duties_is_cut_at_them_as_the_shipped_pack_is() -> None:
    text = seed_text("loughton-2019")
    if text is None:
        pytest.skip("the seed policy documents (../shared/seeds) are not here")
    clauses = [c.text for c in imported(text).clauses]
    at = clauses.index("Never give out personal details such as home address and telephone numbers")
    assert clauses[at + 1] == ("Ensure you handle any personal or sensitive information in line with "
                               "LTC's data protection policies.")
    assert clauses[at + 2] == ("Be aware if safeguarding issues as social media sites are often misused "
                               "by offenders.")
    # A preface joins the duty it introduces; the next duty is a clause of its own.
    assert "Use social media sensibly and responsibly. Be civil, tasteful and relevant." in clauses


def test_a_quotation_is_one_clause_with_the_words_that_introduce_it() -> None:
    text = seed_text("loughton-2019")
    if text is None:
        pytest.skip("the seed policy documents (../shared/seeds) are not here")
    clauses = [c.text for c in imported(text).clauses]
    assert any(c.startswith("The DCLG recommended code of practice for local government publicity states: "
                            "“During the period between the notice of an election") for c in clauses)


@pytest.mark.parametrize(("text", "sentences"), [
    ("Use common sense, e.g. think first. Then post.", ["Use common sense, e.g. think first.", "Then post."]),
    ("Facebook, Twitter etc. are covered.", ["Facebook, Twitter etc. are covered."]),
    ("Ask Cllr. Smith. She knows.", ["Ask Cllr. Smith.", "She knows."]),
    ("Never post numbers Ensure data is safe.", ["Never post numbers", "Ensure data is safe."]),
    ("“Be civil.” Report abuse.", ["“Be civil.”", "Report abuse."]),
])
def test_sentences(text: str, sentences: list[str]) -> None:
    assert [text[s:e] for s, e in split_sentences(text)] == sentences


@pytest.mark.parametrize(("line", "kind", "value"), [
    ("3.", "", ""), ("3. Scope", "number", "3"), ("3.1 Text", "number", "3.1"),
    ("2.3.1 text", "number", "2.3.1"), ("(a) Treat", "letter", "a"), ("b) Do", "letter", "b"),
    ("i) This", "roman", "i"), ("(iv) It", "roman", "iv"), ("Section 4 – Other", "section", "4"),
    ("Appendix A – Elections", "appendix", "A"), ("• item", "bullet", ""),
    ("- 1. This policy", "number", "1"), ("12 March 2019", "", ""), ("A. Smith said", "", ""),
])
def test_markers(line: str, kind: str, value: str) -> None:
    marker = read_marker(line)
    assert (marker.kind, marker.value) == (kind, value)


def _documents() -> list[tuple[str, str, bytes]]:
    cases = []
    for pack_id in SEED_FILES:
        text = seed_text(pack_id)
        if text is not None:
            cases.append((pack_id, text, text.encode("utf-8")))
    for path in sorted(FIXTURES.glob("*.expected.toml")):
        expected = tomllib.loads(path.read_text(encoding="utf-8"))
        source, build = expected["document"], expected["build"]
        cases.append((source, fixture_reference_text(source, build), fixture_bytes(source, build)))
    return cases


DOCUMENTS = _documents()


@pytest.mark.parametrize(("name", "reference", "data"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_every_clause_is_quoted_word_for_word_with_a_unique_stable_id(name: str, reference: str,
                                                                      data: bytes) -> None:
    document = " ".join(reference.replace("**", "").split())
    first = import_policy_bytes(data, name)
    again = import_policy_bytes(data, name)
    assert [c.id for c in first.clauses] == [c.id for c in again.clauses]
    assert len({c.id for c in first.clauses}) == len(first.clauses)
    for clause in first.clauses:
        assert " ".join(clause.text.split()) in document, clause.text
        assert not clause.text.startswith(("- ", "• ", "**")) and "**" not in clause.text


def test_every_bullet_of_the_seeds_is_inside_a_clause() -> None:
    for pack_id in SEED_FILES:
        text = seed_text(pack_id)
        if text is None:
            pytest.skip("the seed policy documents (../shared/seeds) are not here")
        clauses = " ".join(c.text for c in imported(text).clauses)
        for line in text.splitlines():
            marker = read_marker(line.strip())
            if marker.kind == "bullet":
                words = " ".join(marker.rest.replace("**", "").split())
                assert words in clauses, words
