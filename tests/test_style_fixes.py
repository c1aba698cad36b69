"""What the case files cannot say: the replacements the ST, AX and MN rules offer, and the
consistency of their word lists."""

from __future__ import annotations

import pytest

from civicpost.engine import Context, all_rules
from civicpost.engine.lexicons import load_pairs, load_terms
from civicpost.engine.post import Post


def fixes(code: str, text: str, context: dict | None = None) -> list[tuple[str, str | None]]:
    post = Post(text, Context.from_dict(context))
    hits = sorted(all_rules()[code].find(post), key=lambda h: h.start)
    return [(text[h.start:h.end], h.fix.replacement if h.fix else None) for h in hits]


@pytest.mark.parametrize(("code", "text", "expected"), [
    ("ST001", "Gr8 turnout 2day, thx!", [("Gr8", "Great"), ("2day", "today"), ("thx", "thanks")]),
    ("ST001", "C U THERE!", [("C U", "SEE YOU")]),
    ("ST001", "It works IMO. ASAP please.", [("IMO", "in my opinion"), ("ASAP", "As soon as possible")]),
    ("ST001", "Ur welcome", [("Ur", None)]),  # "your" or "you're": the writer chooses
    ("ST001", "lol", [("lol", None)]),
    ("ST002", "COLOR. Color and color.", [("COLOR", "COLOUR"), ("Color", "Colour"), ("color", "colour")]),
    ("ST002", "The center's neighbor's dog", [("center's", "centre's"), ("neighbor's", "neighbour's")]),
    ("ST002", "Pay by check. We will organize it.", [("check", "cheque"), ("organize", "organise")]),
    ("ST003", "The Commitee's report could of been better.",
     [("Commitee's", "Committee's"), ("could of", "could have")]),
    ("AX002", "Fun! #loughtonlitterpick #BINDAY #bonfirenight2024",
     [("#loughtonlitterpick", "#LoughtonLitterPick"), ("#BINDAY", "#BinDay"),
      ("#bonfirenight2024", "#BonfireNight2024")]),
    ("AX006", "🎉🎉🎉 Open!", [("🎉🎉🎉", "🎉")]),
])
def test_fix_replaces_the_span_keeping_the_writers_case(code: str, text: str,
                                                       expected: list[tuple[str, str | None]]) -> None:
    assert fixes(code, text) == expected


def test_an_ize_spelling_is_advice_about_consistency_not_an_error() -> None:
    post = Post("We will organize the fair.", Context())
    (hit,) = all_rules()["ST002"].find(post)
    assert "accepted" in hit.message and "organise" in hit.message


def test_every_finding_explains_itself() -> None:
    context = Context.from_dict({
        "account": "personal",
        "media": [{"type": "image", "alt": "IMG_1.jpg"}],
        "partners": [{"name": "Greenway Landscapes Ltd"}],
    })
    text = ("Gr8 news 🎉🎉! The council has decided to close the car park. The clerk never listens. "
            "As your council, we will not tolerate this. Greenway Landscapes and Oakwood Ltd will "
            "help. \"Green spaces are the lungs of a town and every resident deserves one nearby\" "
            "#loughtontowncouncil #a #b #c #colour")
    post = Post(text, context)
    codes = set()
    for code, rule in all_rules().items():
        if code[:2] not in {"ST", "AX", "AC", "MN", "CP"}:
            continue
        for hit in rule.find(post):
            codes.add(code)
            assert hit.message.endswith((".", ")")) and len(hit.message) > 30, (code, hit.message)
            assert hit.fix is not None and hit.fix.description, code
    assert codes >= {"ST001", "AX002", "AX003", "AX004", "AX006", "AC001", "AC002", "AC003",
                     "MN001", "MN002", "CP001", "CP002"}


def test_the_spelling_lists_do_not_contradict_each_other() -> None:
    american = load_pairs("st_american") | load_pairs("st_american_ize")
    misspelt = load_pairs("st_misspellings")
    assert not set(american) & set(misspelt), "a word is listed as both American and misspelt"
    corrections = {v.lower() for v in (american | misspelt).values()}
    assert not corrections & set(american), "a suggested spelling is itself flagged as American"
    assert not corrections & set(misspelt), "a suggested spelling is itself flagged as misspelt"
    for pairs in (american, misspelt):
        assert all(v for v in pairs.values()), "every spelling needs its correction"


def test_the_word_lists_are_lower_case_and_free_of_repeats() -> None:
    for name in ("st_textspeak", "st_american", "st_american_ize", "st_misspellings", "ax_words",
                 "ax_single_words", "ax_place_endings", "ac_disclaimers", "ac_civic_nouns",
                 "ac_service_objects", "mn_public_bodies", "mn_not_name_words", "cp_non_credits",
                 "cp_attribution"):
        terms = load_terms(name)
        assert terms, name
        assert len(terms) == len(set(terms)), f"{name} lists a term twice"


def test_a_council_word_in_the_text_lets_a_hashtag_split_on_it() -> None:
    # "Ludgershall" is in no word list, but the post names it
    assert fixes("AX002", "Ludgershall news #ludgershallnews #ludgershall") == [
        ("#ludgershallnews", "#LudgershallNews")]
    assert fixes("AX002", "News from Ludgershall #ludgershalltowncouncil") == [
        ("#ludgershalltowncouncil", "#LudgershallTownCouncil")]
