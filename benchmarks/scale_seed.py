"""Many councils on one desk, for the scale benchmark: each with its policy, people, channels
and a year (or a month) of posts (its messages are in :mod:`benchmarks.scale_inbox`).

A council is made by the desk's own services under a clock set back before the period, as a
county association would onboard it: ``create_council`` (the Loughton and Ludgershall packs in
turn, as policy version 1, and the Clerk), its contacts and controversial issues, two channels
posted by hand, a Mastodon account whose token is stored with ``channels.connect.store_credentials``
(the server is the benchmark's loopback stand-in), two officers (one delegated to approve) and
five councillors. One Argon2 hash serves every person (hashing takes half a second each).

Posts are planned and written by :mod:`benchmarks.desk_story` and :mod:`benchmarks.desk_rows`
exactly as for the one-council page benchmark, with every council's texts checked by the engine
under its own pack on all cores in one batch, and written with ``bulk_create``. Those rows carry
their own primary keys, so PostgreSQL's sequences are moved past them afterwards (otherwise the
next row the desk writes itself would collide). Import this module only after Django is set up.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import secrets
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection
from django.utils import timezone
from django.utils.text import slugify

from benchmarks import desk_story
from benchmarks.desk_rows import PostRows
from benchmarks.desk_seed import FIRST, LAST, SeedClock
from benchmarks.scale_mastodon import MastodonStandIn
from benchmarks.scale_texts import (
    PACKS,
    PARISHES,
    CorpusPosts,
    CouncilTexts,
    CouncilWords,
    check_everything,
)
from civicpost.desk.accounts.models import User
from civicpost.desk.audit.models import AuditEvent
from civicpost.desk.channels.connect import store_credentials
from civicpost.desk.channels.models import ChannelAccount, Platform
from civicpost.desk.councils import services
from civicpost.desk.councils.models import Council, Role
from civicpost.desk.councils.onboarding import create_council
from civicpost.desk.policies.models import current_version
from civicpost.desk.posts.checking import engine_context
from civicpost.desk.posts.models import Decision, Post, PostVersion, Publication

OFFICE_RANGES = ("01632 960{:03d}", "0113 496 0{:03d}", "0114 496 0{:03d}")  # Ofcom's drama numbers
OFFICERS, COUNCILLORS = 2, 5
Placeholder = list[Any]  # [verdict, findings, context], filled once the batch is checked


@dataclass
class SeededCouncil:
    council: Council
    pack: str
    clerk: Any
    officers: list[Any]
    approvers: list[Any]
    manual_channels: list[ChannelAccount]
    mastodon: ChannelAccount
    words: CouncilWords
    texts: CouncilTexts
    contexts: dict[str, dict[str, Any]] = field(default_factory=dict)
    used_texts: set[str] = field(default_factory=set)


def parish_names(count: int, rng: random.Random) -> list[str]:
    """``count`` English parishes (ONS E04 codes; the file's header row is not one)."""
    if not PARISHES.exists():
        raise FileNotFoundError(f"{PARISHES.resolve()} is absent (the parishes data set)")
    names = json.loads(PARISHES.read_text(encoding="utf-8-sig"))
    english = sorted(name for code, name in names.items() if code.startswith("E04"))
    if count > len(english):
        raise SystemExit(f"at most {len(english)} councils: the data names that many English parishes")
    return rng.sample(english, count)


def _slug(name: str, taken: set[str]) -> str:
    base = slugify(name)[:40] or "parish"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _person_names(rng: random.Random, count: int) -> list[str]:
    return [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(count)]


def seed_councils(count: int, *, days: int, stand_in: MastodonStandIn, rng: random.Random,
                  corpus: CorpusPosts) -> list[SeededCouncil]:
    now = timezone.now()
    names = parish_names(count, rng)
    taken: set[str] = set()
    plans = []
    hashed = make_password(secrets.token_urlsafe(18))
    users = []
    for index, place in enumerate(names):
        slug = _slug(place, taken)
        domain = f"{slug}-pc.gov.uk"
        clerk_name, *officers = _person_names(rng, 1 + OFFICERS)
        people = [(clerk_name, f"clerk@{domain}")]
        people += [(name, f"{name.lower().replace(' ', '.')}.{n}@{domain}")
                   for n, name in enumerate(officers)]
        councillors = _person_names(rng, COUNCILLORS)
        people += [(name, f"cllr.{name.lower().replace(' ', '.')}.{index}.{n}@example.net")
                   for n, name in enumerate(councillors)]
        users += [User(email=email, name=name, password=hashed) for name, email in people]
        phone = OFFICE_RANGES[index // 1000 % len(OFFICE_RANGES)].format(index % 1000)
        words = CouncilWords(f"{place} Parish Council", domain, phone, tuple(councillors))
        plans.append((index, slug, people, words))
    User.objects.bulk_create(users, batch_size=2000)
    clock = SeedClock(now - dt.timedelta(days=days + 2, minutes=15 * count))
    seeded = []
    with mock.patch("django.utils.timezone.now", clock):
        for index, slug, people, words in plans:
            seeded.append(_onboard(index, slug, people, words, clock, stand_in, rng, corpus))
    for council in seeded:
        council.council.refresh_from_db()
        council.contexts = {kind: engine_context(council.council, role=Role.OFFICER, kind=kind)
                            for kind in ("post", "reply", "share")}
    return seeded


def _onboard(index: int, slug: str, people: list[tuple[str, str]], words: CouncilWords, clock: SeedClock,
             stand_in: MastodonStandIn, rng: random.Random, corpus: CorpusPosts) -> SeededCouncil:
    pack = PACKS[index % len(PACKS)]
    (clerk_name, clerk_email), staff, councillors = people[0], people[1:1 + OFFICERS], people[1 + OFFICERS:]
    create_council(name=words.name, slug=slug, domain=words.domain, policy=pack,
                   clerk_email=clerk_email, clerk_name=clerk_name)
    council = Council.objects.get(slug=slug)
    clerk = User.objects.get(email=clerk_email)
    clock.tick(1)
    services.update_settings(council, clerk, {
        "office_phone": words.office_phone, "public_contacts": f"clerk@{words.domain}",
        "controversial_issues": "\n".join(corpus.issues(pack))})
    manual = []
    for name, handle in (("Facebook page", f"{slug.replace('-', '')}pc"), ("X account", f"@{slug[:12]}pc")):
        clock.tick(1)
        channel = ChannelAccount(platform=Platform.MANUAL, name=name, handle=handle,
                                 registered_email=clerk_email, administered_by=f"{clerk_name} (Clerk)",
                                 two_factor_enabled=True)
        services.add_channel(council, clerk, channel)
        manual.append(channel)
    username = re.sub(r"[^a-z0-9]", "", slug)[:24] + f"{index}"
    clock.tick(1)
    mastodon = ChannelAccount(platform=Platform.MASTODON, name="Mastodon", handle=f"@{username}",
                              registered_email=clerk_email, administered_by=f"{clerk_name} (Clerk)",
                              two_factor_enabled=True)
    services.add_channel(council, clerk, mastodon)
    token = secrets.token_urlsafe(32)
    stand_in.add_account(token, username, words.name)
    store_credentials(mastodon, clerk, {"access_token": token}, {"api_base_url": stand_in.base_url})
    officers, approvers = [], [clerk]
    for n, (name, email) in enumerate(staff):
        clock.tick(1)
        membership, _ = services.add_member(council, clerk, name=name, email=email, role=Role.OFFICER)
        officers.append(membership.user)
        if n == 0:
            services.change_role(membership, clerk, role=Role.OFFICER, may_approve=True, active=True)
            approvers.append(membership.user)
    for name, email in councillors:
        clock.tick(1)
        services.add_member(council, clerk, name=name, email=email, role=Role.COUNCILLOR)
    return SeededCouncil(council, pack, clerk, officers, approvers, manual, mastodon, words,
                         CouncilTexts(corpus, words, random.Random(rng.random())))


def policy_raws(councils: list[SeededCouncil]) -> dict[str, str]:
    """Each pack's TOML as the councils' policy versions hold it (one text per pack)."""
    raws: dict[str, str] = {}
    for seeded in councils:
        raw = current_version(seeded.council).pack_toml
        if raws.setdefault(seeded.pack, raw) != raw:
            raise SystemExit(f"councils on {seeded.pack} hold different pack texts")
    return raws


class BatchChecker:
    """Collects checks from many councils' stories and runs them as one batch on every core."""

    def __init__(self, raws: dict[str, str], processes: int) -> None:
        self.raws, self.processes = raws, processes
        self.pending: list[tuple[tuple[str, str, dict[str, Any]], Placeholder]] = []
        self.checked = 0

    def for_council(self, seeded: SeededCouncil) -> Callable[[list[tuple[str, str, dt.date]]], list[Any]]:
        def record(jobs: list[tuple[str, str, dt.date]]) -> list[Any]:
            placeholders = []
            for text, kind, day in jobs:
                context = {**seeded.contexts[kind], "date": day.isoformat()}
                placeholder: Placeholder = [None, None, context]
                self.pending.append(((seeded.pack, text, context), placeholder))
                placeholders.append(placeholder)
            return placeholders
        return record

    def run(self) -> None:
        results = check_everything([job for job, _ in self.pending], self.raws, self.processes)
        for (_, placeholder), (verdict, findings) in zip(self.pending, results, strict=True):
            placeholder[0], placeholder[1] = verdict, findings
        self.checked += len(self.pending)
        self.pending = []


class CouncilYear(desk_story.Year):
    """A council's :class:`~benchmarks.desk_story.Year` over the last ``days`` days."""

    def __init__(self, *args: Any, days: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.days = days

    def _working_moment(self) -> dt.datetime:
        while True:
            day = timezone.localtime(self.now).date() - dt.timedelta(days=self.rng.randrange(self.days))
            if day.weekday() >= 5 and self.rng.random() < 0.85:
                continue
            minutes = self.rng.uniform(8.5 * 60, 17.5 * 60)
            moment = desk_story._utc(dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minutes))
            if moment < self.now:
                return moment


@dataclass(frozen=True)
class PostsSeeded:
    posts: int
    versions: int
    audit_events: int
    statuses: Counter[str]
    checks: int


def seed_posts(councils: list[SeededCouncil], *, days: int, checker: BatchChecker,
               rng: random.Random) -> PostsSeeded:
    """A few posts a week for every council, through every state a post reaches."""
    now = timezone.now()
    stories = []
    for seeded in councils:
        year = CouncilYear(random.Random(rng.random()), now, seeded.texts, seeded.officers, seeded.clerk,
                           seeded.approvers, seeded.manual_channels, days=days)
        plans = year.plan(max(1, round(days / 7 * rng.uniform(2, 5))))
        year.check_first_versions(plans, checker.for_council(seeded))
        stories.append((seeded, year, plans))
    checker.run()
    for seeded, year, plans in stories:
        year.choose_paths(plans)
        year.check_second_versions(plans, checker.for_council(seeded))
    checker.run()
    posts = versions = events = 0
    statuses: Counter[str] = Counter()
    for seeded, year, plans in stories:
        rows = PostRows(seeded.council, current_version(seeded.council), seeded.council.approval_valid_hours)
        for plan in plans:
            year.write(plan, rows)
        seeded.used_texts.update(version.text for version in rows.versions)
        events += rows.write()
        posts, versions = posts + len(rows.posts), versions + len(rows.versions)
        statuses.update(post.status for post in rows.posts)
    move_sequences()
    return PostsSeeded(posts, versions, events, statuses, checker.checked)


def move_sequences() -> None:
    """Move PostgreSQL's id sequences past the rows written with explicit ids."""
    statements = connection.ops.sequence_reset_sql(
        no_style(), [Post, PostVersion, Decision, Publication, AuditEvent, Post.channels.through])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def approved_posts(councils: list[SeededCouncil], total: int, *, checker: BatchChecker,
                   rng: random.Random) -> list[int]:
    """``total`` clean posts for the councils' Mastodon accounts, drafted, submitted and approved
    minutes ago (rows as the services write them), each text new to its council."""
    share, extra = divmod(total, len(councils))
    wanted = {id(c): share + (1 if i < extra else 0) for i, c in enumerate(councils)}
    accepted: dict[int, list[tuple[str, Placeholder]]] = {id(c): [] for c in councils}
    for _ in range(10):
        offered = []
        for seeded in councils:
            missing = wanted[id(seeded)] - len(accepted[id(seeded)])
            record = checker.for_council(seeded)
            for _ in range(missing):
                text = _new_text(seeded)
                offered.append((seeded, text, record([(text, "post", timezone.localdate())])[0]))
        if not offered:
            break
        checker.run()
        for seeded, text, placeholder in offered:
            if placeholder[0] != "block":
                accepted[id(seeded)].append((text, placeholder))
            else:
                seeded.used_texts.discard(text)
    at = timezone.now() - dt.timedelta(minutes=15)
    post_ids = []
    for seeded in councils:
        if not accepted[id(seeded)]:
            continue
        rows = PostRows(seeded.council, current_version(seeded.council), seeded.council.approval_valid_hours)
        for n, (text, (verdict, findings, context)) in enumerate(accepted[id(seeded)]):
            author = seeded.officers[n % len(seeded.officers)]
            story = rows.draft(at, author, text=text, verdict=verdict, findings=findings, context=context,
                               post_type="promotion", kind="post", channels=[seeded.mastodon])
            rows.submit(story, at + dt.timedelta(minutes=2), author)
            approver = next(a for a in seeded.approvers if a.pk != author.pk)
            rows.approve(story, at + dt.timedelta(minutes=10), approver)
        rows.write()
        post_ids += [post.pk for post in rows.posts]
    move_sequences()
    return post_ids


def _new_text(seeded: SeededCouncil) -> str:
    for _ in range(50):
        text = seeded.texts.make("post", flagged=False).text
        if text not in seeded.used_texts:
            seeded.used_texts.add(text)
            return text
    raise SystemExit(f"no new text left for {seeded.council}: ask for fewer posts")


# -- what the measurements take ---------------------------------------------------------------
def check_jobs(count: int, rng: random.Random) -> list[tuple[int, str, str, str]]:
    """``count`` of the seeded versions (every council's), in a random order across councils."""
    rows = list(PostVersion.objects.values_list("post__council_id", "text", "post__kind", "created"))
    picked = rng.sample(rows, count) if count <= len(rows) else rng.choices(rows, k=count)
    return [(council, text, kind, created.isoformat()) for council, text, kind, created in picked]


def engine_inputs(councils: list[SeededCouncil]) -> dict[int, tuple[Any, dict[str, Any]]]:
    """Each council's parsed pack and engine contexts by kind, read once."""
    return {seeded.council.pk: (current_version(seeded.council).pack, seeded.contexts) for seeded in councils}
