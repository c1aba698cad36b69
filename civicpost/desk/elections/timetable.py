"""When a pre-election period starts by law: the latest day the notice of election may be
published, for each kind of election that covers an English town or parish.

Democracy Club's ``uk-election-timetables`` knows each kind's rule (25 working days before the
poll for local, police and crime commissioner and mayoral elections; 22 for a UK Parliament
election's notice) and England's working days. Its bank holiday list ends in a given year,
and past it the package would count bank holidays as working days, giving a date too late: for
those years the same count is made here with the ``holidays`` package's England calendar
(which knows every year), the rules' other non-working days (weekends, Christmas Eve) kept.
A test holds the two to the same answers over every year both know.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib import resources

import holidays
from uk_election_timetables.calendars import Country
from uk_election_timetables.election import Election as TimetableElection
from uk_election_timetables.elections.local import LocalElection
from uk_election_timetables.elections.mayor import MayoralElection
from uk_election_timetables.elections.police_and_crime_commissioner import PoliceAndCrimeCommissionerElection
from uk_election_timetables.elections.uk_parliament import UKParliamentElection

# kind -> working days before the poll by which the notice of election must be published
NOTICE_WORKING_DAYS = {"local": 25, "pcc": 25, "mayor": 25, "parliament": 22}


def _package_election(poll: dt.date, rule: str) -> TimetableElection:
    if rule == "pcc":
        return PoliceAndCrimeCommissionerElection(poll)
    if rule == "mayor":
        return MayoralElection(poll)
    if rule == "parliament":
        return UKParliamentElection(poll, country=Country.ENGLAND)
    return LocalElection(poll, country=Country.ENGLAND)


@cache
def _package_last_year() -> int:
    """The last year whose bank holidays the package's own list holds."""
    raw = resources.files("uk_election_timetables").joinpath("bank-holidays.json").read_text(encoding="utf-8")
    return max(int(e["date"][:4]) for e in json.loads(raw)["england-and-wales"]["events"])


def latest_notice(poll: dt.date, rule: str = "local") -> dt.date:
    """The last day the notice of election may be published for a poll on ``poll``."""
    if rule not in NOTICE_WORKING_DAYS:
        raise ValueError(f"unknown election rule {rule!r}")
    if poll.year <= _package_last_year():
        notice: dt.date = _package_election(poll, rule).notice_of_election_deadline
        return notice
    return working_days_before(poll, NOTICE_WORKING_DAYS[rule])


def _is_working_day(day: dt.date) -> bool:
    if day.weekday() >= 5 or (day.month == 12 and day.day == 24):
        return False
    return day not in _england_bank_holidays(day.year)


@cache
def _england_bank_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def working_days_before(poll: dt.date, count: int) -> dt.date:
    """The day ``count`` working days before ``poll`` (England), counted as the rules count."""
    day, left = poll, count
    while left:
        day -= dt.timedelta(days=1)
        if _is_working_day(day):
            left -= 1
    return day


def first_thursday_in_may(year: int) -> dt.date:
    """The day of ordinary local elections in England (unless moved by order)."""
    first = dt.date(year, 5, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7)


def next_ordinary_polls(today: dt.date, count: int = 4) -> list[dt.date]:
    """The next few first Thursdays in May: councils elect every four years, in different years."""
    year = today.year if first_thursday_in_may(today.year) >= today else today.year + 1
    return [first_thursday_in_may(year + i) for i in range(count)]
