"""No input crashes the engine or yields a span outside the text (fuzz and property tests)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicpost.engine import InputError, Report, check, shipped_packs

PACKS = shipped_packs()
ODD_INPUTS = {
    "empty": "",
    "whitespace": " \n\t\r ",
    "nul bytes": "Bins\x00 on\x00 Monday 07700\x00900123",
    "binary as latin-1": bytes(range(256)).decode("latin-1") * 4,
    "emoji": "🎄🎄🎄 Lights switch-on 🎉 Saturday 4pm 🎅🏽👨‍👩‍👧‍👦 #XmasLights",
    "right-to-left": "مرحبا بكم في مجلس المدينة 07700 900123 שלום עליכם",
    "bidi controls": "Call \u202e321009 00770\u202c today",
    "combining marks": "Z̸̡̢̛͔͖̙̣a̷̧͙͍̔l̶̨̛̗g̵o̴ ̸f̵u̴c̷k̸ t̵h̶e̷ c̶o̷u̸n̴c̵i̸l̸",
    "html": "<script>alert('x')</script><p onclick=x>Call <b>07700 900123</b></p>&amp;&#x27;",
    "homoglyphs": "Yоu аrе а ѕtuріd іdіоt",  # Cyrillic letters
    "fullwidth": "ｆｕｃｋ ｔｈｅ ｃｏｕｎｃｉｌ ０７７００ ９００１２３",
    "lone surrogates": "bins \ud800 collected \udfff today",
    "long word": "a" * 50_000,
    "many digits": "0" * 20_000 + " 07700 900123 " + "1 2 " * 5000,
    "many at-signs": "@" * 10_000 + "x@gmail.com" + ".@" * 5000,
    "repeated postcodes": "IG10 4LF " * 3000,
}


def assert_well_formed(report: Report, text: str) -> None:
    assert report.verdict in {"block", "warn", "advise", "clear"}
    for finding in report.findings:
        assert 0 <= finding.start <= finding.end <= len(text), finding
        assert finding.excerpt == text[finding.start:finding.end]
        assert finding.message and finding.clause.text


@pytest.mark.parametrize("pack", PACKS)
@pytest.mark.parametrize("name", list(ODD_INPUTS))
def test_odd_input_gets_an_answer_not_a_crash(pack: str, name: str) -> None:
    text = ODD_INPUTS[name]
    for kind in ("post", "share"):
        assert_well_formed(check(text, {"kind": kind, "pre_election": True}, pack), text)


@pytest.mark.parametrize("pack", PACKS)
def test_a_one_megabyte_text_is_checked(pack: str) -> None:
    paragraph = ("The Town Council meets on Tuesday at 7pm in the Council Chamber. Residents are "
                 "welcome. Call 01632 960001 or email clerk@towncouncil.example.gov.uk. ")
    text = paragraph * (1_000_000 // len(paragraph) + 1)
    report = check(text, {"council_contacts": ["01632 960001", "towncouncil.example.gov.uk"]},
                   pack)
    assert_well_formed(report, text)


def test_text_that_is_not_a_string_is_refused_clearly() -> None:
    with pytest.raises(InputError, match="text must be a string, not bytes"):
        check(b"bytes are not text", None)  # type: ignore[arg-type]


contexts = st.fixed_dictionaries({}, optional={
    "account": st.sampled_from(["council", "personal"]),
    "kind": st.sampled_from(["post", "reply", "share", "dm"]),
    "pre_election": st.booleans(),
    "author_role": st.sampled_from(["officer", "clerk", "councillor", "partner"]),
    "councillors": st.lists(st.text(max_size=30), max_size=3),
    "partners": st.lists(st.fixed_dictionaries({"name": st.text(max_size=30),
                                                "approved": st.booleans()}), max_size=3),
    "controversial_issues": st.lists(st.text(max_size=30), max_size=3),
    "council_contacts": st.lists(st.text(max_size=30), max_size=3),
    "media": st.lists(st.fixed_dictionaries({"type": st.sampled_from(["image", "video"])},
                                            optional={"alt": st.text(max_size=40),
                                                      "credit": st.text(max_size=20)}),
                      max_size=3),
})
council_words = st.sampled_from([
    "Cllr", "Smith", "07700 900123", "IG10 4LF", "fuck", "vote", "Labour", "confidential",
    "Part 2", "thief", "#loughtontowncouncil", "lol", "colour", "color", "@gmail.com", "£5,000",
    "tender", "retired", "Ltd", "\"", "said", "—", " ", "\n", ".", "!", "🎉",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(), st.lists(council_words, max_size=60).map(" ".join)),
       context=contexts, pack=st.sampled_from(PACKS))
def test_any_text_in_any_context_gives_well_formed_findings(text: str, context: dict,
                                                             pack: str) -> None:
    assert_well_formed(check(text, context, pack), text)
