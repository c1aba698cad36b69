"""The two seed policy packs: they load, quote their documents verbatim, cover every point of
them, give the severities the documents call for, and a broken pack is refused clearly."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from civicpost.engine import Context, PolicyError, PolicyPack, Severity, all_rules, load_pack
from civicpost.engine.policy import parse_pack, shipped_packs

REPO = Path(__file__).resolve().parents[1]
POLICIES = REPO / "civicpost" / "policies"
SEEDS = REPO / ".." / "shared" / "seeds"
SEED_OF = {"loughton-2019": "000_ff1b3b8c5eb7c5c4.txt", "ludgershall-2021": "003_406305b69c8768a4.txt"}
ID_PREFIX = {"loughton-2019": "L", "ludgershall-2021": "D"}
PACKS = sorted(SEED_OF)

# A list item of a seed document: "- text", "1. text", or both ("- 1. text").
_LIST_ITEM = re.compile(r"^(?:-\s|\d+\.\s)")
_LIST_MARKERS = re.compile(r"^(?:-\s+|\d+\.\s+)+")


def normal(text: str) -> str:
    """Text as the packs quote it: bold markers removed, whitespace collapsed."""
    return " ".join(text.replace("**", "").split())


def seed_text(pack_id: str) -> str:
    path = SEEDS / SEED_OF[pack_id]
    if not path.is_file():
        pytest.skip(f"the seed policy documents are not here ({SEEDS.resolve()} is absent), "
                    "so the verbatim quotations cannot be compared")
    return path.read_text(encoding="utf-8")


def list_items(raw: str) -> Iterator[str]:
    """Every bullet and numbered point of a document, without its markers."""
    for line in raw.splitlines():
        line = line.strip()
        if _LIST_ITEM.match(line):
            yield normal(_LIST_MARKERS.sub("", line))


# --- Loading and metadata -----------------------------------------------------------------

def test_both_seed_packs_ship() -> None:
    assert set(PACKS) <= set(shipped_packs())


@pytest.mark.parametrize("pack_id", PACKS)
def test_pack_loads_and_validates(pack_id: str) -> None:
    pack = load_pack(pack_id)
    from_file = parse_pack((POLICIES / f"{pack_id}.toml").read_text(encoding="utf-8"),
                           source=pack_id)
    assert pack.id == from_file.id == pack_id
    assert pack.clauses and pack.rules
    ids = [c.id for c in pack.clauses]
    assert len(ids) == len(set(ids))
    for clause in pack.clauses:
        assert re.fullmatch(rf"{ID_PREFIX[pack_id]}\d(\.[a-z0-9-]+)+", clause.id), clause.id
        assert clause.section, f"{clause.id} has no section"


@pytest.mark.parametrize("pack_id", PACKS)
def test_every_rule_setting_quotes_a_clause_that_lists_it(pack_id: str) -> None:
    pack = load_pack(pack_id)
    listed = {code for clause in pack.clauses for code in clause.rules}
    assert set(pack.rules) == listed
    for code, setting in pack.rules.items():
        assert code in pack.clause(setting.clause_id).rules


def test_loughton_metadata() -> None:
    pack = load_pack("loughton-2019")
    assert pack.council == "Loughton Town Council"
    assert pack.document_reference == "PB/MS 8.7.19"
    assert pack.adopted == "2019-07-08"
    # The document states no review interval, so none is invented.
    assert pack.review_interval_months is None and pack.review_due is None


def test_ludgershall_metadata_and_review_date() -> None:
    pack = load_pack("ludgershall-2021")
    assert pack.council == "Ludgershall Town Council"
    assert (pack.approved, pack.ratified) == ("2021-02", "2021-03")
    assert pack.review_interval_months == 24
    assert pack.review_due == "2023-03"


@pytest.mark.parametrize("pack_id", PACKS)
def test_the_title_is_the_documents_own(pack_id: str) -> None:
    assert normal(load_pack(pack_id).title).lower() in normal(seed_text(pack_id)).lower()


# --- Verbatim quotation and coverage of the documents ---------------------------------------

@pytest.mark.parametrize("pack_id", PACKS)
def test_every_clause_is_quoted_verbatim_from_the_document(pack_id: str) -> None:
    document = normal(seed_text(pack_id))
    misquoted = [c.id for c in load_pack(pack_id).clauses if normal(c.text) not in document]
    assert misquoted == [], "these clauses are not word for word in the document"


@pytest.mark.parametrize("pack_id", PACKS)
def test_every_bullet_and_numbered_point_is_covered_by_a_clause(pack_id: str) -> None:
    raw = seed_text(pack_id)
    pack = load_pack(pack_id)
    document = normal(raw)
    covered = _coverage(document, pack)
    headings = {_LIST_MARKERS.sub("", normal(c.section)) for c in pack.clauses}
    missing = []
    for item in list_items(raw):
        if any(h == item or h.startswith(item + ":") for h in headings):
            continue  # a numbered heading: the clauses under it name it as their section
        at = document.find(item)
        assert at >= 0, f"cannot find the point {item!r} in the document"
        gaps = [i for i in range(at, at + len(item)) if document[i].isalnum() and not covered[i]]
        if gaps:
            missing.append(document[gaps[0]:gaps[-1] + 1])
    assert missing == [], "these words of the document's points are in no clause"


# Words of the documents that are deliberately in no clause, with the reason.
NOT_CLAUSES = {
    "loughton-2019": [
        # The footnotes define words of §1 (microblogging, social curation, wikis); no duty.
        "Footnote: Microblogging meaning the activity or practice of making short, frequent posts "
        "to a microblog. Social curation meaning is collaborative sharing of Web content organized "
        "around one or more particular themes or topics. Wikis a website or database developed "
        "collaboratively by a community of users, allowing any user to add and edit content.",
    ],
    "ludgershall-2021": [
        # The approval record: the pack's `approved` and `ratified` dates.
        "Approved at Finance & Policy February 2021 Ratified at FTC March 2021",
    ],
}


@pytest.mark.parametrize("pack_id", PACKS)
def test_no_paragraph_of_the_document_is_silently_left_out(pack_id: str) -> None:
    """Every word is in a clause, a section heading, the title and reference, or NOT_CLAUSES."""
    pack = load_pack(pack_id)
    document = normal(seed_text(pack_id))
    covered = _coverage(document, pack)
    folded = document.lower()
    assert len(folded) == len(document)  # so that offsets agree
    headings = {part for c in pack.clauses for part in _LIST_MARKERS.sub("", c.section).split(": ")}
    others = [pack.title, pack.council, pack.document_reference, *NOT_CLAUSES[pack_id]]
    for text in [*headings, *others]:
        _mark(folded, normal(text).lower(), covered)
    leftover = re.sub(r"(?:^|\s)(?:-|\d+\.)(?=\s|$)", " ",
                      "".join(ch if not covered[i] else " " for i, ch in enumerate(document)))
    assert leftover.split() == [], "these words of the document are in no clause"


def _mark(document: str, text: str, covered: list[bool]) -> None:
    start = document.find(text)
    while text and start >= 0:
        covered[start:start + len(text)] = [True] * len(text)
        start = document.find(text, start + 1)


def _coverage(document: str, pack: PolicyPack) -> list[bool]:
    covered = [False] * len(document)
    for clause in pack.clauses:
        _mark(document, normal(clause.text), covered)
    return covered


# --- What each pack enforces ----------------------------------------------------------------

def test_loughton_enforces_every_rule() -> None:
    # Loughton is the default pack: a new rule needs its clause and severity here.
    assert set(all_rules()) <= set(load_pack("loughton-2019").rules)


def test_ludgershall_enforces_only_what_its_document_says() -> None:
    rules = set(load_pack("ludgershall-2021").rules)
    # Nothing in the document on spelling, copyright, naming partners, or disclaimers.
    assert not {code for code in rules if code[:2] in {"ST", "CP", "MN"}}
    assert "AC003" not in rules


PERSONAL_OFFICER = {"account": "personal", "author_role": "officer"}
PERSONAL_CLLR = {"account": "personal", "author_role": "councillor"}
SEVERITIES = [
    # pack, code, context, expected
    ("loughton-2019", "PO003", {"pre_election": False}, "off"),
    ("loughton-2019", "PO003", {"pre_election": True}, "block"),
    ("loughton-2019", "PO003", {"pre_election": True, "kind": "share"}, "block"),
    ("loughton-2019", "PO003", {"pre_election": True, "kind": "reply"}, "block"),
    ("loughton-2019", "PO003", {**PERSONAL_CLLR, "pre_election": True}, "off"),
    ("loughton-2019", "PO003", {"elections": [{"poll": "2027-05-06"}], "date": "2027-04-20"},
     "block"),
    ("loughton-2019", "PO003", {"elections": [{"poll": "2027-05-06"}], "date": "2027-06-01"},
     "off"),
    ("loughton-2019", "PO004", {"pre_election": True, "kind": "dm"}, "block"),
    ("loughton-2019", "PO005", {"pre_election": False}, "off"),
    ("loughton-2019", "AC001", {"account": "council"}, "off"),
    ("loughton-2019", "AC001", {"account": "personal"}, "block"),
    ("loughton-2019", "AC002", {"account": "personal"}, "warn"),
    ("loughton-2019", "AC003", {"account": "council"}, "off"),
    ("loughton-2019", "PO001", {"pre_election": False}, "block"),
    ("loughton-2019", "PO001", {"kind": "share"}, "block"),
    ("loughton-2019", "PO001", {**PERSONAL_CLLR, "pre_election": False}, "off"),
    ("loughton-2019", "PO001", {**PERSONAL_CLLR, "pre_election": True}, "off"),
    ("loughton-2019", "PO002", {**PERSONAL_OFFICER, "pre_election": False}, "off"),
    ("loughton-2019", "PO002", {**PERSONAL_OFFICER, "pre_election": True}, "advise"),
    ("loughton-2019", "PD001", {"account": "personal", "kind": "dm"}, "block"),
    ("loughton-2019", "PD010", {}, "warn"),
    ("loughton-2019", "AB001", {"account": "council"}, "block"),
    ("loughton-2019", "AB001", {"account": "personal"}, "warn"),
    ("loughton-2019", "AB002", {"account": "personal"}, "block"),
    ("loughton-2019", "DF002", {"account": "personal", "kind": "share"}, "block"),
    ("loughton-2019", "DF003", {}, "advise"),
    ("loughton-2019", "CF006", {}, "warn"),
    ("loughton-2019", "MN001", {"account": "council"}, "warn"),
    ("loughton-2019", "MN002", {"account": "personal"}, "off"),
    ("loughton-2019", "CP001", {"account": "personal"}, "advise"),
    ("loughton-2019", "AX001", {"account": "council"}, "warn"),
    ("loughton-2019", "ST001", {"account": "personal"}, "advise"),
    ("ludgershall-2021", "PD001", {"account": "personal"}, "block"),
    ("ludgershall-2021", "AB003", {"account": "personal"}, "block"),
    ("ludgershall-2021", "AB004", {"account": "personal"}, "warn"),
    ("ludgershall-2021", "PO001", {"pre_election": False}, "block"),
    ("ludgershall-2021", "PO001", PERSONAL_OFFICER, "advise"),
    ("ludgershall-2021", "PO001", {"account": "personal", "author_role": "clerk"}, "advise"),
    ("ludgershall-2021", "PO001", PERSONAL_CLLR, "off"),
    ("ludgershall-2021", "PO003", {"pre_election": False}, "off"),
    ("ludgershall-2021", "PO003", {"pre_election": True}, "warn"),
    ("ludgershall-2021", "PO004", {"pre_election": False}, "off"),
    ("ludgershall-2021", "PO004", {"pre_election": True, "kind": "share"}, "warn"),
    ("ludgershall-2021", "PO005", {"pre_election": True}, "warn"),
    ("ludgershall-2021", "PO004", {**PERSONAL_CLLR, "pre_election": True}, "off"),
    ("ludgershall-2021", "DF002", {"kind": "share"}, "block"),
    ("ludgershall-2021", "CF002", {"account": "personal"}, "block"),
    ("ludgershall-2021", "AC001", {"account": "council"}, "off"),
    ("ludgershall-2021", "AC001", {"account": "personal"}, "warn"),
    ("ludgershall-2021", "AC002", {"account": "personal"}, "warn"),
    ("ludgershall-2021", "AX001", {"account": "personal"}, "off"),
    ("ludgershall-2021", "ST002", {}, "off"),  # not in the pack at all
    ("ludgershall-2021", "AC003", {"account": "personal"}, "off"),
]


@pytest.mark.parametrize(("pack_id", "code", "context", "expected"), SEVERITIES)
def test_severity_in_context(pack_id: str, code: str, context: dict, expected: str) -> None:
    pack = load_pack(pack_id)
    assert pack.severity(code, Context.from_dict(context)) is Severity(expected)


# --- A broken pack is refused with clear problems -------------------------------------------

Break = Callable[[str], str]


def _once(old: str, new: str) -> Break:
    def edit(text: str) -> str:
        assert old in text, f"the pack no longer contains {old!r}; update this test"
        return text.replace(old, new, 1)
    return edit


BROKEN: list[tuple[str, str, Break, str]] = [
    ("bad TOML", "loughton-2019", _once('[[clauses]]\nid = "L1.scope"', '[[clauses]\nid = "L1.scope"'),
     "not valid TOML"),
    ("unknown rule", "loughton-2019", _once('rules = ["PD009"]', 'rules = ["PD009", "ZZ999"]'),
     "clause 'L3.safeguarding': rule 'ZZ999' does not exist"),
    ("unknown condition", "loughton-2019",
     _once('"council+pre_election" = "block"', '"council+purdah" = "block"'),
     "rules.PO003: unknown condition 'purdah'"),
    ("unknown severity", "ludgershall-2021", _once('severity = "advise"', 'severity = "severe"'),
     "severity 'severe' must be one of"),
    ("missing clause text", "ludgershall-2021",
     _once('text = "This policy will be reviewed every 2 years."\n', ""),
     "clause 'D9.review': 'text' (the verbatim clause) is required"),
    ("duplicate id", "ludgershall-2021", _once('id = "D1.contract-and-code"', 'id = "D1.guidance"'),
     "clause 'D1.guidance': the id is used twice"),
    ("wrong review_due", "ludgershall-2021", _once('review_due = "2023-03"', 'review_due = "2023-09"'),
     "'review_due' must be 2023-03"),
    ("rule without a severity", "ludgershall-2021",
     _once('[rules.AC002]\nclause = "D7.complaints"\n'
           'severity = { council = "off", personal = "warn" }\n', ""),
     "rule AC002 is listed by a clause but has no [rules.AC002] severity"),
    ("quoting a clause that does not list the rule", "loughton-2019",
     _once('[rules.PD001]\nclause = "L3.personal-details"', '[rules.PD001]\nclause = "L3.civil"'),
     "rules.PD001: clause 'L3.civil' does not list this rule"),
    ("guidance beside a desk capability", "loughton-2019",
     _once('enforced_by = ["desk:sessions"]', 'enforced_by = ["desk:sessions", "guidance"]'),
     "'guidance' means no software enforces it; list it alone"),
]


@pytest.mark.parametrize(("what", "pack_id", "edit", "says"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_pack_is_refused_with_a_clear_problem(tmp_path: Path, what: str, pack_id: str,
                                                       edit: Break, says: str) -> None:
    path = tmp_path / f"{pack_id}.toml"
    path.write_text(edit((POLICIES / f"{pack_id}.toml").read_text(encoding="utf-8")),
                    encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_pack(path)
    assert caught.value.source == str(path)
    assert any(says in problem for problem in caught.value.problems), caught.value.problems
    assert len(caught.value.problems) == 1, f"{what}: expected one problem, got {caught.value.problems}"
