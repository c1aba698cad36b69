"""Response clocks started by triage: the FOI deadline, the council's targets for questions,
complaints and negative comments, and "at once" for threats and libel complaints."""

from __future__ import annotations

import datetime as dt

import pytest

from civicpost.engine.triage import ResponseTargets, TriageContext, triage
from civicpost.engine.triage.context import UK_TIME

FOI = "Under the Freedom of Information Act please send me all invoices for the Christmas lights."
QUESTION = "What time does the library open on Saturdays?"
COMPLAINT = "My bin hasn't been collected for three weeks."
NEGATIVE = "What a waste of taxpayers' money."
THREAT = "I know where you live."


def clock(result, label: str) -> dt.datetime:
    return next(c.due_at for c in result.clocks if c.label == label)


def test_an_foi_request_received_on_18_december_2026_is_due_on_21_january_2027() -> None:
    result = triage(FOI, {"received": "2026-12-18T10:00:00Z"})
    assert result.has("foi")
    assert result.due == dt.date(2027, 1, 21)


def test_the_day_of_receipt_is_the_uk_date_not_the_utc_date() -> None:
    # 23:30 UTC on Thursday 9 July 2026 is 00:30 on Friday 10 July in London (BST).
    late = triage(FOI, {"received": "2026-07-09T23:30:00Z"})
    thursday = triage(FOI, {"received": "2026-07-09T12:00:00+01:00"})
    friday = triage(FOI, {"received": "2026-07-10T09:00:00+01:00"})
    assert late.due == friday.due != thursday.due


def test_a_naive_received_time_is_read_as_uk_time() -> None:
    assert triage(FOI, {"received": "2026-07-10T00:30:00"}).due == \
        triage(FOI, {"received": "2026-07-10T00:30:00+01:00"}).due


def test_a_question_is_due_by_close_of_business_two_working_days_later() -> None:
    result = triage(QUESTION, {"received": "2026-06-05T10:00:00+01:00"})  # a Friday
    assert clock(result, "question") == dt.datetime(2026, 6, 9, 17, 0, tzinfo=UK_TIME)


def test_a_complaint_is_due_in_five_working_days_skipping_a_bank_holiday() -> None:
    result = triage(COMPLAINT, {"received": "2026-05-22T09:00:00+01:00"})  # before the late May bank holiday
    assert clock(result, "complaint").date() == dt.date(2026, 6, 1)


def test_a_negative_comment_in_office_hours_is_due_the_same_day() -> None:
    result = triage(NEGATIVE, {"received": "2026-06-08T11:00:00+01:00"})
    assert clock(result, "negative") == dt.datetime(2026, 6, 8, 17, 0, tzinfo=UK_TIME)


def test_a_negative_comment_after_hours_or_at_the_weekend_is_due_the_next_working_day() -> None:
    evening = triage(NEGATIVE, {"received": "2026-06-08T19:30:00+01:00"})
    saturday = triage(NEGATIVE, {"received": "2026-06-06T12:00:00+01:00"})
    assert clock(evening, "negative") == dt.datetime(2026, 6, 9, 17, 0, tzinfo=UK_TIME)
    assert clock(saturday, "negative") == dt.datetime(2026, 6, 8, 17, 0, tzinfo=UK_TIME)


def test_a_threat_is_urgent_and_due_at_once() -> None:
    received = "2026-06-06T23:10:00+01:00"
    result = triage(THREAT, {"received": received})
    assert result.urgent
    assert clock(result, "threat") == dt.datetime.fromisoformat(received)
    assert result.due == dt.date(2026, 6, 6)


def test_due_is_the_earliest_clock() -> None:
    result = triage(f"{FOI} Also, {QUESTION.lower()}", {"received": "2026-12-18T10:00:00Z"})
    assert result.has("foi") and result.has("question")
    assert result.due == min(c.due_at for c in result.clocks).date() < dt.date(2027, 1, 21)


def test_a_council_can_set_its_own_targets() -> None:
    targets = ResponseTargets(question=5, negative=None)
    result = triage(f"{QUESTION} {NEGATIVE}", {"received": "2026-06-05T10:00:00+01:00"}, targets)
    assert clock(result, "question").date() == dt.date(2026, 6, 12)
    assert "negative" not in {c.label for c in result.clocks}
    assert result.has("negative")  # the label stays; only its clock is off


@pytest.mark.parametrize("bad", [-1, 61, "2"])
def test_a_target_out_of_range_is_refused(bad: object) -> None:
    with pytest.raises(ValueError, match="working days"):
        ResponseTargets(question=bad)  # type: ignore[arg-type]


def test_a_message_with_nothing_to_answer_has_no_due_date() -> None:
    assert triage("Shared", {"received": "2026-06-05T10:00:00Z"}).due is None


def test_without_a_received_time_the_clock_starts_now() -> None:
    before = dt.datetime.now(dt.UTC)
    result = triage(QUESTION)
    assert before <= result.received <= dt.datetime.now(dt.UTC)
    assert result.due is not None and result.due >= before.date()


def test_a_context_object_can_be_passed_directly() -> None:
    context = TriageContext(received=dt.datetime(2026, 12, 18, 10, tzinfo=dt.UTC), kind="dm")
    assert triage(FOI, context).due == dt.date(2027, 1, 21)
