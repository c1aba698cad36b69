"""Scale-out: many councils on one PostgreSQL database, and how checking, triage and publishing
grow with N processes.

    python benchmarks/scale.py [--councils N] [--days N] [--publish K] [--processes 1,2,4]
                               [--celery] [--keep] [--require] [--quick]

A county association may host civicpost for hundreds of parish and town councils at once. This
creates a fresh database on the PostgreSQL server that ``DATABASE_URL`` names (such as the one
``scripts/scale-services run`` starts for it), migrates it and seeds it with ``--councils`` councils named
from the ONS parishes list, each with its policy (the two shipped packs in turn), Clerk, officers,
councillors, channels and ``--days`` of posts and incoming messages (``benchmarks/scale_seed.py``,
``benchmarks/scale_inbox.py``).
Then it measures, for each N of ``--processes``:

1. checking: posts per second through the desk's ``posts.checking.check_text`` with each
   council's own policy version, in N processes (``benchmarks/scale_measure.py``);
2. triage: the period's messages per second through ``engine.triage.triage_many``, N processes;
3. publishing: K approved posts per second through the outbox, with N ``civicpost worker``
   processes (and, with ``--celery``, N Celery workers and one scheduler on Redis) sending to a
   Mastodon stand-in on loopback (``benchmarks/scale_mastodon.py``), checked for duplicates
   (``benchmarks/scale_publish.py``).

Everything runs on this one machine: the database, the stand-in and the processes measured share
its cores, so N above the number of cores is oversubscribed. The database is dropped afterwards
unless ``--keep``. Without a reachable PostgreSQL (or the parishes data) the benchmark says so and
exits 0, or 2 with ``--require``; it exits 1 if a check of correctness failed.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import secrets
import shlex
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import scale_report  # noqa: E402
from benchmarks.scale_measure import cores  # noqa: E402

START_HINT = "run it as: scripts/scale-services run python benchmarks/scale.py ..."


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=300, help="councils to seed (300)")
    parser.add_argument("--days", type=int, default=365, help="days of posts and messages (365)")
    parser.add_argument("--checks", type=int, default=3000, help="checks measured per N (3,000)")
    parser.add_argument("--publish", type=int, default=2000, help="approved posts K sent per run (2,000)")
    parser.add_argument("--processes", default="1,2,4", help="the Ns to measure, comma-separated (1,2,4)")
    parser.add_argument("--worker-interval", type=float, default=0.2,
                        help="seconds between a worker's rounds (0.2; `civicpost worker` defaults to 5)")
    parser.add_argument("--celery", action="store_true",
                        help="also publish with Celery workers and a scheduler (needs CIVICPOST_REDIS_URL)")
    parser.add_argument("--duty-seconds", type=float, default=1.0,
                        help="with --celery: the scheduler's period for each duty (1)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds a publishing run may take (600)")
    parser.add_argument("--seed", type=int, default=20260501, help="random seed")
    parser.add_argument("--keep", action="store_true", help="keep the database and instance folder")
    parser.add_argument("--require", action="store_true",
                        help="fail (exit 2) instead of skipping when PostgreSQL or the data is missing")
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: 20 councils, 30 days, 600 checks, K = 100, N = 1, 2")
    args = parser.parse_args()
    if args.quick:
        args.councils, args.days, args.checks, args.publish, args.processes = 20, 30, 600, 100, "1,2"
    try:
        args.ns = sorted({int(n) for n in args.processes.split(",") if n.strip()})
    except ValueError:
        parser.error(f"--processes takes whole numbers separated by commas, not {args.processes!r}")
    if not args.ns or args.ns[0] < 1:
        parser.error("--processes needs at least one number, each at least 1")
    for name in ("councils", "days", "checks", "publish"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")
    if args.worker_interval < 0 or args.duty_seconds <= 0 or args.timeout <= 0:
        parser.error("--worker-interval must be 0 or more, --duty-seconds and --timeout above 0")
    return args


def _skip(args: argparse.Namespace, reason: str) -> int:
    if args.require:
        print(f"scale benchmark: {reason}", file=sys.stderr)
        return 2
    print(f"scale benchmark skipped: {reason}")
    return 0


def main() -> int:
    args = _arguments()
    server = os.environ.get("DATABASE_URL", "")
    if not server:
        return _skip(args, f"DATABASE_URL is not set; {START_HINT}")
    if not server.startswith(("postgres://", "postgresql://")):
        return _skip(args, f"DATABASE_URL names no PostgreSQL server ({urlparse(server).scheme or server}); "
                           f"{START_HINT}")
    from benchmarks.scale_texts import PARISHES

    if not PARISHES.exists():
        return _skip(args, "the parishes data (../shared/data/uk-parishes/parishes.json) is absent")
    import psycopg

    name = f"civicpost_scale_{secrets.token_hex(4)}"
    try:
        with psycopg.connect(server, autocommit=True, connect_timeout=5) as admin:
            version = str((admin.execute("SHOW server_version").fetchone() or ["?"])[0])
            admin.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return _skip(args, f"cannot reach PostgreSQL at {_safe(server)} ({reason}); {START_HINT}")
    database = urlparse(server)._replace(path=f"/{name}").geturl()
    instance = Path(tempfile.mkdtemp(prefix="civicpost-scale-"))
    try:
        return _run(args, database, instance, version)
    finally:
        if args.keep:
            print(f"\nkept: DATABASE_URL={_safe(database)} CIVICPOST_INSTANCE={instance}")
        else:
            _drop(server, name)
            shutil.rmtree(instance, ignore_errors=True)


def _safe(url: str) -> str:
    parsed = urlparse(url)
    return parsed._replace(netloc=parsed.netloc.split("@")[-1]).geturl() if parsed.password else url


def _drop(server: str, name: str) -> None:
    try:
        from django.db import connections

        connections.close_all()
    except Exception:  # Django may not have been set up when something failed early
        pass
    import psycopg

    with psycopg.connect(server, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run(args: argparse.Namespace, database: str, instance: Path, pg_version: str) -> int:
    os.environ.update({"DATABASE_URL": database, "CIVICPOST_INSTANCE": str(instance),
                       "DJANGO_SETTINGS_MODULE": "civicpost.desk.settings", "CIVICPOST_JOBS": "database"})
    os.environ.pop("CIVICPOST_FAULT", None)
    report = scale_report.Report(command=" ".join(shlex.quote(a) for a in [sys.executable, *sys.argv]),
                                 machine=_machine(pg_version), ns=args.ns, cores=cores())
    report.header()
    report.line(f"load average at the start: {scale_report.load()}")
    started = time.perf_counter()
    from civicpost.cli.desk import setup_django

    setup_django(migrate=True)
    report.line(f"fresh database migrated in {time.perf_counter() - started:.1f} s")
    from benchmarks.scale_mastodon import MastodonStandIn

    stand_in = MastodonStandIn()
    stand_in.start()
    from benchmarks.scale_measure import MeasureError

    try:
        return _seed_and_measure(args, report, stand_in)
    except MeasureError as exc:
        print(f"scale benchmark: {exc}", file=sys.stderr)
        return 1
    finally:
        stand_in.stop()


def _seed_and_measure(args: argparse.Namespace, report: scale_report.Report, stand_in: Any) -> int:
    from benchmarks import scale_inbox, scale_measure, scale_publish, scale_seed
    from benchmarks.scale_texts import CorpusPosts
    from civicpost.desk.audit.log import verify

    rng = random.Random(args.seed)
    corpus = CorpusPosts()
    timer = time.perf_counter()
    councils = scale_seed.seed_councils(args.councils, days=args.days, stand_in=stand_in, rng=rng,
                                        corpus=corpus)
    report.seeded_councils(councils, time.perf_counter() - timer)
    checker = scale_seed.BatchChecker(scale_seed.policy_raws(councils), cores())
    timer = time.perf_counter()
    posts = scale_seed.seed_posts(councils, days=args.days, checker=checker, rng=rng)
    report.seeded_posts(posts, time.perf_counter() - timer)
    messages = scale_inbox.year_of_messages(councils, days=args.days, rng=rng)
    stored = scale_inbox.seed_messages(councils, messages, cores())
    report.seeded_messages(stored)
    timer = time.perf_counter()
    chains = verify()
    report.chains("audit trail", chains, time.perf_counter() - timer)
    ok = chains.ok

    jobs = scale_seed.check_jobs(args.checks, rng)
    report.engine_alone(scale_measure.measure_engine_alone(jobs, scale_seed.engine_inputs(councils)))
    reads = scale_publish.table_reads()
    for n in args.ns:
        report.start()
        report.checking(scale_measure.measure_checking(jobs, n))
    report.line("checking, all N:" + report.scans_line(
        scale_publish.biggest_scans(reads, scale_publish.table_reads())).replace("\n   ", ""))
    triage_input = scale_inbox.triage_input(councils, messages)
    for n in args.ns:
        report.start()
        report.triage(scale_measure.measure_triage(triage_input, n))

    env = dict(os.environ)
    modes = ["database"]
    celery_app = None
    redis_url = None
    if args.celery:
        redis_url = scale_publish.redis_database(os.environ.get("CIVICPOST_REDIS_URL", ""))
        if redis_url is None:
            report.line("Celery runs skipped: no Redis with a free database at CIVICPOST_REDIS_URL "
                        f"({START_HINT})")
        else:
            modes.append("celery")
            celery_app = scale_publish.celery_app(redis_url)
    for mode in modes:
        for n in args.ns:
            post_ids = scale_seed.approved_posts(councils, args.publish, checker=checker, rng=rng)
            run_env = scale_publish.environment(env, mode, redis_url or "", args.duty_seconds)
            run = scale_publish.run(mode, n, post_ids, stand_in=stand_in, interval=args.worker_interval,
                                    timeout=args.timeout, celery_app=celery_app, env=run_env)
            report.publishing(run)
            ok = ok and run.correct
    timer = time.perf_counter()
    chains = verify()
    report.chains("after publishing, audit trail", chains, time.perf_counter() - timer)
    report.table(args.worker_interval, args.duty_seconds)
    report.line(f"load average at the end: {scale_report.load()} "
                "(other work on the machine slows every figure)")
    return 0 if ok and chains.ok else 1


def _machine(pg_version: str) -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    if hasattr(os, "sysconf") and "SC_PHYS_PAGES" in os.sysconf_names:
        memory = f", {os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') / 2**30:.0f} GiB memory"
    return (f"{platform.system()} {platform.machine()}, {cores()} cores"
            + (f" ({model})" if model else "") + memory
            + f", Python {platform.python_version()}, PostgreSQL {pg_version} on loopback")


if __name__ == "__main__":
    sys.exit(main())
