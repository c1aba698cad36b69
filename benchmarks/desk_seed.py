"""A desk instance the size of a busy council's year, for the page-speed benchmark.

One council (Loughton Town Council, the Loughton 2019 pack as its policy version 1), its Town
Clerk, six councillors, N officers (four of them delegated to approve), two channels posted by
hand, and a year of posts in every state a post reaches: most published, some drafts left
unfinished, some returned by the Clerk, a few withdrawn or approved over a finding with a reason,
and, in the last days, posts waiting for approval, approved and scheduled, or waiting for their
live link.

The council and its people are made by the desk's own services, under a clock set back a year
so that the audit trail reads in time order. The posts are built by :mod:`benchmarks.desk_rows`
as the services write them, their versions carrying the engine's real findings (every text
checked once, on all cores), and written in bulk; the council's audit chain is verified at the
end. Import this module only after Django is set up.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
import time
from dataclasses import dataclass
from typing import Any
from unittest import mock

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from benchmarks import desk_story
from benchmarks.desk_rows import PostRows
from benchmarks.desk_texts import PACK_ID, TextPools, check_all
from civicpost.desk.accounts.models import User
from civicpost.desk.audit.log import verify
from civicpost.desk.channels.models import ChannelAccount, Platform
from civicpost.desk.councils import services
from civicpost.desk.councils.models import Council, Role
from civicpost.desk.councils.onboarding import create_council
from civicpost.desk.policies.models import current_version
from civicpost.desk.posts.checking import engine_context
from civicpost.desk.posts.models import Post, Status

DOMAIN = "loughton-tc.gov.uk"  # the council contacts the corpus's hard negatives rely on
OFFICE_PHONE = "020 7946 0100"
CONTROVERSIAL = ("Forest Road relief road", "relief road", "Burton Fields development",
                 "station car park charges")
COUNCILLORS = ("Helen Ashworth", "Tom Okafor", "Priya Raman", "David Kettering", "Margaret Lowe",
               "Sam Whitfield")
FIRST = ("Amy", "Ben", "Chloe", "Daniel", "Ella", "Farid", "Grace", "Harry", "Isla", "Jack", "Kiran",
         "Lucy", "Mohammed", "Nina", "Oliver", "Poppy", "Rhys", "Sophie", "Tariq", "Zoe")
LAST = ("Bennett", "Clarke", "Dhillon", "Evans", "Fletcher", "Green", "Hughes", "Iqbal", "Jones",
        "Khan", "Lewis", "Morgan", "Nowak", "Owen", "Patel", "Quinn", "Roberts", "Shaw")
DELEGATED_APPROVERS = 4


@dataclass(frozen=True)
class SeededDesk:
    officer_emails: list[str]
    password: str
    post_ids: list[int]
    statuses: dict[str, int]
    versions: int
    audit_events: int
    seconds: float


class SeedClock:
    """What ``timezone.now()`` answers while the services make the council a year ago."""

    def __init__(self, start: dt.datetime) -> None:
        self.at = start

    def __call__(self) -> dt.datetime:
        return self.at

    def tick(self, minutes: float = 3) -> None:
        self.at += dt.timedelta(minutes=minutes)


def seed(*, posts: int, officers: int, seed_value: int = 20250401) -> SeededDesk:
    started = time.perf_counter()
    rng = random.Random(seed_value)
    now = timezone.now()
    password = secrets.token_urlsafe(18)
    clock = SeedClock(now - dt.timedelta(days=372))
    # The services read the time through django.utils.timezone.now (records, auto_now_add).
    with mock.patch("django.utils.timezone.now", clock):
        council, clerk, staff, approvers, channels = _council_and_people(clock, officers, password)
    policy = current_version(council)
    rows = PostRows(council, policy, council.approval_valid_hours)
    year = desk_story.Year(rng, now, TextPools(seed_value), staff, clerk, approvers, channels)
    plans = year.plan(posts)

    contexts = {kind: engine_context(council, role=Role.OFFICER, kind=kind)
                for kind in ("post", "reply", "share")}

    def check(jobs: list[tuple[str, str, dt.date]]) -> list[tuple[str, list[dict[str, Any]], dict[str, Any]]]:
        with_context = [(text, {**contexts[kind], "date": day.isoformat()}) for text, kind, day in jobs]
        results = check_all(with_context, policy.pack_toml, f"{council.slug} v{policy.number}")
        return [(r.verdict, r.findings, ctx) for r, (_, ctx) in zip(results, with_context, strict=True)]

    year.check_first_versions(plans, check)
    year.choose_paths(plans)
    year.check_second_versions(plans, check)
    for plan in plans:
        year.write(plan, rows)
    events = rows.write()
    verification = verify([rows.chain.key])
    if not verification.ok:
        raise SystemExit(f"the seeded audit trail does not verify: {verification.broken}")
    statuses: dict[str, int] = {}
    for post in rows.posts:
        statuses[post.status] = statuses.get(post.status, 0) + 1
    return SeededDesk(officer_emails=[u.email for u in staff], password=password,
                      post_ids=list(Post.objects.filter(council=council).values_list("pk", flat=True)),
                      statuses=statuses, versions=len(rows.versions), audit_events=events,
                      seconds=time.perf_counter() - started)


def _council_and_people(clock: SeedClock, officers: int,
                        password: str) -> tuple[Council, Any, list[Any], list[Any], list[ChannelAccount]]:
    # One Argon2 hash for everyone (hashing takes about half a second each): the sign-in page
    # still verifies it in full for every officer who signs in.
    hashed = make_password(password)
    names = [f"{first} {last}" for last in LAST for first in FIRST]
    random.Random(officers).shuffle(names)
    if officers > len(names):
        raise SystemExit(f"at most {len(names)} officers")
    people = [("Margaret Doyle", f"clerk@{DOMAIN}")]
    people += [(name, f"{name.lower().replace(' ', '.')}@{DOMAIN}") for name in names[:officers]]
    people += [(name, f"{name.lower().replace(' ', '.')}@example.net") for name in COUNCILLORS]
    User.objects.bulk_create([User(email=email, name=name, password=hashed) for name, email in people])

    create_council(name="Loughton Town Council", slug="loughton", domain=DOMAIN, policy=PACK_ID,
                   clerk_email=people[0][1], clerk_name=people[0][0])
    council = Council.objects.get(slug="loughton")
    clerk = User.objects.get(email=people[0][1])
    TOTPDevice.objects.create(user=clerk, name="Authenticator app", confirmed=True)
    clock.tick(30)
    services.update_settings(council, clerk, {"office_phone": OFFICE_PHONE,
                                              "public_contacts": f"clerk@{DOMAIN}\nenquiries@{DOMAIN}",
                                              "controversial_issues": "\n".join(CONTROVERSIAL)})
    for name, email in (("Facebook page", "LoughtonTownCouncil"), ("X account", "@LoughtonTC")):
        clock.tick()
        services.add_channel(council, clerk, ChannelAccount(
            platform=Platform.MANUAL, name=name, handle=email, registered_email=f"clerk@{DOMAIN}",
            administered_by="Margaret Doyle (Town Clerk)", two_factor_enabled=True))
    staff, approvers = [], [clerk]
    for index, (name, email) in enumerate(people[1:officers + 1]):
        clock.tick()
        membership, _ = services.add_member(council, clerk, name=name, email=email, role=Role.OFFICER)
        staff.append(membership.user)
        if index < DELEGATED_APPROVERS:
            clock.tick(1)
            services.change_role(membership, clerk, role=Role.OFFICER, may_approve=True, active=True)
            approvers.append(membership.user)
    for name, email in people[officers + 1:]:
        clock.tick()
        services.add_member(council, clerk, name=name, email=email, role=Role.COUNCILLOR)
    council.refresh_from_db()
    return council, clerk, staff, approvers, list(council.channels.order_by("pk"))


def describe(desk: SeededDesk) -> str:
    order = [Status.PUBLISHED, Status.DRAFT, Status.RETURNED, Status.WITHDRAWN, Status.SUBMITTED,
             Status.APPROVED, Status.PUBLISHING]
    mix = ", ".join(f"{desk.statuses.get(s, 0):,} {Status(s).label.lower()}" for s in order
                    if desk.statuses.get(s))
    return (f"{len(desk.post_ids):,} posts ({mix}); {desk.versions:,} versions checked by the engine; "
            f"{desk.audit_events:,} audit events, chain verified; seeded in {desk.seconds:.1f} s")
