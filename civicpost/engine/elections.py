"""Pre-election periods: from the notice of election to the close of poll.

The statutory latest date for the notice of a local election in England is 25 working
days before the poll; Democracy Club's ``uk-election-timetables`` computes it offline,
bank holidays included. A council may publish its notice earlier, so an explicit
``notice`` date always wins over the computed one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from uk_election_timetables.calendars import Country
from uk_election_timetables.elections.local import LocalElection


def latest_notice_of_election(poll: dt.date) -> dt.date:
    """The last day on which the notice of an English local election may be published."""
    notice: dt.date = LocalElection(poll, country=Country.ENGLAND).notice_of_election_deadline
    return notice


@dataclass(frozen=True)
class Election:
    """One election covering the council's area, with its pre-election period."""

    poll: dt.date
    notice: dt.date | None = None
    name: str = ""

    @property
    def period_start(self) -> dt.date:
        return self.notice or latest_notice_of_election(self.poll)

    def covers(self, day: dt.date) -> bool:
        return self.period_start <= day <= self.poll
