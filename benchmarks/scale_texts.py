"""Texts for the scale benchmark: each council's posts and the messages it receives.

**Posts** come from the labelled corpus (``tests/corpus``): items written for a council's own
accounts under either seed policy, clean ones and ones the policy forbids, run together up to 280
characters as ``benchmarks/desk_texts.py`` does for one council. The corpus is written for
Loughton and Ludgershall, so each council gets its own copy of the words that name a council:
its name, e-mail domain, office number and councillors stand where the corpus has Loughton's or
Ludgershall's (the corpus's hard negatives quote the council's own contacts, which must stay the
council's own to stay clean).

**Messages** are drawn from the labelled triage corpus (``tests/corpus/triage``, the held-out
set left alone) in the proportions of an ordinary inbox rather than the corpus's own (which is
rich in threats and libel complaints), with a share of the generated backlog of
``benchmarks/triage_backlog.py`` (long rants, lower case, text speak, disguised swearing) mixed
in. A council gets a skewed number of them: most parishes hear little, a few towns a lot.

This module imports no Django, so that the checks can run in worker processes.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from benchmarks import triage_backlog
from benchmarks.desk_texts import KINDS, POST_LENGTH, PostText
from benchmarks.posts import corpus_items
from civicpost.engine import PolicyPack, check, parse_pack

# Read where the project keeps the shared public data, beside the repository, never copied in.
PARISHES = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "uk-parishes" / "parishes.json"
TRIAGE_CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "triage"
PACKS = ("loughton-2019", "ludgershall-2021")
TOWN_NAMES = {"loughton-2019": "Loughton Town Council", "ludgershall-2021": "Ludgershall Town Council"}
# An ordinary council inbox, by the first label of a corpus item (the corpus itself has far more
# threats and libel complaints than a year brings).
INBOX_MIX = {"question": 30, "positive": 20, "other": 14, "complaint": 12, "negative": 12, "foi": 4,
             "abuse": 4, "grievance": 1.5, "threat": 1.5, "libel": 1}
GENERATED_SHARE = 0.3
RESIDENTS_FIRST = ("Sandra", "Ravi", "Ellen", "Gary", "Aisha", "Tom", "Fiona", "Kevin", "Priti", "Owen",
                   "Hannah", "Peter", "June", "Dev", "Maria", "Lee", "Rosa", "Ian", "Bev", "Callum")
RESIDENTS_LAST = ("Pike", "Chauhan", "Brooks", "Doyle", "Begum", "Fairley", "McLeod", "O'Neill", "Shah",
                  "Price", "Wood", "Grant", "Holt", "Mistry", "Kowalski", "Reid", "Santos", "Frost")


@dataclass(frozen=True)
class CouncilWords:
    """What a council's texts say of it, and what the corpus says in its place."""

    name: str
    domain: str
    office_phone: str
    councillors: tuple[str, ...]


@dataclass(frozen=True)
class _Item:
    text: str
    pack: str
    kind: str


class CorpusPosts:
    """The council-account items of both packs, clean and forbidden, by kind; read once."""

    def __init__(self) -> None:
        self.clean: dict[str, list[_Item]] = {kind: [] for kind in KINDS}
        self.forbidden: dict[str, list[_Item]] = {kind: [] for kind in KINDS}
        self.registers: dict[str, dict[str, Any]] = {}
        for item in corpus_items():
            context = item.get("context") or {}
            kind = context.get("kind", "post")
            pack = item.get("policy")
            if pack not in PACKS or context.get("account") != "council" or kind not in KINDS:
                continue
            self.registers.setdefault(pack, context)
            pools = self.forbidden if item.get("block") else self.clean
            pools[kind].append(_Item(item["text"], pack, kind))
        if not self.clean["post"] or not self.forbidden["post"] or set(self.registers) != set(PACKS):
            raise SystemExit("tests/corpus lacks council posts of both packs: nothing to seed with")

    def issues(self, pack: str) -> list[str]:
        return list(self.registers[pack].get("controversial_issues") or [])

    def substitutions(self, words: CouncilWords) -> list[tuple[re.Pattern[str], str]]:
        """Patterns that put this council's name, contacts and councillors in a corpus text."""
        pairs: list[tuple[str, str]] = []
        for pack in PACKS:
            context = self.registers[pack]
            contacts = list(context.get("council_contacts") or [])
            phone = next((c for c in contacts if any(ch.isdigit() for ch in c)), "")
            domain = next((c for c in contacts if "." in c and not any(ch.isdigit() for ch in c)), "")
            pairs += [(TOWN_NAMES[pack], words.name), (domain, words.domain), (phone, words.office_phone)]
            corpus_names = list(context.get("councillors") or [])
            for index, full in enumerate(corpus_names):
                ours = words.councillors[index % len(words.councillors)]
                pairs += [(full, ours), (f"Cllr {full.split()[-1]}", f"Cllr {ours.split()[-1]}"),
                          (f"Councillor {full.split()[-1]}", f"Councillor {ours.split()[-1]}")]
        return [(re.compile(rf"(?<!\w){re.escape(old)}(?!\w)"), new) for old, new in pairs if old]


class CouncilTexts:
    """One council's posts, with the interface :class:`benchmarks.desk_story.Year` draws from
    (``make`` and ``fixed``, as :class:`benchmarks.desk_texts.TextPools`)."""

    def __init__(self, corpus: CorpusPosts, words: CouncilWords, rng: random.Random) -> None:
        self.corpus, self.rng = corpus, rng
        self._patterns = corpus.substitutions(words)

    def ours(self, text: str) -> str:
        for pattern, replacement in self._patterns:
            text = pattern.sub(replacement, text)
        return text

    def _pick(self, pools: dict[str, list[_Item]], kind: str) -> str:
        return self.ours(self.rng.choice(pools[kind] or pools["post"]).text)

    def make(self, kind: str, flagged: bool) -> PostText:
        segments: list[str] = []
        bad_index = None
        if flagged:
            segments.append(self._pick(self.corpus.forbidden, kind))
            bad_index = 0
        if kind == "reply":
            if not segments:
                segments.append(self._pick(self.corpus.clean, kind))
            return PostText(tuple(segments), bad_index)
        self._top_up(segments, kind)
        if bad_index is not None and len(segments) > 1:
            where = self.rng.randrange(len(segments))
            segments.insert(where, segments.pop(0))
            bad_index = where
        return PostText(tuple(segments), bad_index)

    def fixed(self, post: PostText, kind: str) -> PostText:
        segments = [s for i, s in enumerate(post.segments) if i != post.flagged]
        if not segments or kind != "reply":
            self._top_up(segments, kind)
        return PostText(tuple(segments), None)

    def _top_up(self, segments: list[str], kind: str) -> None:
        for _ in range(12):
            candidate = self._pick(self.corpus.clean, kind)
            if candidate in segments:
                continue
            if len(" ".join([*segments, candidate])) > POST_LENGTH:
                if segments:
                    break
                continue
            segments.append(candidate)


# -- incoming messages ----------------------------------------------------------------------
@dataclass(frozen=True)
class IncomingText:
    text: str
    kind: str
    received: dt.datetime
    author_name: str
    author_handle: str
    external_id: str


class InboxTexts:
    """The triage corpus by first label, and the generated backlog's templates."""

    def __init__(self) -> None:
        self.by_label: dict[str, list[str]] = {}
        for path in sorted(TRIAGE_CORPUS.glob("*.jsonl")):
            if path.name == "holdout.jsonl":
                continue  # the held-out set stays unseen by anything tuned on the corpus
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    item = json.loads(line)
                    labels = item.get("labels") or ["other"]
                    self.by_label.setdefault(labels[0], []).append(item["text"])
        self.labels = [label for label in INBOX_MIX if self.by_label.get(label)]
        if not self.labels:
            raise SystemExit("tests/corpus/triage is empty: no messages to seed")
        self.weights = [INBOX_MIX[label] for label in self.labels]

    def year(self, words: CouncilWords, count: int, start: dt.datetime, end: dt.datetime,
             rng: random.Random, prefix: str) -> list[IncomingText]:
        """``count`` messages received between ``start`` and ``end``, oldest first."""
        people = [f"Cllr {name.split()[-1]}" for name in words.councillors] + list(triage_backlog.PEOPLE[:2])
        span = (end - start).total_seconds()
        messages = []
        for index in range(count):
            if rng.random() < GENERATED_SHARE:
                text = _generated(rng, people)
            else:
                text = rng.choice(self.by_label[rng.choices(self.labels, self.weights)[0]])
            # Daytime and evening, as residents write.
            moment = start + dt.timedelta(seconds=rng.uniform(0, span))
            moment = moment.replace(hour=rng.choices(range(24), _HOURLY)[0])
            first, last = rng.choice(RESIDENTS_FIRST), rng.choice(RESIDENTS_LAST)
            named = rng.random() < 0.7
            messages.append(IncomingText(
                text=text, kind=rng.choices(("comment", "reply", "mention", "dm"), (60, 20, 12, 8))[0],
                received=min(moment, end), author_name=f"{first} {last}" if named else "",
                author_handle=f"{first.lower()}{last.lower().replace(chr(39), '')}{rng.randrange(100)}",
                external_id=f"{prefix}-{index}"))
        messages.sort(key=lambda m: m.received)
        return messages


_HOURLY = (1, 1, 1, 1, 1, 2, 4, 8, 10, 10, 9, 9, 10, 9, 8, 8, 9, 10, 12, 12, 11, 8, 5, 2)


def _generated(rng: random.Random, people: Sequence[str]) -> str:
    backlog = triage_backlog
    fill = {"place": rng.choice(backlog.PLACES), "thing": rng.choice(backlog.THINGS),
            "spend": rng.choice(backlog.SPEND), "person": rng.choice(people),
            "name": rng.choice(backlog.NAMES), "n": str(rng.randint(2, 30)),
            "year": str(rng.randint(2015, 2025)), "handle": f"resident{rng.randint(1, 999)}",
            "email": f"resident{rng.randint(1, 999)}@example.org"}
    fill["rant"] = (backlog.RANT * rng.randint(2, 6)).format(**fill)
    text = rng.choice(backlog.TEMPLATES).format(**fill)
    if rng.random() < 0.15:
        text = text.lower()
    return text


def messages_per_year(rng: random.Random) -> int:
    """Skewed like councils are: a median parish hears a few a week, a busy town several a day."""
    return max(10, min(4000, int(rng.lognormvariate(5.2, 0.8))))


# -- the engine's findings in bulk, on every core ---------------------------------------------
_PACKS: dict[str, PolicyPack] = {}


def _load_packs(raws: dict[str, str]) -> None:
    for pack_id, raw in raws.items():
        _PACKS[pack_id] = parse_pack(raw, pack_id)


def _check_job(job: tuple[str, str, dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    pack_id, text, context = job
    report = check(text, context, _PACKS[pack_id])
    return report.verdict, [finding.to_dict() for finding in report.findings]


def check_everything(jobs: Sequence[tuple[str, str, dict[str, Any]]], raws: dict[str, str],
                     processes: int) -> list[tuple[str, list[dict[str, Any]]]]:
    """The real engine check of every ``(pack id, text, context)``; ``raws`` are the packs' TOML
    exactly as the councils' policy versions hold them."""
    if processes <= 1 or len(jobs) < 500:
        _load_packs(raws)
        return [_check_job(job) for job in jobs]
    with ProcessPoolExecutor(max_workers=processes, mp_context=get_context("spawn"),
                             initializer=_load_packs, initargs=(raws,)) as pool:
        return list(pool.map(_check_job, jobs, chunksize=250))
