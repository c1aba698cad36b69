"""The scale benchmark's engine-side measurements: checking through the desk, and triage.

**Checking.** N processes, each with the desk set up on the benchmark's database, check a share
of the councils' posts through ``civicpost.desk.posts.checking.check_text``, the one path every
check in the desk takes: the council's current policy version and registers are read from the
database, and the engine's full check runs under that council's own pack. The checks come
interleaved across councils, as officers at many councils type at once. Each process first
checks one text for every council (a long-running server has seen them all), then all wait at
a start signal; the time runs from the signal to the last process's last check. Each process
reports how often the parsed-pack cache (``policies.models._parsed``) answered.

**Triage.** The councils' messages through ``civicpost.engine.triage.triage_many`` with its own
``processes`` (the pool's start is in the time, as it is for a caller).

The functions run in spawned processes, so this module imports Django only inside them.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import queue
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

CheckJob = tuple[int, str, str, str]  # council id, text, kind, when (ISO)


@dataclass(frozen=True)
class CheckRun:
    processes: int
    checks: int
    seconds: float
    cache_hits: int
    cache_misses: int
    verdicts: Counter[str]
    queries_per_check: int = 0

    @property
    def rate(self) -> float:
        return self.checks / self.seconds if self.seconds else 0.0


def _check_process(jobs: Sequence[CheckJob], go: Any, results: Any) -> None:
    try:
        from civicpost.cli.desk import setup_django

        setup_django(migrate=False)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from civicpost.desk.councils.models import Council, Role
        from civicpost.desk.policies.models import _parsed
        from civicpost.desk.posts.checking import check_text

        councils = {council.pk: council for council in Council.objects.all()}
        for council in councils.values():
            check_text(council, "The village hall is open on Saturday from 10am.", role=Role.OFFICER)
        with CaptureQueriesContext(connection) as captured:
            check_text(next(iter(councils.values())), "The library opens at 9am.", role=Role.OFFICER)
    except Exception as exc:  # the parent reports it and stops waiting
        results.put(("failed", f"{type(exc).__name__}: {exc}".splitlines()[0][:300]))
        return
    before = _parsed.cache_info()
    verdicts: Counter[str] = Counter()
    results.put(("ready", os.getpid()))
    go.wait()
    for council_id, text, kind, when in jobs:
        checked = check_text(councils[council_id], text, role=Role.OFFICER, kind=kind,
                             when=dt.datetime.fromisoformat(when))
        verdicts[checked.report.verdict] += 1
    finished = time.monotonic()
    after = _parsed.cache_info()
    results.put(("done", (len(jobs), finished, after.hits - before.hits, after.misses - before.misses,
                          verdicts, len(captured.captured_queries))))


class MeasureError(Exception):
    """A measuring process could not do its part; the message says why."""


def measure_checking(jobs: Sequence[CheckJob], processes: int, timeout: float = 900) -> CheckRun:
    context = multiprocessing.get_context("spawn")
    go = context.Event()
    results = context.Queue()
    shares = [list(jobs[i::processes]) for i in range(processes)]
    workers = [context.Process(target=_check_process, args=(share, go, results)) for share in shares]
    for worker in workers:
        worker.start()
    try:
        ready = 0
        while ready < processes:
            what, detail = _next(results, workers, timeout)
            if what == "failed":
                raise MeasureError(f"a checking process failed while starting: {detail}")
            ready += 1
        started = time.monotonic()
        go.set()
        reports: list[Any] = []
        while len(reports) < processes:
            what, detail = _next(results, workers, timeout)
            reports.append(detail)
    finally:
        for worker in workers:
            worker.join(timeout=30)
            if worker.is_alive():
                worker.kill()
    verdicts: Counter[str] = Counter()
    for report in reports:
        verdicts.update(report[4])
    return CheckRun(processes, sum(r[0] for r in reports), max(r[1] for r in reports) - started,
                    sum(r[2] for r in reports), sum(r[3] for r in reports), verdicts, reports[0][5])


def measure_engine_alone(jobs: Sequence[CheckJob], inputs: dict[int, tuple[Any, dict[str, Any]]]) -> CheckRun:
    """The same checks straight through ``engine.check`` in this one process, each council's
    parsed pack and registers read beforehand: what the desk's path adds is the difference."""
    from civicpost.engine import check

    prepared = [(text, {**inputs[council][1][kind], "date": when[:10]}, inputs[council][0])
                for council, text, kind, when in jobs]
    verdicts: Counter[str] = Counter()
    started = time.perf_counter()
    for text, context, pack in prepared:
        verdicts[check(text, context, pack).verdict] += 1
    return CheckRun(1, len(prepared), time.perf_counter() - started, 0, 0, verdicts)


def _next(results: Any, workers: list[Any], timeout: float) -> tuple[str, Any]:
    """The next report of a measuring process, or MeasureError if one died without one."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            return results.get(timeout=1.0)  # type: ignore[no-any-return]
        except queue.Empty:
            dead = [w for w in workers if w.exitcode not in (None, 0)]
            if dead:
                raise MeasureError(f"a checking process stopped (exit status {dead[0].exitcode})") from None
    raise MeasureError(f"no word from the checking processes in {timeout:.0f} s")


@dataclass(frozen=True)
class TriageRun:
    processes: int
    messages: int
    seconds: float
    labels: Counter[str]
    urgent: int
    errors: int

    @property
    def rate(self) -> float:
        return self.messages / self.seconds if self.seconds else 0.0


def measure_triage(messages: Sequence[tuple[str, Any]], processes: int) -> TriageRun:
    from civicpost.engine.triage import Triage, triage_many

    labels: Counter[str] = Counter()
    urgent = errors = 0
    started = time.perf_counter()
    for outcome in triage_many(messages, processes=processes, chunksize=500):
        if isinstance(outcome, Triage):
            labels.update(outcome.label_names)
            urgent += outcome.urgent
        else:
            errors += 1
    return TriageRun(processes, len(messages), time.perf_counter() - started, labels, urgent, errors)


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
