"""Working days in the sense of the Freedom of Information Act 2000, s.10(6).

A working day is any day other than a Saturday, a Sunday, Christmas Day, Good Friday or a
day which is a bank holiday in **any** part of the United Kingdom. So Scotland's 2 January
and St Andrew's Day and Northern Ireland's St Patrick's Day and 12 July are non-working days
for an English parish council too. The bank holidays are taken from the ``holidays``
package (the union of its GB subdivisions ENG, WLS, SCT and NIR, substitute days included),
never from a hand-typed list, so a new year needs only a package upgrade.

Counting follows the Information Commissioner's guidance: the day of receipt is day 0 and
the first working day after it is day 1, whatever kind of day the request arrived on. A
request that arrives on a Saturday therefore has the following Monday as its day 1, and is
due on the same day as one that arrived on the Friday before. This is the earlier of the two
readings in circulation (the other treats the Monday as the day of receipt), so a council
that follows it is never late.

    >>> import datetime as dt
    >>> UK_WORKING_DAYS.add_working_days(dt.date(2026, 12, 18), 20)
    datetime.date(2027, 1, 21)
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

UK_NATIONS = ("ENG", "WLS", "SCT", "NIR")
# The calendar looks this far ahead of a date at most; 20 working days never need more
# than a few weeks, so this is only a guard against a runaway count.
_MOST_DAYS_SEARCHED = 3660


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[dt.date]:
    """Every bank holiday of ``year`` in any UK nation (weekend dates included)."""
    found: set[dt.date] = set()
    for nation in UK_NATIONS:
        found.update(holidays.country_holidays("GB", subdiv=nation, years=year).keys())
    return frozenset(found)


class WorkingDayCalendar:
    """Working days: weekdays that are not a bank holiday anywhere in the UK.

    ``extra_closed`` adds days a council wants treated as non-working for its own clocks
    (they do not change the statutory FOI count, which uses :data:`UK_WORKING_DAYS`).
    """

    def __init__(self, extra_closed: frozenset[dt.date] = frozenset()) -> None:
        self.extra_closed = extra_closed
        # A backlog holds many messages from the same few days: remember the answers.
        self._added: dict[tuple[dt.date, int], dt.date] = {}

    def bank_holidays(self, year: int) -> frozenset[dt.date]:
        """The UK-wide bank holidays of ``year``, as the calendar uses them."""
        return _bank_holidays(year)

    def is_working_day(self, day: dt.date) -> bool:
        if day.weekday() >= 5:
            return False
        return day not in _bank_holidays(day.year) and day not in self.extra_closed

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        for offset in range(1, _MOST_DAYS_SEARCHED):
            candidate = day + dt.timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError(f"no working day within {_MOST_DAYS_SEARCHED} days of {day}")

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        """The ``count``-th working day after ``day`` (``day`` itself is day 0).

        ``count`` 0 gives ``day`` when it is a working day, else the next working day.
        """
        if count < 0:
            raise ValueError("count must be 0 or more")
        known = self._added.get((day, count))
        if known is not None:
            return known
        if count == 0:
            current = day if self.is_working_day(day) else self.next_working_day(day)
        else:
            current = day
            for _ in range(count):
                current = self.next_working_day(current)
        if len(self._added) > 50_000:
            self._added.clear()
        self._added[(day, count)] = current
        return current

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """How many working days fall after ``start`` up to and including ``end``."""
        if end <= start:
            return 0
        return sum(1 for offset in range(1, (end - start).days + 1)
                   if self.is_working_day(start + dt.timedelta(days=offset)))


UK_WORKING_DAYS = WorkingDayCalendar()

FOI_WORKING_DAYS = 20


def foi_due_date(received: dt.date, calendar: WorkingDayCalendar = UK_WORKING_DAYS) -> dt.date:
    """The last day to answer a Freedom of Information request received on ``received``:
    the 20th working day after the date of receipt (FOIA s.10(1))."""
    return calendar.add_working_days(received, FOI_WORKING_DAYS)
