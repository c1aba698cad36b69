"""The election calendar: the statutory latest notice of election, the Clerk's actual date,
several elections at once, and the pre-election rules switching on for every check of the
council inside a period (shares and replies too) and off outside it."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from civicpost.desk.audit.models import AuditEvent
from civicpost.desk.elections import services
from civicpost.desk.elections.models import Election, Kind
from civicpost.desk.elections.timetable import (
    NOTICE_WORKING_DAYS,
    first_thursday_in_may,
    latest_notice,
    next_ordinary_polls,
    working_days_before,
)
from civicpost.desk.posts.checking import check_text

from .conftest import Town, draft, signed_in

SOPN = Path(__file__).resolve().parents[2] / "../shared/data/uk-election-timetables/historic_sopn_data.csv"
PRAISE = "Huge thanks to Cllr Carol Penn, who fought hard and secured £20,000 for the play area."


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def far_poll() -> dt.date:
    """A first Thursday in May far enough ahead that its whole period is still to come."""
    return next_ordinary_polls(dt.date.today() + dt.timedelta(days=60))[0]


@pytest.mark.parametrize(("poll", "notice"), [("2026-05-07", "2026-03-30"), ("2027-05-06", "2027-03-31")])
def test_the_known_latest_notices_of_election(poll: str, notice: str) -> None:
    assert latest_notice(dt.date.fromisoformat(poll)) == dt.date.fromisoformat(notice)
    election = Election(kind=Kind.ORDINARY, poll=dt.date.fromisoformat(poll))
    assert election.period_start == dt.date.fromisoformat(notice)


def test_past_the_packages_bank_holidays_easter_is_still_left_out() -> None:
    # Poll Thursday 3 May 2029. Counting back 25 working days skips the weekends, Easter Monday
    # (2 April) and Good Friday (30 March): the 25th is Tuesday 27 March.
    assert latest_notice(dt.date(2029, 5, 3)) == dt.date(2029, 3, 27)


def test_both_ways_of_counting_agree_wherever_both_know_the_bank_holidays() -> None:
    polls = [first_thursday_in_may(y) for y in range(2013, 2029)]
    polls += [dt.date(y, m, d) for y in range(2013, 2029) for m, d in ((1, 9), (6, 12), (10, 17), (12, 31))]
    for poll in polls:
        for rule, days in NOTICE_WORKING_DAYS.items():
            assert latest_notice(poll, rule) == working_days_before(poll, days), (poll, rule)


def test_the_next_ordinary_elections_are_on_first_thursdays_in_may() -> None:
    assert next_ordinary_polls(dt.date(2026, 5, 7))[:2] == [dt.date(2026, 5, 7), dt.date(2027, 5, 6)]
    assert next_ordinary_polls(dt.date(2026, 5, 8))[0] == dt.date(2027, 5, 6)
    polls = next_ordinary_polls(dt.date.today(), 8)
    assert all(p.weekday() == 3 and p.month == 5 and p.day <= 7 for p in polls)


@pytest.mark.skipif(not SOPN.exists(), reason="the uk-election-timetables data is not beside the repository")
def test_every_real_statement_of_candidates_falls_early_in_the_period_the_calendar_gives() -> None:
    """Oracle: the dates real statements of persons nominated were published (England). The
    notice of election always comes before nominations close, so each statement must fall
    inside the default period of its poll, within its first eight working days."""
    kinds = {"parl": Kind.GENERAL, "pcc": Kind.PCC, "mayor": Kind.MAYOR}
    welsh_police = {"dyfed-powys", "gwent", "north-wales", "south-wales"}
    checked = 0
    with SOPN.open(encoding="utf-8") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("--")):
            kind = kinds.get(row["election_id"].split(".")[0])
            geo = row["geo_id"]
            english = (geo.startswith("WMC:E14") or kind == Kind.MAYOR
                       or (kind == Kind.PCC and geo.split(":")[-1] not in welsh_police))
            if kind is None or not english:
                continue
            election = Election(kind=kind, poll=dt.date.fromisoformat(row["election_date"]))
            published = dt.date.fromisoformat(row["sopn_publish_date"])
            assert election.covers(published), row
            assert published <= working_days_after(election.period_start, 8), row
            checked += 1
    assert checked > 400


def working_days_after(day: dt.date, count: int) -> dt.date:
    from civicpost.desk.elections.timetable import _is_working_day

    while count:
        day += dt.timedelta(days=1)
        count -= _is_working_day(day)
    return day


def test_a_post_naming_a_councillor_is_blocked_inside_the_period_and_clear_outside(loughton: Town) -> None:
    poll = far_poll()
    clerk = signed_in(loughton.clerk)
    response = clerk.post("/elections/", {"kind": "ordinary", "name": "Loughton Town Council elections",
                                          "poll": poll.isoformat()})
    assert response.status_code == 302
    start = latest_notice(poll)
    inside = draft(loughton, PRAISE, scheduled_for=at(poll - dt.timedelta(days=2)))
    before = draft(loughton, PRAISE, scheduled_for=at(start - dt.timedelta(days=1)))
    after = draft(loughton, PRAISE, scheduled_for=at(poll + dt.timedelta(days=1)))
    blocking = {f["code"] for f in inside.current_version.findings if f["severity"] == "block"}
    assert "PO003" in blocking and inside.current_version.verdict == "block"
    for clear in (before, after):
        assert "PO003" not in {f["code"] for f in clear.current_version.findings}
    first_day = draft(loughton, PRAISE, scheduled_for=at(start))
    assert "PO003" in {f["code"] for f in first_day.current_version.findings}


@pytest.mark.parametrize("kind", ["share", "reply"])
def test_shares_and_replies_get_the_pre_election_rules_too(loughton: Town, kind: str) -> None:
    poll = far_poll()
    services.add_election(loughton.council, loughton.clerk, kind=Kind.COUNTY,
                          name="Essex County Council elections", poll=poll)
    inside = check_text(loughton.council, PRAISE, role="officer", kind=kind,
                        when=at(poll - dt.timedelta(days=5)))
    outside = check_text(loughton.council, PRAISE, role="officer", kind=kind,
                         when=at(poll + dt.timedelta(days=5)))
    assert "PO003" in {f.code for f in inside.report.findings}
    assert "PO003" not in {f.code for f in outside.report.findings}


def test_party_political_publicity_is_blocked_all_year(loughton: Town) -> None:
    text = "Vote Labour on Thursday to keep the library open!"
    checked = check_text(loughton.council, text, role="officer",
                         when=at(dt.date.today() + dt.timedelta(days=30)))
    assert any(f.code in {"PO001", "PO002"} and f.severity.value == "block" for f in checked.report.findings)


def test_an_earlier_notice_starts_the_period_earlier_and_a_later_one_is_refused(loughton: Town) -> None:
    poll = far_poll()
    latest = latest_notice(poll)
    clerk = signed_in(loughton.clerk)
    late = clerk.post("/elections/", {"kind": "ordinary", "name": "Town elections", "poll": poll.isoformat(),
                                      "notice": (latest + dt.timedelta(days=1)).isoformat()})
    assert late.status_code == 400
    assert f"published by {latest:%d %B %Y}" in late.content.decode()
    early = latest - dt.timedelta(days=7)
    clerk.post("/elections/", {"kind": "ordinary", "name": "Town elections", "poll": poll.isoformat(),
                               "notice": early.isoformat()})
    election = Election.objects.get(council=loughton.council)
    assert election.period_start == early
    day_before_latest = at(latest - dt.timedelta(days=1))
    assert "PO003" in {f.code for f in check_text(loughton.council, PRAISE, role="officer",
                                                  when=day_before_latest).report.findings}
    event = AuditEvent.objects.get(action="election.added", council=loughton.council)
    assert event.details["period_start"] == early.isoformat()


def test_overlapping_elections_each_have_their_own_period(loughton: Town) -> None:
    poll = far_poll()
    by_election = poll - dt.timedelta(days=70)
    for kind, name, day in ((Kind.ORDINARY, "Town elections", poll),
                            (Kind.BY_ELECTION, "Roding ward by-election", by_election),
                            (Kind.PCC, "Essex PCC election", poll)):
        services.add_election(loughton.council, loughton.clerk, kind=kind, name=name, poll=day)
    for day, expected in ((by_election - dt.timedelta(days=2), True),
                          (by_election + dt.timedelta(days=3), False),
                          (poll - dt.timedelta(days=2), True)):
        report = check_text(loughton.council, PRAISE, role="officer", when=at(day)).report
        found = {f.code for f in report.findings}
        assert ("PO003" in found) is expected, day
    page = signed_in(loughton.clerk).get("/elections/").content.decode()
    assert "Roding ward by-election" in page and "Essex PCC election" in page


def test_a_general_election_uses_the_parliamentary_timetable(loughton: Town) -> None:
    poll = dt.date(2027, 6, 10)
    election = Election(kind=Kind.GENERAL, poll=poll)
    assert election.latest_notice == working_days_before(poll, 22)
    assert Election(kind=Kind.DISTRICT, poll=poll).latest_notice == working_days_before(poll, 25)


def test_a_withdrawn_election_stops_the_period(loughton: Town) -> None:
    poll = far_poll()
    election = services.add_election(loughton.council, loughton.clerk, kind=Kind.BY_ELECTION,
                                     name="Roding ward by-election", poll=poll)
    response = signed_in(loughton.clerk).post(f"/elections/{election.pk}", {
        "kind": "by-election", "name": "Roding ward by-election",
        "poll": poll.isoformat()})  # "going ahead" left unticked
    assert response.status_code == 302
    found = {f.code for f in check_text(loughton.council, PRAISE, role="officer",
                                        when=at(poll - dt.timedelta(days=2))).report.findings}
    assert "PO003" not in found
    assert AuditEvent.objects.filter(action="election.changed", council=loughton.council).exists()


def test_the_clerk_is_offered_the_next_ordinary_elections(loughton: Town) -> None:
    clerk = signed_in(loughton.clerk)
    page = clerk.get("/elections/").content.decode()
    first = next_ordinary_polls(dt.date.today())[0]
    assert f'value="{first.isoformat()}"' in page
    assert clerk.post("/elections/ordinary", {"poll": first.isoformat()}).status_code == 302
    election = Election.objects.get(council=loughton.council)
    assert election.kind == Kind.ORDINARY and election.poll == first
    assert "next ordinary elections" not in clerk.get("/elections/").content.decode()
    assert clerk.post("/elections/ordinary", {"poll": "1999-05-06"}).status_code == 400


def test_inside_a_period_every_page_says_so_and_the_clerk_can_pause_from_there(loughton: Town) -> None:
    poll = dt.date.today() + dt.timedelta(days=10)
    Election.objects.create(council=loughton.council, kind=Kind.BY_ELECTION, name="Roding ward by-election",
                            poll=poll)
    officer_page = signed_in(loughton.officer).get("/posts/archive").content.decode()
    assert "Pre-election period" in officer_page and "Roding ward by-election" in officer_page
    assert "Pause all publishing until the poll" not in officer_page
    clerk = signed_in(loughton.clerk)
    page = clerk.get("/").content.decode()
    assert "closing comments on the council" in page and "Pause all publishing until the poll" in page
    assert clerk.post("/elections/pause").status_code == 302
    loughton.council.refresh_from_db()
    assert loughton.council.publishing_paused and "Roding ward by-election" in loughton.council.paused_reason
    assert signed_in(loughton.officer).post("/elections/pause").status_code == 403


def test_no_banner_outside_a_period_and_another_councils_elections_are_not_found(
        loughton: Town, ludgershall: Town) -> None:
    theirs = services.add_election(ludgershall.council, ludgershall.clerk, kind=Kind.BY_ELECTION,
                                   name="Castle ward by-election",
                                   poll=dt.date.today() + dt.timedelta(days=5))
    clerk = signed_in(loughton.clerk)
    assert "Pre-election period" not in clerk.get("/").content.decode()
    assert clerk.get(f"/elections/{theirs.pk}").status_code == 404
    assert signed_in(loughton.officer).get("/elections/").status_code == 403
