"""The background worker: every few seconds it does each duty once (publish posts whose time has
come, lapse old approvals, and whatever else the installation lists in CIVICPOST_WORKER_DUTIES).

Duties claim their work with conditional updates, so any number of workers can run against one
database and no job is done twice; a duty that fails is logged and tried again next time, and
never stops the others.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.module_loading import import_string

from civicpost.desk.jobs.models import WorkerHeartbeat

log = logging.getLogger("civicpost.worker")

CORE_DUTIES = (
    "civicpost.desk.posts.publishing.release_scheduled",
    "civicpost.desk.posts.publishing.expire_approvals",
    "civicpost.desk.posts.delivery.deliver_queued",
)


def duties() -> list[tuple[str, Callable[[], object]]]:
    paths = [*CORE_DUTIES, *getattr(settings, "CIVICPOST_WORKER_DUTIES", [])]
    return [(path.rsplit(".", 1)[-1], import_string(path)) for path in paths]


def release_connection() -> None:
    """After a duty, drop a connection the database has broken or that has aged out. Inside a
    transaction (a caller's, or a test's) the connection is not the duty's to close: Django
    would close it for being out of autocommit."""
    if not connection.in_atomic_block:
        close_old_connections()


def tick(name: str = "") -> dict[str, object]:
    """Do every duty once; returns what each did (or the error it met)."""
    done: dict[str, object] = {}
    errors = []
    for label, duty in duties():
        try:
            done[label] = duty()
        except Exception as exc:  # one failing duty must not stop the rest
            log.exception("duty %s failed", label)
            errors.append(f"{label}: {exc}")
            done[label] = f"error: {exc}"
        finally:
            release_connection()
    if name:
        now = timezone.now()
        beat, _ = WorkerHeartbeat.objects.get_or_create(name=name, defaults={"started": now, "beat": now})
        WorkerHeartbeat.objects.filter(pk=beat.pk).update(beat=now, ticks=beat.ticks + 1,
                                                           last_error="; ".join(errors)[:2000])
    return done


def run(interval: float = 5.0, stop: threading.Event | None = None, once: bool = False) -> None:
    stop = stop or threading.Event()
    name = f"{socket.gethostname()}:{os.getpid()}"
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(name=name, defaults={"started": now, "beat": now, "ticks": 0})
    log.warning("civicpost worker %s started (every %.0f s)", name, interval)
    while not stop.is_set():
        started = time.monotonic()
        tick(name)
        if once:
            break
        stop.wait(max(0.0, interval - (time.monotonic() - started)))
    WorkerHeartbeat.objects.filter(name=name).delete()
    log.warning("civicpost worker %s stopped", name)
