"""The council's election calendar as the rest of the desk reads it."""

from __future__ import annotations

import datetime as dt

from civicpost.desk.elections.models import Election

# An election long past no longer matters to any check; a post is checked for today or its
# scheduled time, and the desk never schedules a post years back.
KEEP_FOR_CHECKS = dt.timedelta(days=400)


def for_engine(council: object, today: dt.date) -> list[dict[str, str]]:
    """The elections as the engine's context wants them: [{"poll", "notice", "name"}]."""
    rows = Election.objects.filter(council=council, active=True, poll__gte=today - KEEP_FOR_CHECKS)
    return [e.for_engine() for e in rows]


def periods_on(council: object, day: dt.date) -> list[Election]:
    """The elections whose pre-election period covers ``day``."""
    rows = Election.objects.filter(council=council, active=True, poll__gte=day)
    return [e for e in rows if e.covers(day)]


def upcoming(council: object, today: dt.date) -> list[Election]:
    return list(Election.objects.filter(council=council, active=True, poll__gte=today).order_by("poll"))
