"""What triage says of typical messages, and of the hard cases a Clerk would be annoyed to see
flagged. Cases are data: (text, labels that must be given, labels that must not be)."""

from __future__ import annotations

import pytest
from triage_support import assert_labels

from civicpost.engine.triage import LABELS, triage

CASES = [
    # threats, however they are spelt: urgent
    ("I know where you live, Cllr Ashworth.", {"threat", "negative"}, {"other"}),
    ("i'll k1ll y0u if you tow my van again", {"threat"}, set()),
    ("Someone should burn the council offices down", {"threat"}, set()),
    ("Would be a shame if the new planters got smashed up overnight", {"threat"}, set()),
    # ... and words of violence that are not threats
    ("The fireworks will be a blast this year, can't wait!", {"positive"}, {"threat", "negative"}),
    ("You were killing it at the quiz last night, well done!", {"positive"}, {"threat"}),
    ("My neighbour threatened to burn my fence down. Who do I report that to?", {"question"}, {"threat"}),
    # abuse, disguised or not
    ("You're an absolute moron.", {"abuse", "negative"}, set()),
    ("Yоu аrе а ѕtuріd іdіоt", {"abuse"}, set()),  # Cyrillic look-alike letters
    ("The clown at the children's party was fantastic", {"positive"}, {"abuse"}),
    # libel complaints and legal threats: urgent, and a complaint
    ("This post is defamatory and I have forwarded it to my solicitor.", {"libel", "complaint"}, set()),
    ("You'll be hearing from my solicitors.", {"libel"}, set()),
    ("We sued the contractor in 2019 and got the money back.", set(), {"libel"}),
    ("Does the council's social media policy say anything about libel?", {"question"}, {"libel"}),
    ("Glad the council took legal action against the fly-tippers.", {"positive"}, {"libel"}),
    # FOI requests
    ("Please send me all the invoices for the Christmas lights.", {"foi"}, set()),
    ("Can you provide a copy of the minutes of the finance committee?", {"foi", "question"}, set()),
    # complaints and grievances
    ("The streetlight outside number 22 has been out for a month and nobody has fixed it.", {"complaint"},
     set()),
    ("I wish to complain about the noise from the leaf blowers at 7am.", {"complaint"}, set()),
    ("What time does the library open?", {"question"}, {"complaint", "negative", "foi"}),
    ("No complaints from me, the bins have been spot on.", {"positive"}, {"complaint"}),
    ("As someone who works for the council, the Clerk bullies staff and nobody does anything.",
     {"grievance", "negative"}, set()),
    ("My husband works for the council and loves his job.", {"positive"}, {"grievance"}),
    # questions, rhetorical questions, tone
    ("does anyone know if the tip is open on bank holiday monday", {"question"}, set()),
    ("Who on earth thought this was a good idea?", {"negative"}, {"question", "positive"}),
    ("Great, another road closure. Thanks for nothing.", {"negative"}, {"positive"}),
    ("Thanks in advance. Could you tell me when the tip reopens?", {"question"}, {"positive"}),
    ("Terrible news about the flooding in Church Lane, hope everyone is OK", set(), {"negative"}),
    ("Rubbish collection is on Wednesday this week, right?", {"question"}, {"negative"}),
    ("Shared", {"other"}, set()),
]


@pytest.mark.parametrize("text, must, must_not", CASES, ids=[c[0][:40] for c in CASES])
def test_labels(text: str, must: set[str], must_not: set[str]) -> None:
    assert_labels(text, must, must_not)


@pytest.mark.parametrize("text, must, must_not", CASES, ids=[c[0][:40] for c in CASES])
def test_every_reason_points_at_words_in_the_message(text: str, must: set[str], must_not: set[str]) -> None:
    result = triage(text)
    for label in result.labels:
        assert 0 <= label.start <= label.end <= len(text)
        assert label.why
        if label.label != "other":
            assert text[label.start:label.end].strip(), label


def test_labels_come_in_the_clerk_s_order_once_each() -> None:
    result = triage("I know where you live, you useless idiot. How much did the new sign cost?")
    names = [label.label for label in result.labels]
    assert names == sorted(names, key=LABELS.index)
    assert len(names) == len(set(names))


def test_urgent_means_a_threat_or_a_libel_complaint() -> None:
    assert triage("see you in court").urgent
    assert triage("watch your back clerk").urgent
    assert not triage("You're an absolute moron.").urgent
    assert not triage("Please send me all the invoices for the Christmas lights.").urgent


def test_other_is_given_only_when_nothing_else_is() -> None:
    for text, *_ in CASES:
        names = triage(text).label_names
        assert ("other" in names) == (names == {"other"}), text


def test_the_why_quotes_the_words_that_triggered_the_label() -> None:
    result = triage("Cease and desist. The statement you published about my bakery is false.")
    libel = next(label for label in result.labels if label.label == "libel")
    assert "cease and desist" in libel.why.lower()
    assert result.text[libel.start:libel.end].lower() == "cease and desist"


def test_a_councillor_in_the_register_is_recognised_as_a_target() -> None:
    # "clown" also names a clown, so it counts as an insult only when said of a person the
    # engine recognises: here, a councillor in the council's register.
    text = "Mark Hollins is a clown"
    assert not triage(text).has("abuse")
    assert triage(text, {"councillors": ["Mark Hollins"]}).has("abuse")
