"""No input crashes triage or yields a span outside the text; bad contexts get clear errors;
triage stays a pure library (no Django, no HTTP client, no network)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicpost.engine import ContextError, InputError
from civicpost.engine.triage import LABELS, Triage, triage, triage_many

ODD_INPUTS = {
    "empty": "",
    "whitespace": " \n\t\r ",
    "nul bytes": "I know\x00 where you\x00 live",
    "binary as latin-1": bytes(range(256)).decode("latin-1") * 4,
    "emoji": "😡😡😡 🤬 👍👍 ❤️ 🎉",
    "right-to-left": "مرحبا بكم في مجلس المدينة؟ שלום עליכם",
    "bidi controls": "I'll \u202ekill\u202c you",
    "combining marks": "Z̸̡̢̛͔͖̙̣a̷̧͙͍̔l̶̨̛̗g̵o̴ ̸f̵u̴c̷k̸ t̵h̶e̷ c̶o̷u̸n̴c̵i̸l̸",
    "html": "<script>alert('x')</script><p>Please send me the <b>invoices</b>?</p>&amp;",
    "lone surrogates": "when \ud800 is the tip \udfff open?",
    "long word": "a" * 50_000,
    "many questions": "?" * 20_000,
    "many sentences": "Why? " * 5_000,
    "repeated threat": "I know where you live. " * 2_000,
}


def assert_well_formed(result: Triage, text: str) -> None:
    names = [label.label for label in result.labels]
    assert names and set(names) <= set(LABELS)
    assert len(names) == len(set(names))
    assert ("other" in names) == (names == ["other"])
    for label in result.labels:
        assert 0 <= label.start <= label.end <= len(text), label
        assert label.why
    assert result.urgent == bool({"threat", "libel"} & set(names))
    assert set(result.to_dict()) >= {"labels", "urgent", "due"}


@pytest.mark.parametrize("name", list(ODD_INPUTS))
def test_odd_input_gets_an_answer_not_a_crash(name: str) -> None:
    text = ODD_INPUTS[name]
    assert_well_formed(triage(text, {"received": "2026-03-02T10:00:00Z", "kind": "dm"}), text)


def test_a_one_megabyte_message_is_triaged() -> None:
    text = ("The bins on Forest Road have not been collected. When will they be? " * 15_000)[:1_000_000]
    result = triage(text)
    assert_well_formed(result, text)
    assert result.has("complaint") and result.has("question")


def test_text_that_is_not_a_string_is_refused_clearly() -> None:
    with pytest.raises(InputError, match="text must be a string, not bytes"):
        triage(b"bytes are not text")  # type: ignore[arg-type]


@pytest.mark.parametrize("context, message", [
    ({"kind": "tweet"}, "kind must be one of"),
    ({"received": "yesterday"}, "received must be an ISO date-time"),
    ({"received": 12}, "received must be an ISO date-time"),
    ({"author_name": 5}, "author_name must be text"),
    ({"councillors": "Smith"}, "councillors must be a list"),
    ({"colour": "red"}, "unknown context key"),
    ("not an object", "context must be an object"),
])
def test_a_bad_context_gets_a_clear_error(context: object, message: str) -> None:
    with pytest.raises(ContextError, match=message):
        triage("hello", context)  # type: ignore[arg-type]


def test_a_batch_goes_on_past_a_bad_message() -> None:
    outcomes = list(triage_many([("When does the tip open?", None), ("x", {"kind": "tweet"}),
                                 (b"bytes", None), ("I know where you live", None)]))  # type: ignore[list-item]
    assert isinstance(outcomes[0], Triage) and outcomes[0].has("question")
    assert isinstance(outcomes[1], ContextError)
    assert isinstance(outcomes[2], InputError)
    assert isinstance(outcomes[3], Triage) and outcomes[3].urgent


def test_two_processes_give_the_same_answers_in_the_same_order() -> None:
    texts = [f"Message {i}: " + t for i in range(40) for t in (
        "When does the tip open?", "I know where you live.", "Please send me the invoices.", "Shared")]
    messages = [(t, {"received": "2026-03-02T10:00:00Z"}) for t in texts]
    one = [o.to_dict() for o in triage_many(messages) if isinstance(o, Triage)]
    two = [o.to_dict() for o in triage_many(messages, processes=2, chunksize=7) if isinstance(o, Triage)]
    assert one == two and len(one) == len(texts)


message_words = st.sampled_from([
    "I", "know", "where", "you", "live", "please", "send", "me", "invoices", "FOI", "request", ":",
    "defamatory", "solicitor", "sue", "idiot", "k1ll", "f*ck", "thanks", "brilliant", "?", "!", ".",
    "bin", "hasn't", "been", "collected", "works", "for", "the", "council", "bullied", "how", "much",
    "did", "cost", "Cllr", "Smith", "😡", "👍", "\n", "—", "'", "’", "@handle", "don't", "not",
])
contexts = st.fixed_dictionaries({}, optional={
    "kind": st.sampled_from(["comment", "reply", "mention", "dm"]),
    "received": st.datetimes(min_value=dt.datetime(2000, 1, 1),
                             max_value=dt.datetime(2090, 1, 1)).map(lambda d: d.isoformat()),
    "author_name": st.text(max_size=30),
    "author_handle": st.text(max_size=20),
    "councillors": st.lists(st.text(max_size=20), max_size=3),
})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(), st.lists(message_words, max_size=60).map(" ".join)), context=contexts)
def test_any_text_in_any_context_gives_well_formed_labels(text: str, context: dict) -> None:
    assert_well_formed(triage(text, context), text)


PROBE = """
import socket, sys

def refuse(*args, **kwargs):
    raise AssertionError("triage tried to open a network connection")

socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse

from civicpost.engine.triage import foi_validity, triage
triage("I know where you live. Under FOI please send me the invoices. my solicitor will be in touch",
       {"received": "2026-12-18T10:00:00Z", "author_name": "Jo Marsh"})
foi_validity("Please send me the minutes. jo@example.com", "Jo Marsh", "@jo")
clients = ("django", "requests", "urllib3", "httpx", "aiohttp", "http.client", "urllib.request")
print(",".join(m for m in clients if m in sys.modules))
"""


def test_triage_imports_no_django_or_http_client_and_opens_no_connection() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "", f"triage imported: {result.stdout.strip()}"
