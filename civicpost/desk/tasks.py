"""The scale-out path: the worker's duties as Celery tasks on Redis (``CIVICPOST_JOBS=celery``).

Correctness does not depend on the broker: every duty claims its work with conditional updates,
so a task delivered twice, or run by two workers at once, does the work once. Celery brings many
workers on many machines and a scheduler (``civicpost scheduler``, Celery beat) that asks for each
duty every few seconds; the outbox is also nudged the moment a post is released.
"""

from __future__ import annotations

import os

from celery import Celery
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicpost.desk.settings")

app = Celery("civicpost")
app.conf.update(
    broker_url=os.environ.get("CIVICPOST_REDIS_URL", "redis://localhost:6379/0"),
    task_ignore_result=True,
    task_acks_late=True,  # a worker killed mid-task leaves it for another
    worker_prefetch_multiplier=1,
    broker_connection_retry_on_startup=True,
    timezone="UTC",
)

DUTY_SECONDS = float(os.environ.get("CIVICPOST_DUTY_SECONDS", "5"))


@app.task(name="civicpost.duty")
def run_duty(path: str) -> object:
    """Run one of the worker's duties (a dotted path from ``jobs.worker.duties``) once."""
    from civicpost.desk.jobs.worker import duties, release_connection

    wanted = dict((f"{fn.__module__}.{fn.__name__}", fn) for _, fn in duties())
    if path not in wanted:
        raise ValueError(f"not a duty of this installation: {path}")
    try:
        return wanted[path]()
    finally:
        release_connection()


@app.on_after_finalize.connect
def _schedule(sender: Celery, **_: object) -> None:
    import django

    django.setup()
    from civicpost.desk.jobs.worker import duties

    for _, duty in duties():
        path = f"{duty.__module__}.{duty.__name__}"
        sender.add_periodic_task(DUTY_SECONDS, run_duty.s(path), name=path)


def nudge_outbox() -> None:
    """Ask a worker to send what was just released, without waiting for the next round."""
    if getattr(settings, "CIVICPOST_JOBS", "database") == "celery":
        run_duty.delay("civicpost.desk.posts.delivery.deliver_queued")
