"""The working-day calendar of FOIA s.10(6): weekends and any UK nation's bank holidays are
not working days; the 20th working day after receipt is the FOI deadline.

The bank holidays come from the ``holidays`` package. GOV.UK's own list for 2012–2028
(``../shared/data/uk-election-timetables/bank-holidays.json``) is the independent oracle.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from civicpost.engine.working_days import UK_WORKING_DAYS, WorkingDayCalendar, foi_due_date

ORACLE = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "uk-election-timetables" / \
    "bank-holidays.json"


def test_the_known_christmas_example() -> None:
    # Received Friday 18 December 2026: Christmas, Boxing Day (substitute Monday 28th), New
    # Year's Day and Scotland's 2 January (a Saturday, so Monday 4th) are not working days.
    assert foi_due_date(dt.date(2026, 12, 18)) == dt.date(2027, 1, 21)


def test_a_request_received_at_the_weekend_counts_from_the_next_working_day() -> None:
    friday, saturday, sunday, monday = (dt.date(2026, 3, d) for d in (6, 7, 8, 9))
    assert foi_due_date(saturday) == foi_due_date(sunday) == foi_due_date(friday)
    assert foi_due_date(monday) == UK_WORKING_DAYS.next_working_day(foi_due_date(friday))


@pytest.mark.parametrize("day, where", [
    (dt.date(2026, 3, 17), "St Patrick's Day (Northern Ireland)"),
    (dt.date(2026, 7, 13), "Battle of the Boyne, observed (Northern Ireland)"),
    (dt.date(2026, 11, 30), "St Andrew's Day (Scotland)"),
    (dt.date(2026, 8, 3), "Summer bank holiday (Scotland)"),
    (dt.date(2026, 8, 31), "Summer bank holiday (England and Wales)"),
    (dt.date(2026, 4, 3), "Good Friday"),
])
def test_a_bank_holiday_in_any_uk_nation_is_not_a_working_day(day: dt.date, where: str) -> None:
    assert not UK_WORKING_DAYS.is_working_day(day), where


def test_weekends_are_not_working_days_and_ordinary_weekdays_are() -> None:
    assert not UK_WORKING_DAYS.is_working_day(dt.date(2026, 6, 6))  # Saturday
    assert not UK_WORKING_DAYS.is_working_day(dt.date(2026, 6, 7))  # Sunday
    assert UK_WORKING_DAYS.is_working_day(dt.date(2026, 6, 8))


def test_adding_no_working_days_gives_the_day_itself_or_the_next_working_day() -> None:
    assert UK_WORKING_DAYS.add_working_days(dt.date(2026, 6, 8), 0) == dt.date(2026, 6, 8)
    assert UK_WORKING_DAYS.add_working_days(dt.date(2026, 6, 6), 0) == dt.date(2026, 6, 8)
    with pytest.raises(ValueError):
        UK_WORKING_DAYS.add_working_days(dt.date(2026, 6, 8), -1)


def test_a_council_can_close_extra_days_for_its_own_clocks() -> None:
    closed = WorkingDayCalendar(frozenset({dt.date(2026, 6, 8)}))
    assert not closed.is_working_day(dt.date(2026, 6, 8))
    assert UK_WORKING_DAYS.is_working_day(dt.date(2026, 6, 8))  # the statutory calendar is unchanged


def test_working_days_between_counts_after_the_start_up_to_the_end() -> None:
    received = dt.date(2026, 12, 18)
    assert UK_WORKING_DAYS.working_days_between(received, foi_due_date(received)) == 20
    assert UK_WORKING_DAYS.working_days_between(received, received) == 0


@pytest.fixture(scope="module")
def oracle() -> set[dt.date]:
    if not ORACLE.is_file():
        pytest.skip("the GOV.UK bank holidays oracle (../shared/data/uk-election-timetables) is absent")
    data = json.loads(ORACLE.read_text(encoding="utf-8"))
    return {dt.date.fromisoformat(e["date"]) for nation in data.values() for e in nation["events"]}


def test_every_weekday_of_2012_to_2028_agrees_with_gov_uk(oracle: set[dt.date]) -> None:
    day, disagree = dt.date(2012, 1, 1), []
    while day <= dt.date(2028, 12, 31):
        if day.weekday() < 5 and UK_WORKING_DAYS.is_working_day(day) == (day in oracle):
            disagree.append(day)
        day += dt.timedelta(days=1)
    assert not disagree, f"days where the calendar and GOV.UK disagree: {disagree[:10]}"


def test_foi_deadlines_agree_with_a_count_made_on_the_gov_uk_list(oracle: set[dt.date]) -> None:
    def by_hand(received: dt.date) -> dt.date:
        day, counted = received, 0
        while counted < 20:
            day += dt.timedelta(days=1)
            if day.weekday() < 5 and day not in oracle:
                counted += 1
        return day

    received = dt.date(2013, 1, 1)
    while received <= dt.date(2028, 11, 1):
        assert foi_due_date(received) == by_hand(received), received
        received += dt.timedelta(days=3)
