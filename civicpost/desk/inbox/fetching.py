"""The worker's inbox duty: fetch what came in on each active channel through its connector.

Each channel is claimed with a conditional update, so two workers never fetch the same channel
at once. The messages are stored and the channel's cursor saved in one transaction, the cursor
last: if storing fails, the next fetch asks again from the old cursor and nothing is lost (the
same message arriving twice adds nothing). A platform that fails is tried again later, sooner
for a rate limit or an outage than for revoked credentials.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from civicpost.connectors import ConnectorError
from civicpost.connectors.credentials import CredentialsError
from civicpost.desk.channels import transport
from civicpost.desk.channels.models import ChannelAccount, Platform
from civicpost.desk.inbox import arrival
from civicpost.desk.inbox.arrival import Arriving
from civicpost.desk.inbox.models import Arrival, ChannelFetch

log = logging.getLogger("civicpost.inbox")

CLAIM_STALE = dt.timedelta(minutes=10)
MOST_WAIT = dt.timedelta(hours=1)
PER_ROUND = 50


def fetch_every() -> dt.timedelta:
    return dt.timedelta(seconds=getattr(settings, "CIVICPOST_INBOX_FETCH_SECONDS", 120))


def fetch_channels(now: dt.datetime | None = None) -> int:
    """Fetch every channel whose time has come; returns how many messages were stored."""
    now = now or timezone.now()
    fetchable = ChannelAccount.objects.filter(active=True).exclude(platform=Platform.MANUAL)
    missing = fetchable.filter(inbox_fetch__isnull=True).values_list("pk", flat=True)
    ChannelFetch.objects.bulk_create([ChannelFetch(channel_id=pk, next_fetch=now) for pk in missing],
                                     ignore_conflicts=True)
    due = (ChannelFetch.objects.filter(channel__in=fetchable, next_fetch__lte=now)
           .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_STALE))
           .order_by("next_fetch"))
    worker = f"{socket.gethostname()}:{os.getpid()}"
    stored = 0
    for row in list(due[:PER_ROUND]):
        claimed = ChannelFetch.objects.filter(pk=row.pk, claimed_at=row.claimed_at).update(
            claimed_by=worker, claimed_at=now)
        if not claimed:
            continue  # another worker has it
        try:
            stored += fetch_one(row.channel_id, now)
        except Exception as exc:  # one channel's failure never stops the others
            log.exception("fetching channel %s failed", row.channel_id)
            _failed(row.pk, now, f"unexpected error: {exc}", permanent=False)
    return stored


def fetch_one(channel_id: int, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    channel = ChannelAccount.objects.select_related("council").get(pk=channel_id)
    row = ChannelFetch.objects.get(channel=channel)
    try:
        fetched = transport.connector(channel).fetch(channel.fetch_cursor or None)
    except ConnectorError as exc:
        reason = f"{exc.message}" + (f" ({exc.platform_reason})" if exc.platform_reason else "")
        _failed(row.pk, now, reason, permanent=exc.permanent, retry_after=exc.retry_after)
        return 0
    except CredentialsError as exc:
        _failed(row.pk, now, str(exc), permanent=True)
        return 0
    with transaction.atomic():
        imported = 0
        if fetched.messages:
            stored = arrival.store(channel.council, channel,
                                   [Arriving.from_platform(m) for m in fetched.messages],
                                   source=Arrival.Source.FETCH, notes=fetched.notes)
            imported = stored.imported
        if fetched.cursor is not None:
            # Saved only now, after the messages it covers are stored, in the same transaction.
            ChannelAccount.objects.filter(pk=channel.pk).update(fetch_cursor=fetched.cursor[:500])
        ChannelFetch.objects.filter(pk=row.pk).update(
            last_fetched=now, last_error="", last_notes=list(fetched.notes), failures=0,
            next_fetch=now + fetch_every(), claimed_by="", claimed_at=None)
    return imported


def _failed(row_pk: int, now: dt.datetime, reason: str, *, permanent: bool,
            retry_after: float | None = None) -> None:
    row = ChannelFetch.objects.get(pk=row_pk)
    failures = row.failures + 1
    if permanent:
        wait = MOST_WAIT  # revoked credentials or a forbidden call: someone must fix it first
    elif retry_after:
        wait = dt.timedelta(seconds=retry_after)
    else:
        wait = min(MOST_WAIT, fetch_every() * (2 ** min(failures, 10)))
    ChannelFetch.objects.filter(pk=row_pk).update(
        last_error=reason[:2000], failures=failures, next_fetch=now + wait, claimed_by="",
        claimed_at=None)
    log.warning("could not fetch channel %s: %s", row.channel_id, reason)
