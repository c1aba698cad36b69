"""The abuse rules' handling of disguised text, and what the cases in tests/cases/AB.toml
cannot say: how spellings are undone, that findings point at the characters typed, that
every finding explains itself, that the word lists are well formed, and that no input
breaks the rules."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicpost.engine import Context, all_rules, check
from civicpost.engine.evasion import Skeleton, squeeze, stretches, unleet
from civicpost.engine.lexicons import load_pairs, load_terms
from civicpost.engine.post import Post

AB_RULES = [rule for code, rule in all_rules().items() if code.startswith("AB")]
LEXICONS = Path(__file__).resolve().parents[1] / "civicpost" / "engine" / "lexicons"


def _hits(text: str, **context: object) -> list[tuple[str, str]]:
    post = Post(text, Context.from_dict(context or None))
    return [(rule.code, text[hit.start:hit.end]) for rule in AB_RULES for hit in rule.find(post)]


# --------------------------------------------------------------------------- spellings

@pytest.mark.parametrize("found, word, same", [
    ("shit", "shit", True),
    ("shiiit", "shit", True),       # stretched three times or more
    ("fuuuuuck", "fuck", True),
    ("shiit", "shit", False),       # a letter merely doubled is another word
    ("assess", "asses", False),
    ("woop", "wop", False),
    ("niger", "nigger", False),     # never fewer letters than the word has
    ("nigggger", "nigger", True),
    ("as", "ass", False),
])
def test_a_stretched_word_is_the_word_but_a_different_spelling_is_not(found: str, word: str,
                                                                       same: bool) -> None:
    assert stretches(found, word) is same


def test_squeezing_writes_each_run_of_a_letter_once() -> None:
    assert squeeze("fuuuuck offff, shiiit") == "fuck of, shit"
    assert squeeze("meeting") == "meting"


@pytest.mark.parametrize("folded, mapped", [
    ("sh1t", "shit"),
    ("b00bs and b!tch", "boobs and bitch"),
    ("$hit and a$$", "shit and ass"),
    ("tw@t", "twat"),
    ("5hit", "shit"),
])
def test_leetspeak_inside_words_is_read_as_letters(folded: str, mapped: str) -> None:
    assert unleet(folded) == mapped


@pytest.mark.parametrize("folded", [
    "the a55 is closed near junction 10",
    "10am to 4pm on the 2nd and 3rd",
    "ig10 4lf and cm16 6ey",
    "email clerk@loughtontowncouncil.gov.uk today!",
    "£25,000 grant, 01632 960001, epf/1234/24",
    "what a day! see you there!",
])
def test_numbers_addresses_and_punctuation_are_not_leetspeak(folded: str) -> None:
    assert unleet(folded) == folded


def test_spelled_out_and_stretched_letters_map_back_to_the_characters_typed() -> None:
    folded = "you absolute m o r o n, fuuuck off"
    skeleton = Skeleton(folded)
    assert skeleton.stretched
    assert skeleton.text == "you absolute moron, fuck of"
    start = skeleton.text.index("moron")
    first, last = skeleton.to_mapped(start, start + len("moron"))
    assert folded[first:last] == "m o r o n"
    start = skeleton.text.index("fuck")
    first, last = skeleton.to_mapped(start, start + 4)
    assert folded[first:last] == "fuuuck"


# --------------------------------------------------------------------------- findings

@pytest.mark.parametrize("text, code, excerpt", [
    ("🎄🎄 Merry Xmas, you ｍｏｒｏｎ 🎅🏽", "AB004", "you ｍｏｒｏｎ"),
    ("مرحبا — this is b̶u̶l̶l̶s̶h̶i̶t̶ honestly", "AB001", "b̶u̶l̶l̶s̶h̶i̶t̶"),
    ("Café owners: I'll k1ll you", "AB003", "I'll k1ll you"),
    ("Ｔｒａｖｅｌｌｅｒｓ are vermin", "AB002", "Ｔｒａｖｅｌｌｅｒｓ are vermin"),
])
def test_findings_point_at_the_original_characters(text: str, code: str, excerpt: str) -> None:
    assert (code, excerpt) in _hits(text)


def test_every_finding_says_why_and_offers_a_fix() -> None:
    text = ("Sh1t council. Pakis out. I'll kill you. You're a moron. Travellers are vermin. "
            "Shut up! F u c k off.")
    post = Post(text, Context(kind="reply"))
    for rule in AB_RULES:
        hits = list(rule.find(post))
        assert hits, rule.code
        for hit in hits:
            excerpt = " ".join(text[hit.start:hit.end].split())
            assert excerpt[:20] in hit.message, hit.message
            assert hit.fix is not None and hit.fix.description


def test_a_disguised_word_is_called_disguised() -> None:
    post = Post("What a load of b0ll0cks", Context())
    (hit,) = all_rules()["AB001"].find(post)
    assert "symbols, spaces or repeated letters" in hit.message
    (plain,) = all_rules()["AB001"].find(Post("What a load of bollocks", Context()))
    assert "symbols" not in plain.message


def test_severity_follows_the_account_in_each_pack() -> None:
    """Swearing and insults block a council post and warn on a personal one; slurs and
    threats block everywhere (the packs decide, not the rules)."""
    for pack in ("loughton-2019", "ludgershall-2021"):
        council = check("You're a moron.", {"account": "council", "kind": "reply"}, pack)
        personal = check("You're a moron.", {"account": "personal", "kind": "reply"}, pack)
        assert council.verdict == "block" and personal.verdict == "warn"
        threat = check("I know where you live.", {"account": "personal"}, pack)
        assert threat.verdict == "block"


def test_a_clean_council_post_has_no_abuse_finding() -> None:
    text = ("Bin collections move by one day next week because of the bank holiday. The "
            "Christmas lights switch-on is on Saturday at 4pm in the Market Square: join the "
            "Mayor, the town band and Santa! Road closures from 2pm. Everyone welcome.")
    assert not _hits(text)


# --------------------------------------------------------------------------- word lists

AB_LISTS = sorted(p.stem for p in LEXICONS.glob("ab_*.txt"))
LABELLED = ("ab_profanity", "ab_slurs", "ab_threat_phrases", "ab_insults", "ab_insult_adjectives",
            "ab_harassment")


def test_every_abuse_word_list_loads_and_has_entries() -> None:
    assert len(AB_LISTS) >= 15
    for name in AB_LISTS:
        assert load_terms(name), name


@pytest.mark.parametrize("name", LABELLED)
def test_every_entry_of_a_labelled_list_has_a_label(name: str) -> None:
    for term, label in load_pairs(name).items():
        assert label.strip(), f"{name}: {term!r} has no label"


def test_labels_are_from_a_small_known_set() -> None:
    known = {
        "ab_insults": {"strong", "aimed"},
        "ab_insult_adjectives": {"insult", "intensifier"},
        "ab_harassment": {"imperative", "alone", "harassment"},
        "ab_threat_phrases": {"threat", "wish", "self-harm", "threat, alone", "wish, alone",
                              "self-harm, alone"},
    }
    for name, labels in known.items():
        assert set(load_pairs(name).values()) <= labels, name
    for label in load_pairs("ab_slurs").values():
        assert label.endswith(("slur", "term")), label


def test_no_word_is_both_a_swear_word_and_a_slur() -> None:
    assert not set(load_pairs("ab_profanity")) & set(load_pairs("ab_slurs"))


def test_every_innocent_word_excuses_a_listed_word() -> None:
    listed = {squeeze(re.sub(r"[*\s-]", "", w)) for name in ("ab_profanity", "ab_slurs")
              for w in load_pairs(name)}
    for innocent in load_terms("ab_innocent"):
        joined = squeeze(re.sub(r"[\s\-']", "", innocent))
        assert any(word in joined for word in listed), f"{innocent!r} excuses no listed word"


# --------------------------------------------------------------------------- robustness

@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("fuckshitbarse you're an idiot 013457@$!*.-_ \n"
                                                 "ｆυсκ̸̵🎄ßİ’")), max_size=300))
def test_no_mixture_of_letters_and_symbols_breaks_the_rules(text: str) -> None:
    post = Post(text, Context(kind="reply"))
    for rule in AB_RULES:
        for hit in rule.find(post):
            assert 0 <= hit.start < hit.end <= len(text), (rule.code, hit)
            assert hit.message


@pytest.mark.parametrize("text", [
    "f u c k " * 5000,
    "fuuuuuuuuuuck " * 3000 + "y" * 20000,
    "sh1t b00bs $hit a$$ tw@t " * 2000,
    "f*ck " * 5000 + "*" * 20000,
    "anyone who " + "parks here " * 10000 + "is an idiot",
    "if " + "x " * 20000 + "I'll be waiting with my bat",
    "you " * 20000,
])
def test_long_disguised_text_gets_an_answer(text: str) -> None:
    post = Post(text, Context())
    for rule in AB_RULES:
        for hit in rule.find(post):
            assert 0 <= hit.start < hit.end <= len(text)


# --------------------------------------------------------------------------- benchmark

def test_the_davidson_benchmark_skips_cleanly_without_its_data(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "abuse_davidson.py"
    spec = importlib.util.spec_from_file_location("abuse_davidson", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.DATA = tmp_path / "missing.csv"
    module.main.__globals__["DATA"] = module.DATA
    import sys
    argv, sys.argv = sys.argv, ["abuse_davidson.py"]
    try:
        module.main()
    finally:
        sys.argv = argv
    assert "Skipped" in capsys.readouterr().out
