"""The scale benchmark's publishing runs: approved posts through the outbox to the loopback
Mastodon stand-in, by N ``civicpost worker`` processes (or N Celery workers and a scheduler).

One run:

1. K approved posts are released with ``publishing.publish_now``, as an officer pressing
   Publish does; their publications are held back (``next_attempt`` a day ahead) while
2. the N workers start against the same PostgreSQL database; once every one of them is up (its
   heartbeat written, or it answers a Celery ping), the hold is lifted in one update and the
   clock starts. In Celery mode each release would have nudged the outbox once
   (``tasks.nudge_outbox``), so K nudges are sent at that moment as the releases would have.
3. The clock stops when every publication is ``published``. Meanwhile ``pg_stat_activity`` is
   sampled for sessions waiting on a lock.
4. Checked afterwards: each post made exactly one status on its council's account (counted on
   the stand-in by idempotency key and by text), the desk's record of each publication names a
   status the server holds with the post's text, each post is ``published`` with its audit event,
   and (at the end of the benchmark) every audit chain still verifies.

Import this module only after Django is set up.
"""

from __future__ import annotations

import datetime as dt
import itertools
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import close_old_connections, connection
from django.utils import timezone

from benchmarks.scale_mastodon import MastodonStandIn
from benchmarks.scale_report import cpu_times, machine_busy
from civicpost.desk.audit.models import AuditEvent
from civicpost.desk.jobs.models import WorkerHeartbeat
from civicpost.desk.posts import publishing
from civicpost.desk.posts.models import Post, Publication, Status

DELIVER = "civicpost.desk.posts.delivery.deliver_queued"


@dataclass
class PublishRun:
    mode: str
    workers: int
    posts: int
    queue_seconds: float = 0.0
    start_seconds: float = 0.0
    seconds: float = 0.0
    finished: bool = False
    states: Counter[str] = field(default_factory=Counter)
    statuses_made: int = 0
    status_posts: int = 0
    instance_reads: int = 0
    inbox_fetches: int = 0
    keys_sent_again: int = 0
    answered_from_key: int = 0
    duplicate_texts: int = 0
    mismatched: int = 0
    audit_events: int = 0
    refused: Counter[int] = field(default_factory=Counter)
    lock_samples: int = 0
    samples: int = 0
    most_waiting: int = 0
    waiting_on: Counter[str] = field(default_factory=Counter)
    ticks: int = 0
    stopping: list[str] = field(default_factory=list)
    busy: float | None = None  # the machine's CPU in use while sending
    scans: list[tuple[str, int, int]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.posts / self.seconds if self.finished and self.seconds else 0.0

    @property
    def correct(self) -> bool:
        return (self.finished and self.statuses_made == self.posts and not self.duplicate_texts
                and not self.mismatched and self.audit_events == self.posts and not self.errors)


def queue(post_ids: list[int]) -> tuple[list[int], float]:
    """Release every post as its author would, the councils' posts taking turns (as releases
    across many councils arrive); returns the publications and the seconds taken."""
    by_council: dict[int, list[Post]] = {}
    for post in Post.objects.filter(pk__in=post_ids).select_related("author").order_by("pk"):
        by_council.setdefault(post.council_id, []).append(post)
    in_turn = [post for round_ in itertools.zip_longest(*by_council.values()) for post in round_ if post]
    started = time.perf_counter()
    for post in in_turn:
        publishing.publish_now(post, post.author)
    publications = list(Publication.objects.filter(post_id__in=post_ids).values_list("pk", flat=True))
    Publication.objects.filter(pk__in=publications).update(next_attempt=timezone.now() + dt.timedelta(days=1))
    return publications, time.perf_counter() - started


def _lock_waits() -> list[str]:
    """What each session of the benchmark's database that waits on a lock is running."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 110) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                       "AND wait_event_type = 'Lock'")
        return [row[0] for row in cursor.fetchall()]


def table_reads() -> Counter[tuple[str, str]]:
    """Sequential scans and the rows they read, per table, so far (PostgreSQL's statistics)."""
    time.sleep(1.0)  # sessions report their statistics within a second of finishing
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT relname, seq_scan, seq_tup_read FROM pg_stat_user_tables")
        reads: Counter[tuple[str, str]] = Counter()
        for table, scans, rows in cursor.fetchall():
            reads[(table, "scans")], reads[(table, "rows")] = int(scans or 0), int(rows or 0)
    return reads


def biggest_scans(before: Counter[tuple[str, str]], after: Counter[tuple[str, str]],
                  most: int = 3) -> list[tuple[str, int, int]]:
    """The tables read most by sequential scans between two readings: (table, scans, rows)."""
    delta = after - before
    tables = {table for table, _ in delta}
    found = [(table, delta[(table, "scans")], delta[(table, "rows")]) for table in tables]
    return sorted((f for f in found if f[2]), key=lambda f: -f[2])[:most]


def _stop(processes: list[subprocess.Popen[bytes]], logs: list[Path]) -> list[str]:
    problems = []
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            problems.append(f"worker {process.pid} did not stop within 60 s of SIGTERM (killed)")
    for log in logs:
        text = log.read_text(encoding="utf-8", errors="replace")
        if "Traceback" in text:
            problems.append(f"{log.name}: " + text.strip().splitlines()[-1][:300])
    return problems


def _start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    # A log file, not a pipe: a worker that logs a lot must never block on a full pipe.
    with log.open("wb") as handle:
        return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=handle)


def run(mode: str, workers: int, post_ids: list[int], *, env: dict[str, str], stand_in: MastodonStandIn,
        interval: float, timeout: float, celery_app: Any = None) -> PublishRun:
    result = PublishRun(mode, workers, len(post_ids))
    publications, result.queue_seconds = queue(post_ids)
    made_before, tally_before = stand_in.snapshot()
    reads_before = table_reads()
    cli = [sys.executable, "-m", "civicpost.cli"]
    logs = [Path(env["CIVICPOST_INSTANCE"]) / f"{mode}-{workers}-worker-{n}.log" for n in range(workers)]
    began = time.monotonic()
    if mode == "celery":
        processes = [_start([*cli, "worker", "--concurrency", "1"], env, log) for log in logs]
        logs.append(Path(env["CIVICPOST_INSTANCE"]) / f"{mode}-{workers}-scheduler.log")
        processes.append(_start([*cli, "scheduler"], env, logs[-1]))
    else:
        processes = [_start([*cli, "worker", "--interval", str(interval)], env, log) for log in logs]
    try:
        if not _wait_until_up(mode, processes[:workers], celery_app, result):
            return result
        result.start_seconds = time.monotonic() - began
        started, cpu = time.monotonic(), cpu_times()
        Publication.objects.filter(pk__in=publications).update(next_attempt=timezone.now())
        if mode == "celery":
            for _ in post_ids:  # the nudge each release would have sent (tasks.nudge_outbox)
                celery_app.send_task("civicpost.duty", args=[DELIVER])
        left = len(publications)
        while left and time.monotonic() - started < timeout:
            time.sleep(0.2)
            left = Publication.objects.filter(pk__in=publications).exclude(
                state=Publication.State.PUBLISHED).count()
            waiting = _lock_waits()
            result.samples += 1
            result.lock_samples += bool(waiting)
            result.most_waiting = max(result.most_waiting, len(waiting))
            result.waiting_on.update(waiting)
        result.seconds = time.monotonic() - started
        result.busy = machine_busy(cpu)
        result.finished = left == 0
        if mode != "celery":
            names = [f"{socket.gethostname()}:{p.pid}" for p in processes]
            result.ticks = sum(WorkerHeartbeat.objects.filter(name__in=names).values_list("ticks", flat=True))
    finally:
        if celery_app is not None:
            celery_app.control.purge()  # the nudges nobody needs any more: let the workers stop
        result.stopping += _stop(processes, logs)
        close_old_connections()
    result.scans = biggest_scans(reads_before, table_reads())
    _check(result, post_ids, publications, stand_in, made_before, tally_before)
    return result


def _wait_until_up(mode: str, processes: list[subprocess.Popen[bytes]], celery_app: Any,
                   result: PublishRun, limit: float = 120) -> bool:
    names = [f"{socket.gethostname()}:{p.pid}" for p in processes]
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in processes):
            result.errors.append("a worker stopped while starting")
            return False
        if mode == "celery":
            if len(celery_app.control.ping(timeout=0.5)) >= len(processes):
                return True
        elif WorkerHeartbeat.objects.filter(name__in=names).count() == len(processes):
            return True
        time.sleep(0.2)
    result.errors.append(f"the workers were not all up after {limit:.0f} s")
    return False


def _check(result: PublishRun, post_ids: list[int], publications: list[int], stand_in: MastodonStandIn,
           made_before: int, tally_before: Any) -> None:
    made_after, tally = stand_in.snapshot()
    made = stand_in.statuses()[made_before:made_after]
    result.statuses_made = len(made)
    asked = tally.requests - tally_before.requests
    result.status_posts = asked["POST /api/v1/statuses"]
    result.instance_reads = asked["GET /api/v2/instance"]
    result.inbox_fetches = asked["GET /api/v1/notifications"]
    result.answered_from_key = tally.answered_from_key - tally_before.answered_from_key
    result.keys_sent_again = sum(1 for key, n in tally.posts_per_key.items()
                                 if n - tally_before.posts_per_key.get(key, 0) > 1)
    result.refused = tally.refused - tally_before.refused
    by_text = Counter((s.account.username, s.text) for s in made)
    result.duplicate_texts = sum(n - 1 for n in by_text.values())
    held = {s.id: s for s in stand_in.statuses()}
    rows = Publication.objects.filter(pk__in=publications).select_related("version", "channel")
    for publication in rows:
        result.states[publication.state] += 1
        status = held.get(publication.external_id)
        if (status is None or status.text != publication.version.text
                or f"@{status.account.username}" != publication.channel.handle):
            result.mismatched += 1
    published = Post.objects.filter(pk__in=post_ids, status=Status.PUBLISHED).count()
    if published != len(post_ids):
        result.errors.append(f"{len(post_ids) - published} posts are not marked published")
    result.audit_events = AuditEvent.objects.filter(
        action="post.published", subject_type="post", subject_id__in=[str(pk) for pk in post_ids]).count()


def redis_database(url: str) -> str | None:
    """The Redis URL with an empty database number of its server, or None if none answers."""
    import redis

    base = url.rsplit("/", 1)[0] if url.count("/") > 2 else url
    try:
        for number in range(15, 0, -1):
            client = redis.Redis.from_url(f"{base}/{number}", socket_connect_timeout=1)
            if client.dbsize() == 0:
                return f"{base}/{number}"
    except redis.RedisError:
        return None
    return None


def celery_app(url: str) -> Any:
    from celery import Celery

    app = Celery("civicpost-scale-benchmark", broker=url)
    app.conf.update(broker_connection_retry_on_startup=True, task_ignore_result=True)
    return app


def environment(base: dict[str, str], mode: str, redis_url: str, duty_seconds: float) -> dict[str, str]:
    env = {**base, "CIVICPOST_JOBS": mode}
    if mode == "celery":
        env |= {"CIVICPOST_REDIS_URL": redis_url, "CIVICPOST_DUTY_SECONDS": str(duty_seconds)}
    env.pop("CIVICPOST_FAULT", None)
    return env
