"""The engine's shortcuts never change what it finds.

Rules skip a phrase regex when a cheap test (:class:`civicpost.engine.names.PhraseGate`) says
the post cannot hold one of its phrases, and a few hot patterns are written so that the regex
engine can skip ahead quickly. These properties hold them to it on random council text: a
gate is open whenever its pattern matches, every rule finds the same with the gates as with
them forced open, and each rewritten pattern matches exactly what its plain spelling does
(the ASCII twins of the personal-data patterns on text that is all ASCII too).
"""

from __future__ import annotations

import re
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicpost.engine import Context, all_rules, names
from civicpost.engine.evasion import Gate, gate_words, skeleton, words
from civicpost.engine.post import Post
from civicpost.engine.rules import accessibility, confidential
from civicpost.engine.rules.personal_data import addresses, identifiers, phones
from civicpost.engine.text import ascii_twin

LEXICONS = Path(__file__).resolve().parents[1] / "civicpost" / "engine" / "lexicons"
ALL_LEXICONS = sorted(p.stem for p in LEXICONS.glob("*.txt"))

# Ordinary words of council posts, to surround the phrases with.
COUNCIL_WORDS = (
    "the council will meet on Tuesday at 7pm in the Town Hall residents are welcome to attend "
    "bins collected Forest Road closed for resurfacing Cllr Jane Smith Mrs Harris the Clerk "
    "our caretaker Smith Builders Ltd the taxi firm on Station Lane 07700 900123 IG10 4LF "
    "thank you volunteers litter pick allotments youth club food bank Labour Green vote "
    "said he she they you your you're don't can't it's council's".split())
SEPARATORS = (" ", " ", " ", "  ", "-", "–", "_", "\n", " - ", ", ", ". ", "")
FORMS = {" ": (" ", "  ", "-", "–", "_", "\n"), "-": ("-", "", " ", "–"), "'": ("'", "’", ""),
         "’": ("'", "’", "")}


@st.composite
def written(draw: st.DrawFn, phrase: str) -> str:
    """A phrase as someone might write it: other spacing, dashes, apostrophes and case, and
    sometimes glued to letters, digits or an apostrophe before or after it."""
    text = "".join(draw(st.sampled_from(FORMS[c])) if c in FORMS else c for c in phrase)
    text = draw(st.sampled_from((str.lower, str.upper, str.title, str.capitalize)))(text)
    before = draw(st.sampled_from(("", "", "", "x", "9", "o'", "#", "@", "(")))
    after = draw(st.sampled_from(("", "", "", "s", "'s", "’s", "ing", "9", ".", "!", ")")))
    return before + text + after


def texts(phrases: list[str]) -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(phrases).flatmap(written), st.sampled_from(COUNCIL_WORDS))
    return st.lists(st.tuples(piece, st.sampled_from(SEPARATORS)), min_size=1, max_size=12).map(
        lambda pairs: "".join(word + sep for word, sep in pairs))


_PATTERNS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def _patterns(lexicon: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    if lexicon not in _PATTERNS:
        _PATTERNS[lexicon] = (names.compile_terms(lexicon), names.compile_spaced_terms(lexicon))
    return _PATTERNS[lexicon]


@pytest.mark.parametrize("lexicon", ALL_LEXICONS)
def test_a_phrase_gate_is_open_whenever_its_pattern_matches(lexicon: str) -> None:
    phrases = names.expanded_terms(lexicon)
    if not phrases:
        pytest.skip(f"{lexicon} has no entries")
    plain, spaced = _patterns(lexicon)
    gate = names.phrase_gate(lexicon)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(texts(phrases))
    def check(text: str) -> None:
        post = Post(text, Context())
        if plain.search(post.folded.text) or spaced.search(names.spaced_text(post)):
            assert gate.open(post), text

    check()


def test_a_phrase_gate_closes_where_a_key_word_alone_would_let_the_regex_run() -> None:
    gate = names.phrase_gate("cf_markers")
    markers = names.key_words("cf_markers")
    for text in ("Draft – NOT FOR PUBLICATION until the meeting.", "Keep this quiet, between ourselves."):
        assert gate.open(Post(text, Context())), text
    for text in ("Please don't park on the verge; keep the path clear.",
                 "Sharing the news: the hall reopens."):
        post = Post(text, Context())
        assert names.word_set(post) & markers, "the old key-word test lets this post through"
        assert not gate.open(post), text


# Phrases of every gated list, people, roles, businesses and places, for whole posts.
_GATED = ("df_allegations", "df_labels", "df_deeds", "df_manner", "df_status", "df_status_of",
          "cf_markers", "cf_marker_ordinary", "cf_exempt", "cf_recruitment", "cf_hr_terms",
          "cf_pay_terms", "cf_services", "cf_service_terms", "cf_negotiation", "cf_legal_advice",
          "cf_org_change", "cf_public_consultation", "names_roles", "names_trades",
          "po_candidate_notice", "po_parties", "po_party_words", "po_slogans", "po_campaign")
_POST_PHRASES = sorted({p for lexicon in _GATED for p in names.expanded_terms(lexicon)[::5]}) + [
    "Cllr Jane Smith", "Mrs Harris", "the Clerk", "our caretaker", "Forest Motors Ltd", "he", "she",
    "is", "was", "a", "the", "who", "has been", "of the", "confidential", "RESTRICTED", "restricted:",
    "part 2", "staff", "our", "at number 12", "the village shop", "aged 84", "vote for"]
_CONTEXTS = st.sampled_from([
    {}, {"kind": "reply"}, {"kind": "share"}, {"account": "personal", "author_role": "councillor"},
    {"pre_election": True, "councillors": ["Jane Smith"], "controversial_issues": ["the bypass"]},
    {"partners": [{"name": "Forest Motors"}], "council_contacts": ["01992 564000"]},
])


def _hits(text: str, context: dict[str, object]) -> list[tuple[str, int, int, str]]:
    post = Post(text, Context.from_dict(context))
    return [(code, h.start, h.end, h.message) for code, rule in all_rules().items()
            for h in rule.find(post)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts(_POST_PHRASES), _CONTEXTS)
def test_every_rule_finds_the_same_with_its_gates_as_with_them_open(
        text: str, context: dict[str, object]) -> None:
    gated = _hits(text, context)
    with mock.patch.object(names.PhraseGate, "open", lambda self, post: True):
        assert _hits(text, context) == gated


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="RESTRICTEDrestricted :xA.-", max_size=30))
def test_the_restricted_label_is_only_where_its_letters_are(text: str) -> None:
    if confidential._RESTRICTED_LABEL.search(text):
        assert "ESTRICTED" in text or "estricted" in text


SENTENCE_TEXT = st.text(alphabet="ab .!?…\"'”’)]\n\t", max_size=40)


@settings(max_examples=500, deadline=None)
@given(SENTENCE_TEXT)
def test_sentence_ends_match_as_their_plain_spelling(text: str) -> None:
    plain_names = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)|\n")
    plain_posts = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|\n")
    assert [m.span() for m in names._BREAK.finditer(text)] == [
        m.span() for m in plain_names.finditer(text)]
    assert [m.span() for m in accessibility._BOUNDARY.finditer(text)] == [
        m.span() for m in plain_posts.finditer(text)]


def _gates() -> list[Gate]:
    import gc  # every Gate the engine made, wherever it keeps it

    import civicpost.engine.triage  # noqa: F401  (its gates too)

    all_rules()
    return [g for g in gc.get_objects() if isinstance(g, Gate)]


# What each gate asks for: the word it looks up first with the other words a term needs.
GATE_NEEDS = sorted({" ".join((key, *sorted(others))) for gate in _gates()
                     for key, needs in gate._plain.items() for others in needs})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(GATE_NEEDS), st.sampled_from(COUNCIL_WORDS)),
                min_size=1, max_size=12),
       st.sampled_from(("", "ooo", "!!", " f u c k ")))
def test_every_gate_opens_on_gate_words_as_on_all_the_words(words_of_post: list[str], extra: str) -> None:
    text = " ".join(words_of_post) + extra
    post = Post(text, Context())
    stretched = skeleton(post).stretched
    for gate in _gates():
        assert gate.open(gate_words(post), stretched) == gate.open(words(post), stretched), text


# Where the personal-data patterns look: numbers, plates, postcodes and addresses.
DIGIT_WORDS = ("12", "4-6", "Flat 3,", "14 High Street", "AB 12 34 56 C", "AB12 CDE", "IG10 4lf",
               "(01234) 567890", "+44 7700 900123", "£1,250", "7pm", "2nd", "10/12/2024", "99")
TWINS = ((addresses._ADDRESS, addresses._ADDRESS_ASCII), (addresses._INWARD, addresses._INWARD_ASCII),
         (identifiers._SIX_DIGITS, identifiers._SIX_DIGITS_ASCII),
         (identifiers._EXACT_GATE, identifiers._EXACT_GATE_ASCII),
         (phones._PHONE_RUN, phones._ASCII_PHONE_RUN))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(DIGIT_WORDS), st.sampled_from(COUNCIL_WORDS)),
                min_size=1, max_size=14), st.booleans())
def test_ascii_twins_match_as_their_patterns_on_ascii_text(words_of_post: list[str], lower: bool) -> None:
    text = " ".join(words_of_post).encode("ascii", "ignore").decode()
    text = text.lower() if lower else text
    for pattern, twin in TWINS:
        assert [m.span() for m in twin.finditer(text)] == [m.span() for m in pattern.finditer(text)], (
            pattern.pattern[:40], text)


def test_an_ascii_twin_writes_each_digit_class_out_and_keeps_other_escapes() -> None:
    twin = ascii_twin(re.compile(r"[]\d]\\d[^]x\d]\d"))
    assert twin.pattern == r"[]0-9]\\d[^]x0-9][0-9]"
    assert twin.flags & re.ASCII
    assert ascii_twin(re.compile(r"\d")).match("٣") is None  # an Arabic-Indic three is left out
