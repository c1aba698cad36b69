"""Personal-data behaviour that the case files cannot express: the fixes offered, the
messages, odd and enormous input, and recall on generated phone numbers, postcodes and
e-mail addresses (the same generator as ``benchmarks/personal_data_recall.py``)."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

from civicpost.engine import Context, all_rules
from civicpost.engine.findings import Hit
from civicpost.engine.post import Post

PD_RULES = [rule for rule in all_rules().values() if rule.family == "PD"]
BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "personal_data_recall.py"


def hits(code: str, text: str, context: dict | None = None) -> list[Hit]:
    return list(all_rules()[code].find(Post(text, Context.from_dict(context))))


@pytest.mark.parametrize(("code", "text", "replacement"), [
    ("PD001", "Ring Jean on 07700 900123.", "[phone number removed]"),
    ("PD002", "Email jean@gmail.com.", "[email address removed]"),
    ("PD003", "Drop it at 12 Smith Close.", "[address removed]"),
    ("PD004", "The family at IG10 4LF won.", "IG10"),
    ("PD004", "The family at ec1a1bb won.", "EC1A"),
    ("PD005", "NI number AB 12 34 56 C.", "[NI number removed]"),
    ("PD006", "DOB 12/03/1985.", "[date of birth removed]"),
    ("PD007", "The van AB12 CDE was parked.", "[registration removed]"),
])
def test_each_finding_offers_a_redaction(code: str, text: str, replacement: str) -> None:
    (hit,) = hits(code, text)
    assert hit.fix is not None and hit.fix.replacement == replacement
    fixed = text[:hit.start] + replacement + text[hit.end:]
    assert not hits(code, fixed), f"the fixed text is still flagged: {fixed!r}"


def test_a_free_mail_address_is_explained_as_such() -> None:
    (hit,) = hits("PD002", "Send entries to jean.harris@hotmail.co.uk by Friday.")
    assert "hotmail.co.uk is a free e-mail service" in hit.message


def test_a_mobile_number_is_called_one() -> None:
    (hit,) = hits("PD001", "Ring Jean on 07700 900123.")
    assert hit.message.startswith("A mobile phone number")


def test_the_sensitive_detail_is_named_in_the_message() -> None:
    (hit,) = hits("PD008", "Sorry to hear that Mrs Jean Harris is in hospital after a fall.")
    assert "Mrs Jean Harris" in hit.message and "health" in hit.message
    assert '"in hospital"' in hit.message


def test_media_findings_name_the_attachment() -> None:
    media = [{"type": "image", "alt": "Swings"},
             {"type": "image", "alt": "Parade", "shows_people": True, "shows_children": True}]
    (hit,) = hits("PD009", "Lantern parade!", {"media": media})
    assert (hit.start, hit.end) == (0, 0) and "Attachment 2" in hit.message


def test_the_council_register_accepts_numbers_in_any_layout() -> None:
    context = {"council_contacts": ["Tel: +44 (0)1992 564000"]}
    assert not hits("PD001", "Call us on 01992-564-000.", context)


ODD_TEXTS = [
    "",
    "\x00\x01 07700\x00900123 \x00",
    bytes(range(256)).decode("latin-1") * 4,
    "مرحبا 07700 900123 שלום IG10 4LF",
    "<p onclick=x>Call <b>07700 900123</b> or <a href='mailto:a@gmail.com'>a@gmail.com</a></p>",
    "Z̸̡̢a̷̧l̶̨g̵o̴ 12 Smith Close, Mrs Jean Harris in hospital 🎄👨‍👩‍👧‍👦",
    "@" * 5000 + "x@gmail.com" + ".@" * 2000,
    "(" * 3000 + "+" * 3000 + "0" * 3000 + ")" * 3000,
    "0" * 20_000 + " 07700 900123 " + "1 2 " * 5000,
    "Flat 3, " * 2000 + "12 Smith Close",
    "AB12 CDE " * 2000,
]


@pytest.mark.parametrize("text", ODD_TEXTS, ids=range(len(ODD_TEXTS)))
def test_odd_input_gives_spans_inside_the_text(text: str) -> None:
    post = Post(text, Context.from_dict({"council_contacts": ["01992 564000", "x.gov.uk"]}))
    for rule in PD_RULES:
        for hit in rule.find(post):
            assert 0 <= hit.start <= hit.end <= len(text), (rule.code, hit)


def test_a_long_text_finds_every_repeated_number() -> None:
    paragraph = "The Council meets on Tuesday at 7pm. Lifts from Jean on 07700 900123. "
    text = paragraph * 2000
    assert len(hits("PD001", text)) == 2000


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("personal_data_recall", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not BENCHMARK.is_file(), reason="benchmarks/ is not part of this checkout")
def test_recall_on_generated_items_is_at_least_98_percent() -> None:
    bench = _benchmark()
    rng = random.Random(11)

    def phone(r: random.Random) -> str:
        national, area, _ = bench._national(r)
        return str(bench.format_phone(r, national, area))

    kinds = [
        (phone, bench.PHONE_TEMPLATES, bench._exactly("PD001")),
        (bench.postcode, bench.POSTCODE_TEMPLATES, bench._postcode_caught),
        (bench.email, bench.EMAIL_TEMPLATES, bench._exactly("PD002")),
    ]
    for make, templates, caught in kinds:
        recall = bench._recall(make.__name__, PD_RULES, rng, 400, make, templates, caught, 0)
        assert recall >= bench.TARGET, make.__name__


@pytest.mark.skipif(not BENCHMARK.is_file(), reason="benchmarks/ is not part of this checkout")
def test_no_look_alike_is_flagged() -> None:
    bench = _benchmark()
    context = Context.from_dict(bench.COUNCIL)
    for text in bench.LOOK_ALIKES:
        post = Post(text, context)
        flagged = [(rule.code, text[h.start:h.end]) for rule in PD_RULES for h in rule.find(post)]
        assert not flagged, (text, flagged)
