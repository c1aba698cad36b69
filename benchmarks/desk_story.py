"""A council's year of posts: who wrote each one, when, what became of it.

Posts are drafted in working hours over the last 365 days. What happens next depends on what
the engine found in the first draft: a clean post is almost always submitted, approved and
published; a post with a finding that must be fixed is fixed before submitting, returned by the
Clerk (and sometimes fixed and published after all), left as a draft, withdrawn, or, rarely,
approved by the Clerk over the finding with a written reason. Each step takes minutes or hours
after the one before; a step that would fall after "now" has not happened yet, which is what
leaves the last days' posts waiting for approval, approved for a scheduled time, or waiting for
their live link.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from benchmarks.desk_rows import PostRows, Story
from benchmarks.desk_texts import PostText, TextPools
from civicpost.desk.posts.models import PostType

Checked = tuple[str, list[dict[str, Any]], dict[str, Any]]  # verdict, findings, context
Checker = Callable[[list[tuple[str, str, dt.date]]], list[Checked]]

CLEAN_PATHS = {"published": 86, "draft": 6, "returned": 3, "withdrawn": 3, "returned-fixed": 2}
BLOCKED_PATHS = {"fixed": 35, "returned-fixed": 20, "returned": 15, "draft": 15, "withdrawn": 10,
                 "overridden": 5}
EDITED = {"fixed", "returned-fixed"}
RETURN_COMMENTS = ("Please add the time and the place.", "Can we say which committee decided this?",
                   "Please add the link to the agenda.", "Hold this until the minutes are approved.",
                   "Shorter, please: it will be cut off on X.")
WITHDRAW_REASONS = ("Event cancelled", "Replaced by a newer post", "Duplicate of an earlier post", "")
OVERRIDE_REASONS = ("The resident asked us to share this number and gave written consent.",
                    "Agreed with the Mayor: this is already in the published minutes.")


def _utc(local: dt.datetime) -> dt.datetime:
    """A wall-clock time in the council's time zone, in UTC as ``timezone.now()`` gives it (the
    audit trail hashes times as written, so the offset must be the one the desk writes)."""
    return timezone.make_aware(local).astimezone(dt.UTC)


@dataclass
class Plan:
    created: dt.datetime
    author: Any
    kind: str
    post_type: str
    channels: list[Any]
    in_reply_to: str
    scheduled_for: dt.datetime | None
    first: PostText
    first_checked: Checked | None = None
    path: str = ""
    steps: list[tuple[dt.datetime, str]] = field(default_factory=list)
    second: PostText | None = None
    second_checked: Checked | None = None

    def check_day(self, at: dt.datetime) -> dt.date:
        """The day a check is made for: the scheduled day if there is one (as the desk does)."""
        return timezone.localtime(self.scheduled_for or at).date()


class Year:
    def __init__(self, rng: random.Random, now: dt.datetime, pools: TextPools, officers: list[Any],
                 clerk: Any, approvers: list[Any], channels: list[Any]) -> None:
        self.rng, self.now, self.pools = rng, now, pools
        self.officers, self.clerk, self.approvers, self.channels = officers, clerk, approvers, channels

    def plan(self, count: int) -> list[Plan]:
        rng = self.rng
        moments = sorted(self._working_moment() for _ in range(count))
        plans = []
        for created in moments:
            kind = rng.choices(("post", "reply", "share"), (80, 15, 5))[0]
            if kind == "reply":
                post_type = rng.choice((PostType.ANSWER, PostType.ANSWER, PostType.DIALOGUE))
                channels = self.channels[:1]
                in_reply_to = (f"https://www.facebook.com/LoughtonTownCouncil/posts/"
                               f"{rng.randrange(10**15, 10**16)}?comment_id={rng.randrange(10**15, 10**16)}")
            else:
                post_type = rng.choices((PostType.PROMOTION, PostType.DIALOGUE, PostType.CORRECTION,
                                         PostType.EMERGENCY), (70, 23, 4, 3))[0]
                channels = rng.choices((self.channels[:1], self.channels, self.channels[1:]), (60, 35, 5))[0]
                in_reply_to = ""
            scheduled = None
            if kind == "post" and rng.random() < 0.15:
                day = timezone.localtime(created).date() + dt.timedelta(days=rng.randint(1, 5))
                hour, minute = rng.choice(((9, 0), (12, 30), (18, 0)))
                scheduled = _utc(dt.datetime.combine(day, dt.time(hour, minute)))
            author = self.clerk if rng.random() < 0.05 else rng.choice(self.officers)
            plans.append(Plan(created=created, author=author, kind=kind, post_type=post_type,
                              channels=channels, in_reply_to=in_reply_to, scheduled_for=scheduled,
                              first=self.pools.make(kind, flagged=rng.random() < 0.2)))
        return plans

    def _working_moment(self) -> dt.datetime:
        """A moment in the last year, in working hours, mostly on weekdays."""
        while True:
            day = timezone.localtime(self.now).date() - dt.timedelta(days=self.rng.randrange(365))
            if day.weekday() >= 5 and self.rng.random() < 0.85:
                continue
            minutes = self.rng.uniform(8.5 * 60, 17.5 * 60)
            moment = _utc(dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minutes))
            if moment < self.now:
                return moment

    def check_first_versions(self, plans: list[Plan], check: Checker) -> None:
        results = check([(p.first.text, p.kind, p.check_day(p.created)) for p in plans])
        for plan, result in zip(plans, results, strict=True):
            plan.first_checked = result

    def choose_paths(self, plans: list[Plan]) -> None:
        for plan in plans:
            assert plan.first_checked is not None
            blocked = plan.first_checked[0] == "block"
            weights = BLOCKED_PATHS if blocked else CLEAN_PATHS
            plan.path = self.rng.choices(list(weights), list(weights.values()))[0]
            plan.steps = self._steps(plan)
            if plan.path in EDITED:
                plan.second = self.pools.fixed(plan.first, plan.kind)

    def _steps(self, plan: Plan) -> list[tuple[dt.datetime, str]]:
        at = plan.created
        steps = [(at, "draft")]

        def then(name: str, low: float, high: float) -> None:
            nonlocal at
            at += dt.timedelta(minutes=self.rng.uniform(low, high))
            steps.append((at, name))

        path = plan.path
        if path == "fixed":
            then("edit", 3, 40)
        if path in {"published", "fixed", "returned", "returned-fixed", "overridden"}:
            then("submit", 2, 40)
        if path in {"returned", "returned-fixed"}:
            then("return", 15, 20 * 60)
        if path == "returned-fixed":
            then("edit", 10, 24 * 60)
            then("submit", 2, 20)
        if path == "withdrawn":
            if self.rng.random() < 0.5:
                then("submit", 2, 40)
            then("withdraw", 30, 48 * 60)
        if path in {"published", "fixed", "returned-fixed", "overridden"}:
            then("approve", 15, 20 * 60)
            if plan.scheduled_for:
                # The worker releases it at its time, or at once if approved after that time.
                at = max(at + dt.timedelta(seconds=5), plan.scheduled_for)
                steps.append((at, "release"))
            else:
                then("publish", 2, 90)
            for _ in plan.channels:
                then("live-link", 1, 15)
        return steps

    def check_second_versions(self, plans: list[Plan], check: Checker) -> None:
        edited = [p for p in plans if p.second is not None]
        jobs = []
        for plan in edited:
            assert plan.second is not None
            edit_at = next(at for at, name in plan.steps if name == "edit")
            jobs.append((plan.second.text, plan.kind, plan.check_day(edit_at)))
        for plan, result in zip(edited, check(jobs), strict=True):
            plan.second_checked = result

    def write(self, plan: Plan, rows: PostRows) -> None:
        """The plan's steps up to now, through the rows the services would write."""
        assert plan.first_checked is not None
        verdict, findings, context = plan.first_checked
        story = rows.draft(plan.created, plan.author, text=plan.first.text, verdict=verdict,
                           findings=findings, context=context, post_type=plan.post_type,
                           kind=plan.kind, channels=plan.channels, in_reply_to=plan.in_reply_to,
                           scheduled_for=plan.scheduled_for)
        links = 0
        for at, name in plan.steps[1:]:
            if at > self.now:
                break
            if name == "edit":
                assert plan.second is not None and plan.second_checked is not None
                verdict, findings, context = plan.second_checked
                rows.edit(story, at, plan.author, text=plan.second.text, verdict=verdict,
                          findings=findings, context=context)
            elif name == "submit":
                rows.submit(story, at, plan.author)
            elif name == "return":
                rows.return_post(story, at, self._approver(plan), self._return_comment(story))
            elif name == "withdraw":
                rows.withdraw(story, at, plan.author, self.rng.choice(WITHDRAW_REASONS))
            elif name == "approve":
                if not self._approve(rows, story, at, plan):
                    break  # the Clerk's own post over a finding: nobody may approve it
            elif name in {"publish", "release"}:
                rows.publish(story, at, None if name == "release" else self._publisher(plan),
                             scheduled=name == "release")
            elif name == "live-link":
                publication = story.publications[links]
                links += 1
                rows.live_link(story, publication, at, self._publisher(plan), self._live_url(publication))

    def _approve(self, rows: PostRows, story: Story, at: dt.datetime, plan: Plan) -> bool:
        if story.current.blocking:
            # Only the Clerk may approve over a finding that must be fixed, with a reason, and
            # nobody approves their own post.
            if plan.author.pk == self.clerk.pk:
                return False
            rows.approve(story, at, self.clerk, override_reason=self.rng.choice(OVERRIDE_REASONS))
        else:
            rows.approve(story, at, self._approver(plan))
        return True

    def _approver(self, plan: Plan) -> Any:
        others = [a for a in self.approvers if a.pk != plan.author.pk]
        return self.clerk if self.clerk in others and self.rng.random() < 0.75 else self.rng.choice(others)

    def _publisher(self, plan: Plan) -> Any:
        return plan.author  # the author is Clerk or officer: staff may publish

    def _return_comment(self, story: Story) -> str:
        blocking = story.current.blocking
        if blocking:
            first = blocking[0]
            return f"Please fix this before it goes out: {first['title'].lower()} ({first['code']})."
        return self.rng.choice(RETURN_COMMENTS)

    def _live_url(self, publication: Any) -> str:
        number = self.rng.randrange(10**17, 10**18)
        if publication.channel.handle.startswith("@"):
            return f"https://x.com/{publication.channel.handle[1:]}/status/{number}"
        return f"https://www.facebook.com/{publication.channel.handle}/posts/{number}"
