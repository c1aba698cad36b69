"""Incoming messages for the scale benchmark: a period of them for every council, stored through
the inbox's own ``arrival.store`` when the inbox app is installed, and read back for triage.
Import this module only after Django is set up."""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from benchmarks.scale_seed import SeededCouncil
from benchmarks.scale_texts import InboxTexts, IncomingText, messages_per_year


@dataclass(frozen=True)
class MessagesSeeded:
    generated: int
    stored: int
    seconds: float
    note: str


def year_of_messages(councils: list[SeededCouncil], *, days: int,
                     rng: random.Random) -> dict[int, list[IncomingText]]:
    inbox = InboxTexts()
    end = timezone.now()
    start = end - dt.timedelta(days=days)
    return {seeded.council.pk: inbox.year(seeded.words, max(1, messages_per_year(rng) * days // 365),
                                          start, end, rng, prefix=seeded.council.slug)
            for seeded in councils}


def seed_messages(councils: list[SeededCouncil], messages: dict[int, list[IncomingText]],
                  processes: int) -> MessagesSeeded:
    """Store each council's messages through the inbox's own ``arrival.store`` (one uploaded
    export per council), when the inbox app is installed; otherwise store nothing."""
    from django.apps import apps

    generated = sum(len(m) for m in messages.values())
    if not apps.is_installed("civicpost.desk.inbox"):
        return MessagesSeeded(generated, 0, 0.0, "the inbox app (civicpost/desk/inbox) is not installed "
                                                 "in the desk's settings: no messages stored")
    from civicpost.desk.inbox import arrival
    from civicpost.desk.inbox.models import Arrival

    started = time.perf_counter()
    stored = 0
    for seeded in councils:
        arriving = [arrival.Arriving(external_id=m.external_id, kind=m.kind, author_name=m.author_name,
                                     author_handle=m.author_handle, text=m.text, received=m.received)
                    for m in messages[seeded.council.pk]]
        result = arrival.store(seeded.council, seeded.manual_channels[0], arriving,
                               source=Arrival.Source.UPLOAD, actor=seeded.clerk,
                               file_name="facebook-export.json", format="facebook-json",
                               processes=processes if len(arriving) > 2000 else 1)
        stored += result.imported
    return MessagesSeeded(generated, stored, time.perf_counter() - started,
                          "stored through civicpost.desk.inbox.arrival.store")


def triage_input(councils: list[SeededCouncil],
                 messages: dict[int, list[IncomingText]]) -> list[tuple[str, Any]]:
    """Every council's messages with their triage context, oldest first: the stored ones when
    the inbox holds them, else the generated ones."""
    from django.apps import apps

    from civicpost.engine.triage import TriageContext

    register = {seeded.council.pk: seeded.words.councillors for seeded in councils}
    rows: list[tuple[Any, ...]] = []
    if apps.is_installed("civicpost.desk.inbox"):
        from civicpost.desk.inbox.models import Message

        rows = list(Message.objects.values_list("received", "council_id", "text", "kind", "channel__platform",
                                                "author_name", "author_handle"))
    if not rows:
        rows = [(m.received, council, m.text, m.kind, "facebook", m.author_name, m.author_handle)
                for council, listed in messages.items() for m in listed]
    rows.sort(key=lambda row: row[0])
    return [(text, TriageContext(received=received, kind=kind, channel=channel, author_name=name or None,
                                 author_handle=handle or None, councillors=register.get(council, ())))
            for received, council, text, kind, channel, name, handle in rows]
