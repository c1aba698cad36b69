"""Changes to the election calendar, each audited in one transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from civicpost.desk.audit.log import record
from civicpost.desk.councils import services as council_services
from civicpost.desk.councils.models import Council, Membership, Role
from civicpost.desk.elections.models import Election

FIELDS = ("kind", "name", "poll", "notice", "notes", "active")
FURTHEST_AHEAD_YEARS = 6


class NotAllowed(Exception):
    """The change is not allowed; the message says why."""


def _require_clerk(council: Council, actor: Any) -> None:
    if not Membership.objects.filter(council=council, user=actor, role=Role.CLERK, active=True).exists():
        raise NotAllowed("Only the Town Clerk can change the election calendar")


def _check(election: Election) -> None:
    today = timezone.localdate()
    if election.poll > dt.date(today.year + FURTHEST_AHEAD_YEARS, today.month, min(today.day, 28)):
        raise NotAllowed(f"A poll on {election.poll:%d %B %Y} is more than {FURTHEST_AHEAD_YEARS} years away")
    if election.notice is not None:
        if election.notice > election.poll:
            raise NotAllowed("The notice of election is published before the poll")
        if election.notice > election.latest_notice:
            raise NotAllowed("By law the notice of election is published by "
                             f"{election.latest_notice:%d %B %Y} "
                             f"for a poll on {election.poll:%d %B %Y}: check the date it was published")
        if election.notice < election.poll - dt.timedelta(days=365):
            raise NotAllowed("The notice of election is published in the weeks before the poll, "
                             "not a year ahead")
    twin = Election.objects.filter(council=election.council, kind=election.kind, poll=election.poll,
                                   name__iexact=election.name, active=True).exclude(pk=election.pk)
    if election.active and twin.exists():
        raise NotAllowed(f"{election.name} on {election.poll:%d %B %Y} is in the calendar already")


@transaction.atomic
def add_election(council: Council, actor: Any, **fields: Any) -> Election:
    _require_clerk(council, actor)
    election = Election(council=council, created_by=actor, **fields)
    _check(election)
    election.save()
    record("election.added", actor=actor, council=council, subject=election,
           summary=f"Election added: {election} (pre-election period from {election.period_start:%d %B %Y})",
           details={**{k: getattr(election, k) for k in FIELDS}, "period_start": election.period_start})
    return election


@transaction.atomic
def update_election(election: Election, actor: Any, changes: dict[str, Any]) -> None:
    _require_clerk(election.council, actor)
    election = Election.objects.select_for_update().get(pk=election.pk)
    changed = {k: {"from": getattr(election, k), "to": v} for k, v in changes.items()
               if getattr(election, k) != v}
    if not changed:
        return
    for key, value in changes.items():
        setattr(election, key, value)
    _check(election)
    election.save()
    record("election.changed", actor=actor, council=election.council, subject=election,
           summary=f"{election}: {', '.join(changed)} changed; period from {election.period_start:%d %B %Y}",
           details=changed)


def pause_for_period(council: Council, actor: Any, elections: list[Election]) -> None:
    """The Clerk's "pause all publishing" for a pre-election period, from the calendar's banner."""
    names = "; ".join(f"{e.name} on {e.poll:%d %B}" for e in elections)
    try:
        council_services.pause_publishing(council, actor, f"Pre-election period: {names}")
    except council_services.NotAllowed as exc:
        raise NotAllowed(str(exc)) from None
