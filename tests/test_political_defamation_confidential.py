"""The PO, DF and CF families beyond single cases: who the shared name finder recognises,
that the phrase regexes match exactly their word lists, that messages say why and what to
do, and that no input makes a rule raise or report a span outside the text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicpost.engine import Context, all_rules, names
from civicpost.engine.post import Post

CODES = [code for code in all_rules() if code[:2] in ("PO", "DF", "CF")]
LEXICONS = Path(__file__).resolve().parents[1] / "civicpost" / "engine" / "lexicons"


def _mentions(text: str, **context: object) -> list[tuple[str, str]]:
    post = Post(text, Context.from_dict(context or None))
    return [(m.text, m.kind) for m in names.mentions(post)]


def _hits(code: str, text: str, **context: object) -> list[str]:
    post = Post(text, Context.from_dict(context or None))
    return [text[h.start:h.end] for h in all_rules()[code].find(post)]


def test_it_finds_councillors_people_businesses_roles_and_handles() -> None:
    text = ("Cllr Sarah Patel met Mrs Jean Harris, Dr A. Khan and Tom O'Brien at Smith's Bakery. "
            "The Clerk thanked @LoughtonTC and Forest Motors Ltd. Jane in the office helped.")
    assert _mentions(text) == [
        ("Cllr Sarah Patel", names.COUNCILLOR), ("Mrs Jean Harris", names.PERSON),
        ("Dr A. Khan", names.PERSON), ("Tom O'Brien", names.PERSON),
        ("Smith's Bakery", names.BUSINESS), ("The Clerk", names.ROLE),
        ("@LoughtonTC", names.HANDLE), ("Forest Motors Ltd", names.BUSINESS),
        ("Jane", names.GIVEN),
    ]


def test_places_days_and_headings_are_not_people() -> None:
    text = ("Victoria Road is closed. May Fair on Monday. Councillor Surgery at St Mary's Church. "
            "Mark Your Diary! Email clerk@towncouncil.example.gov.uk")
    assert _mentions(text) == []


def test_a_registered_councillor_is_found_without_a_title() -> None:
    assert _mentions("Sarah Patel opened the fete; Mrs Patel judged the cakes.",
                     councillors=["Sarah Patel"]) == [
        ("Sarah Patel", names.COUNCILLOR), ("Mrs Patel", names.COUNCILLOR)]


_TERMS = st.lists(st.text(alphabet="abc", min_size=1, max_size=3), min_size=1, max_size=3).flatmap(
    lambda words: st.tuples(*[st.sampled_from([" ", "-", "'", "' "]) for _ in words[1:]]).map(
        lambda seps: words[0] + "".join(s + w for s, w in zip(seps, words[1:], strict=True))))


@settings(max_examples=300, deadline=None)
@given(st.lists(_TERMS, min_size=1, max_size=8), st.text(alphabet="abc '-.", max_size=40))
def test_the_trie_pattern_matches_like_a_plain_longest_first_alternation(
        terms: list[str], text: str) -> None:
    plain = "|".join(
        "".join(names._PIECES.get(c) or re.escape(c) for c in " ".join(t.split()))
        for t in sorted({" ".join(t.split()) for t in terms if t.strip()}, key=len, reverse=True))
    expected = re.compile(rf"(?<![a-z0-9])(?:{plain or '(?!x)x'})(?![a-z0-9])")
    actual = re.compile(names.phrase_pattern(terms))
    assert [m.span() for m in actual.finditer(text)] == [m.span() for m in expected.finditer(text)]


def test_alternatives_in_a_lexicon_entry_stand_for_every_phrase() -> None:
    assert names.expand("left [the|a] [site|roof] [unsafe|] now") == [
        "left the site unsafe now", "left the site now", "left the roof unsafe now",
        "left the roof now", "left a site unsafe now", "left a site now", "left a roof unsafe now",
        "left a roof now"]
    pattern = re.compile(names.phrase_pattern(["lined [his|her] [own|] pockets", "[cowboy|cowboys]",
                                               "cowboy [outfit|builder]"]))
    assert [m.group() for m in pattern.finditer("lined his pockets, lined her own pockets")] == [
        "lined his pockets", "lined her own pockets"]
    assert pattern.search("that cowboy outfit").group() == "cowboy outfit"  # type: ignore[union-attr]


@pytest.mark.parametrize("lexicon", sorted(p.stem for p in LEXICONS.glob("*.txt")))
def test_every_phrase_of_a_lexicon_passes_its_gate(lexicon: str) -> None:
    """A rule skips its phrase regex when no gate word is in the post, so every phrase a
    lexicon entry stands for must contain one of them."""
    gate = names.key_words(lexicon)
    for phrase in names.expanded_terms(lexicon):
        words = set(re.findall(r"[a-z0-9]+(?:'[a-z]+)?", phrase.replace("’", "'")))
        words |= {w.split("'")[0] for w in words} | {w.replace("'", "") for w in words}
        words |= {h.replace("-", "") for h in re.findall(r"[a-z0-9']+(?:-[a-z0-9']+)+", phrase)}
        assert not words or words & gate, phrase


def test_the_big_lists_match_every_phrase_they_stand_for() -> None:
    for lexicon in ("df_allegations", "df_labels", "df_deeds", "df_manner", "cf_markers",
                    "cf_org_change", "cf_legal_advice"):
        spaced = lexicon.startswith("df_")
        pattern = re.compile(names.phrase_pattern(names.load_terms(lexicon), spaced=spaced))
        for phrase in names.expanded_terms(lexicon)[::7]:
            text = phrase.replace("-", " ").replace("’", "'") if spaced else phrase
            assert pattern.search(text), (lexicon, phrase)


@pytest.mark.parametrize(("text", "kind", "found"), [
    ("the taxi firm on Station Lane", names.BUSINESS, "the taxi firm on Station Lane"),
    ("the chip shop on the high street", names.BUSINESS, "the chip shop on the high street"),
    ("The Crown on Forest Road", names.BUSINESS, "The Crown on Forest Road"),
    ("Smith's on the High Street", names.BUSINESS, "Smith's on the High Street"),
    ("the village shop", names.BUSINESS, "the village shop"),
    ("local landlord Kev Doyle", names.PERSON, "local landlord Kev Doyle"),
    ("the man at number 12", names.PERSON, "the man at number 12"),
    ("the family at the end of Pump Lane", names.PERSON, "the family at the end of Pump Lane"),
    ("the bloke who runs the chip shop", names.PERSON, "the bloke who runs the chip shop"),
])
def test_people_and_businesses_can_be_described_rather_than_named(
        text: str, kind: str, found: str) -> None:
    described = names.descriptions(Post(text + " is here.", Context()))
    assert [(m.text, m.kind) for m in described] == [(found, kind)]


@pytest.mark.parametrize("text", ["the pub on Saturday", "The Town Hall on Forest Road",
                                  "the shops on the High Street", "The Clerk on Monday said"])
def test_times_places_and_roles_are_not_described_businesses(text: str) -> None:
    assert [m.kind for m in names.descriptions(Post(text, Context()))] in ([], [names.BUSINESS])
    assert all(m.text in ("the pub",) for m in names.descriptions(Post(text, Context())))


def test_a_share_reports_the_repeated_allegation_not_the_original() -> None:
    text = "The Clerk has been fiddling expenses."
    assert _hits("DF001", text, kind="share") == []
    assert _hits("DF002", text, kind="share") == ["fiddling expenses"]


@pytest.mark.parametrize(("code", "text", "words"), [
    ("PO001", "The Tory cuts closed the library.", ["Local Government Act 1986", "policy"]),
    ("PO003", "Thanks to Cllr Smith for her hard work.", ["Cllr Smith", "pre-election"]),
    ("DF001", "The Clerk lied to the committee.", ["The Clerk", "serious harm", "Town Clerk"]),
    ("DF002", "RT @x: Cllr Jones is corrupt", ["repetition rule", "Cllr Jones"]),
    ("DF003", "Jane Smith has retired.", ["Jane Smith has retired", "malicious falsehood"]),
    ("CF001", "CONFIDENTIAL: budget notes", ["internal", "Town Clerk"]),
    ("CF005", "Forest Motors is the preferred bidder.", ["commercially sensitive", "Town Clerk"]),
])
def test_messages_say_why_and_what_to_do(code: str, text: str, words: list[str]) -> None:
    hits = list(all_rules()[code].find(Post(text, Context())))
    assert hits and hits[0].fix is not None
    for word in words:
        assert word in hits[0].message


ODD = [
    "", " \n\t", "Bins\x00 on\x00 Monday", bytes(range(256)).decode("latin-1"),
    "🎄 Cllr 🎉 Smith “lied” 👨‍👩‍👧", "مرحبا Cllr Smith שלום", "Z̸̡a̷l̶g̵o̴ Cllr Jones l̶i̷a̸r",
    "<p>Cllr <b>Smith</b> said &quot;vote Labour&quot;</p>", "Yоu аrе а lіаr, Cllr Ѕmith",
    "bins \ud800 collected \udfff", "“" * 500 + "Cllr Jones lied", "Cllr " * 2000, "a" * 50_000,
]
WORDS = ["Cllr", "Smith", "Jane", "vote", "Labour", "Green", "confidential", "Part 2", "thief",
         "£5,000", "the Clerk", "lied", "has retired", "RT @x:", "“", "”", "plot 14", "in arrears",
         "suspended", "not yet approved", "re-elect", "said", ".", ",", "\n", "'s"]


@pytest.mark.parametrize("text", ODD)
@pytest.mark.parametrize("kind", ["post", "share", "reply"])
def test_odd_input_never_breaks_a_rule(text: str, kind: str) -> None:
    _assert_well_formed(text, Context(kind=kind, councillors=("Sarah Patel", "", "ß", "Cllr"),
                                      controversial_issues=("car park", "", "!!", "ä")))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=40),
       st.lists(st.text(max_size=20), max_size=3), st.lists(st.text(max_size=20), max_size=3),
       st.sampled_from(["post", "share", "reply", "dm"]))
def test_random_posts_and_registers_never_break_a_rule(
        words: list[str], councillors: list[str], issues: list[str], kind: str) -> None:
    _assert_well_formed(" ".join(words), Context(kind=kind, councillors=tuple(councillors),
                                                 controversial_issues=tuple(issues)))


def test_a_long_text_full_of_triggers_is_checked() -> None:
    chunk = ("Cllr Smith said the Clerk lied. Confidential Part 2 item: the caretaker has been "
             "suspended; tender £18,000; vote Labour; the tenant of plot 14 owes £60 ")
    _assert_well_formed(chunk * 1500, Context())


def _assert_well_formed(text: str, context: Context) -> None:
    post = Post(text, context)
    for code in CODES:
        for hit in all_rules()[code].find(post):
            assert 0 <= hit.start <= hit.end <= len(text), (code, hit)
            assert hit.message
