"""Contexts built from JSON: defaults, pre-election periods and clear errors."""

from __future__ import annotations

import datetime as dt

import pytest

from civicpost.engine import Context, ContextError, latest_notice_of_election


def test_an_empty_context_is_a_council_post_by_an_officer_today() -> None:
    ctx = Context.from_dict({})
    assert (ctx.account, ctx.kind, ctx.author_role) == ("council", "post", "officer")
    assert ctx.date == dt.date.today()
    assert not ctx.in_pre_election_period


@pytest.mark.parametrize(("poll", "notice"), [("2026-05-07", "2026-03-30"),
                                               ("2027-05-06", "2027-03-31")])
def test_the_latest_notice_of_election_is_25_working_days_before_the_poll(poll: str,
                                                                           notice: str) -> None:
    assert latest_notice_of_election(dt.date.fromisoformat(poll)) == dt.date.fromisoformat(notice)


def test_the_period_runs_from_the_notice_to_the_poll() -> None:
    def inside(day: str) -> bool:
        return Context.from_dict(
            {"date": day, "elections": [{"poll": "2027-05-06"}]}).in_pre_election_period

    assert not inside("2027-03-30")
    assert inside("2027-03-31")
    assert inside("2027-05-06")
    assert not inside("2027-05-07")


def test_an_earlier_notice_entered_by_the_clerk_starts_the_period_earlier() -> None:
    ctx = Context.from_dict({"date": "2027-03-10",
                             "elections": [{"poll": "2027-05-06", "notice": "2027-03-01"}]})
    assert ctx.in_pre_election_period


def test_an_explicit_pre_election_flag_overrides_the_calendar() -> None:
    ctx = Context.from_dict({"date": "2027-04-10", "pre_election": False,
                             "elections": [{"poll": "2027-05-06"}]})
    assert not ctx.in_pre_election_period


@pytest.mark.parametrize(("data", "says"), [
    ({"account": "facebook"}, "account must be one of council, personal"),
    ({"kind": "tweet"}, "kind must be one of"),
    ({"date": "next Tuesday"}, "date must be an ISO date"),
    ({"pre_election": "yes"}, "pre_election must be true or false"),
    ({"media": "photo.jpg"}, "media must be a list"),
    ({"media": [42]}, "each media item must be an object"),
    ({"partners": [{"approved": True}]}, "each partner must be a name"),
    ({"elections": [{"notice": "2027-03-01"}]}, "each election must be"),
    ({"colour": "red"}, "unknown context key(s): colour"),
    ([1, 2], "context must be an object"),
])
def test_bad_context_values_get_a_message_that_names_the_problem(data: object, says: str) -> None:
    with pytest.raises(ContextError, match=None) as caught:
        Context.from_dict(data)  # type: ignore[arg-type]
    assert says in str(caught.value)
