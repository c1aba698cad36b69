"""When the council's policy is next due for review (Ludgershall §9: "reviewed every 2 years").

The pack carries what the document says (approved, ratified, the interval, the review-due date);
the Clerk may record more exact dates, the meetings, a review that kept the policy unchanged, or
a review date outright. What the Clerk records wins over the pack, field by field.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from civicpost.desk.policies.models import PolicyVersion

DUE_SOON_MONTHS = 3


@dataclass(frozen=True)
class DocumentDate:
    """A date as a document gives it: to the day, or only to the month ("February 2021")."""

    day: dt.date
    to_the_day: bool

    @classmethod
    def parse(cls, text: str | None) -> DocumentDate | None:
        if not text:
            return None
        if len(text) == 7:
            return cls(dt.date(int(text[:4]), int(text[5:7]), 1), False)
        return cls(dt.date.fromisoformat(text[:10]), True)

    @classmethod
    def exact(cls, day: dt.date | None) -> DocumentDate | None:
        return cls(day, True) if day else None

    @property
    def label(self) -> str:
        return f"{self.day.day} {self.day:%B %Y}" if self.to_the_day else f"{self.day:%B %Y}"

    @property
    def last_day(self) -> dt.date:
        """The last day it covers: a date given to the month is met by the end of that month."""
        if self.to_the_day:
            return self.day
        return self.day.replace(day=calendar.monthrange(self.day.year, self.day.month)[1])

    def plus_months(self, months: int) -> DocumentDate:
        return DocumentDate(add_months(self.day, months), self.to_the_day)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved on by whole months, kept to the month's last day where it is shorter
    (31 August + 6 months is 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Milestone:
    what: str  # "Approved", "Ratified", "Adopted", "Reviewed"
    when: DocumentDate
    meeting: str = ""
    recorded: bool = False  # recorded by the Clerk rather than taken from the document


@dataclass(frozen=True)
class ReviewSchedule:
    due: DocumentDate | None
    basis: str
    milestones: tuple[Milestone, ...]
    interval_months: int | None
    today: dt.date

    @property
    def state(self) -> str:
        """"overdue", "soon" (within three months), "scheduled" or "unset"."""
        if self.due is None:
            return "unset"
        if self.due.last_day < self.today:
            return "overdue"
        if self.due.last_day <= add_months(self.today, DUE_SOON_MONTHS):
            return "soon"
        return "scheduled"

    @property
    def sentence(self) -> str:
        state = self.state
        if self.due is None:
            return "No review date: the policy states no review interval. Record one."
        if state == "overdue":
            return f"Review overdue since {self.due.label}"
        if state == "soon":
            return f"Review due soon: by {self.due.label}"
        return f"Next review by {self.due.label}"


def milestones(version: PolicyVersion) -> tuple[Milestone, ...]:
    pack = version.pack
    found: list[Milestone] = []
    adopted = DocumentDate.parse(pack.adopted)
    if adopted:
        found.append(Milestone("Adopted", adopted))
    for what, pack_value, recorded_on, meeting in (
            ("Approved", pack.approved, version.approved_on, version.approved_by_meeting),
            ("Ratified", pack.ratified, version.ratified_on, version.ratified_by_meeting)):
        recorded = DocumentDate.exact(recorded_on)
        when = recorded or DocumentDate.parse(pack_value)
        if when:
            found.append(Milestone(what, when, meeting, recorded is not None))
    reviewed = DocumentDate.exact(version.reviewed_on)
    if reviewed:
        found.append(Milestone("Reviewed", reviewed, version.reviewed_by_meeting, True))
    return tuple(found)


def schedule(version: PolicyVersion, today: dt.date | None = None) -> ReviewSchedule:
    from django.utils import timezone

    today = today or timezone.localdate()
    pack = version.pack
    steps = milestones(version)
    interval = version.review_interval_months or pack.review_interval_months
    if version.review_due:
        return ReviewSchedule(DocumentDate(version.review_due, True), "the date the Clerk recorded",
                              steps, interval, today)
    if interval and steps:
        latest = max(steps, key=lambda m: m.when.last_day)
        return ReviewSchedule(latest.when.plus_months(interval),
                              f"{interval} months after it was {latest.what.lower()} "
                              f"({latest.when.label})", steps, interval, today)
    due = DocumentDate.parse(pack.review_due)
    if due:
        return ReviewSchedule(due, "the date the policy gives", steps, interval, today)
    return ReviewSchedule(None, "", steps, interval, today)
