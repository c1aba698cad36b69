"""Response clocks: when the answer to an incoming message is due.

* **FOI requests**: the 20th working day after the date of receipt (FOIA s.10(1)), working
  days as :mod:`civicpost.engine.working_days` counts them. This is the law, not a target, and
  it cannot be set longer.
* **Threats and libel complaints**: at once. Loughton §5: "any complaint which mentions libel
  or threat of a libel action MUST be reported to the Town Clerk immediately"; §3: threats,
  abuse or harassment "must" be reported to the Town Clerk.
* **Questions, complaints and negative comments**: the council's own targets. Neither seed
  policy gives a number: Loughton asks councillors to "answer their questions - quickly and
  honestly" and, of a negative comment, to "DEAL with it IMMEDIATELY"; Ludgershall §7 sends
  complaints to the formal procedures. The defaults are therefore a choice, documented here
  and overridable per council: a question by the end of the 2nd working day, a complaint by
  the end of the 5th (time to acknowledge it and point to the formal procedure), a negative
  comment by the end of the same working day (the next one when it arrives after hours).

"The end of a working day" is the council's close of business, 17:00 UK time by default.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from civicpost.engine.triage.context import UK_TIME
from civicpost.engine.triage.result import Clock
from civicpost.engine.working_days import FOI_WORKING_DAYS, UK_WORKING_DAYS, WorkingDayCalendar

_END_OF_DAY = dt.time(23, 59, 59)


@dataclass(frozen=True)
class ResponseTargets:
    """A council's response targets, in working days after the day a message arrives (0 is
    the same working day). ``None`` sets no clock for that label. The FOI deadline is the
    law's and is not here."""

    question: int | None = 2
    complaint: int | None = 5
    negative: int | None = 0
    grievance: int | None = None
    abuse: int | None = None
    close_of_business: dt.time = dt.time(17, 0)

    def __post_init__(self) -> None:
        for label in ("question", "complaint", "negative", "grievance", "abuse"):
            days = getattr(self, label)
            if days is not None and (not isinstance(days, int) or days < 0 or days > 60):
                raise ValueError(f"the {label} target must be 0 to 60 working days (got {days!r})")

    def days_for(self, label: str) -> int | None:
        if label in ("question", "complaint", "negative", "grievance", "abuse"):
            days: int | None = getattr(self, label)
            return days
        return None


DEFAULT_TARGETS = ResponseTargets()


def clocks_for(labels: frozenset[str], received: dt.datetime,
               targets: ResponseTargets = DEFAULT_TARGETS,
               calendar: WorkingDayCalendar = UK_WORKING_DAYS) -> tuple[Clock, ...]:
    """The clocks that the labels of a message received at ``received`` start."""
    local = received.astimezone(UK_TIME)
    clocks: list[Clock] = []
    for label in ("threat", "libel"):
        if label in labels:
            clocks.append(Clock(label, local, "report to the Town Clerk at once (Loughton §3, §5)"))
    if "foi" in labels:
        day = calendar.add_working_days(local.date(), FOI_WORKING_DAYS)
        clocks.append(Clock("foi", _at(day, _END_OF_DAY),
                            "FOIA s.10: the 20th working day after the date of receipt"))
    for label in ("complaint", "question", "negative", "grievance", "abuse"):
        days = targets.days_for(label)
        if label not in labels or days is None:
            continue
        day = local.date()
        if days == 0 and local.time() >= targets.close_of_business:
            day = calendar.next_working_day(day)  # after hours: by the end of the next working day
        due = calendar.add_working_days(day, days)
        what = "the same working day" if days == 0 else f"{days} working day{'s' if days > 1 else ''}"
        clocks.append(Clock(label, _at(due, targets.close_of_business), f"council target: {what}"))
    return tuple(clocks)


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=UK_TIME)
