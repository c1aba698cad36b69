"""The council's registers as the engine's context wants them: councillors, partners, the
controversial issues, the council's own contacts and the elections that cover its area.

Every check reads them, and the live check runs on every pause in typing, so the three read
from other tables are kept for a few seconds per process: five ORM queries cost several times
the engine's own check. Every page's banners read the policy version in force and the election
periods of today the same way (:func:`kept`). A change saved in this process is seen at once (the
signals below); one saved in another server process at most ``FRESH_SECONDS`` later."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from civicpost.desk.councils.models import Council

FRESH_SECONDS = 5.0
_kept: dict[tuple[int, dt.date, str], tuple[float, Any]] = {}
_lock = threading.Lock()
T = TypeVar("T")


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


def kept(council: Council, what: str, load: Callable[[], T], today: dt.date | None = None) -> T:
    """``load()``'s answer for this council today, read again after ``FRESH_SECONDS`` or as soon
    as this process saves anything it depends on. What it returns is shared between requests and
    threads: callers must not change it."""
    key = (council.pk, today or timezone.localdate(), what)
    now = time.monotonic()
    with _lock:
        found = _kept.get(key)
    if found is not None and now - found[0] < FRESH_SECONDS:
        return found[1]  # type: ignore[no-any-return]
    value = load()
    with _lock:
        _kept[key] = (now, value)
    return value


def _read_tables(council: Council, today: dt.date) -> dict[str, Any]:
    from civicpost.desk.elections.calendar import for_engine
    from civicpost.desk.people.models import Organisation
    from civicpost.desk.people.register import councillor_names

    return kept(council, "registers", lambda: {
        "councillors": councillor_names(council),
        "partners": [{"name": name, "approved": organisation.approved}
                     for organisation in Organisation.objects.filter(council=council, active=True)
                     for name in organisation.names()],
        "elections": for_engine(council, today),
    }, today)


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
    from civicpost.desk.policies.models import PolicyVersion

    # A user's name is on every council they belong to: forget them all.
    for model in (Council, Membership, Election, Organisation, Person, PolicyVersion, get_user_model()):
        post_save.connect(_changed, sender=model, dispatch_uid=f"registers-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"registers-del-{model.__name__}")
