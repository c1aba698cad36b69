"""The council's registers as the engine's context wants them: councillors, partners, the
controversial issues, the council's own contacts and the elections that cover its area.

Every check reads them, and the live check runs on every pause in typing, so the three read
from other tables are kept for a few seconds per process: five ORM queries cost several times
the engine's own check. A change saved in this process is seen at once (the signals below); one
saved in another server process at most ``FRESH_SECONDS`` later."""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Any

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from civicpost.desk.councils.models import Council

FRESH_SECONDS = 5.0
_kept: dict[tuple[int, dt.date], tuple[float, dict[str, Any]]] = {}
_lock = threading.Lock()


def registers(council: Council) -> dict[str, Any]:
    today = timezone.localdate()
    read = _read_tables(council, today)
    return {
        "councillors": list(read["councillors"]),
        "partners": [dict(p) for p in read["partners"]],
        "controversial_issues": council.issue_lines(),
        "council_contacts": council.contact_lines(),
        "elections": [dict(e) for e in read["elections"]],
    }


def _read_tables(council: Council, today: dt.date) -> dict[str, Any]:
    key = (council.pk, today)
    now = time.monotonic()
    with _lock:
        kept = _kept.get(key)
    if kept is not None and now - kept[0] < FRESH_SECONDS:
        return kept[1]
    from civicpost.desk.elections.calendar import for_engine
    from civicpost.desk.people.models import Organisation
    from civicpost.desk.people.register import councillor_names

    read = {
        "councillors": councillor_names(council),
        "partners": [{"name": name, "approved": organisation.approved}
                     for organisation in Organisation.objects.filter(council=council, active=True)
                     for name in organisation.names()],
        "elections": for_engine(council, today),
    }
    with _lock:
        _kept[key] = (now, read)
    return read


def forget(council_id: int | None = None) -> None:
    """Drop what is kept for one council (or every council)."""
    with _lock:
        for key in [k for k in _kept if council_id is None or k[0] == council_id]:
            del _kept[key]


def _changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    forget(instance.pk if isinstance(instance, Council) else getattr(instance, "council_id", None))


def connect_signals() -> None:
    """Called once from the app's ready(): any save of what the registers read forgets them."""
    from django.contrib.auth import get_user_model

    from civicpost.desk.councils.models import Membership
    from civicpost.desk.elections.models import Election
    from civicpost.desk.people.models import Organisation, Person

    # A user's name is on every council they belong to: forget them all.
    for model in (Council, Membership, Election, Organisation, Person, get_user_model()):
        post_save.connect(_changed, sender=model, dispatch_uid=f"registers-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"registers-del-{model.__name__}")
