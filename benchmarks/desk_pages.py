"""The desk's page times under many signed-in users, on the embedded default.

    python benchmarks/desk_pages.py [--posts N] [--users N] [--seconds S] [--workers N] [--threads N]
                                     [--quick]

Makes a fresh instance folder in a temporary directory, migrates it and seeds one council with
a year of posts (see ``benchmarks/desk_seed.py``) and N officers; starts the real server
(``civicpost serve``, gunicorn, SQLite in the instance folder) and the background worker as
``civicpost run`` would; signs every officer in through the sign-in page; then lets them all use
the desk at once (``benchmarks/desk_load.py``) and prints, per page, the requests, p50, p95,
p99 and maximum time in milliseconds and the errors, the throughput, the machine and whether
the compose page and the archive meet the target (DESIGN.md): p95 ≤ 150 ms under 50
concurrent users. A page time is the client's: from sending the request to the last byte of
the answer, time spent queueing in the server included; static files are not fetched (a
browser has them cached).

The clients run on the same machine as the server, so they take some of its cores: the figures
include the CPU each side used, to judge by. Exits 1 if any page answered wrongly or a user
could not sign in; a missed target alone does not fail (machines are noisy).
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import queue
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.desk_load import PAGES, ClientResult, LoadPlan, Sample, client_process  # noqa: E402
from benchmarks.posts import posts_of_280  # noqa: E402

TARGET_P95_MS = 150.0
TARGET_PAGES = ("compose", "archive", "archive search")
SEARCHES = ("library", "bins", "road closure", "allotment", "consultation", "Christmas", "meeting",
            "flood", "grant", "volunteers")
BUILT_CSS = ROOT / "civicpost" / "desk" / "frontend" / "build" / "civicpost.css"


def main() -> int:
    args = _arguments()
    if not BUILT_CSS.exists():
        print("the desk's pages are not built: run `make frontend` (or, in "
              "civicpost/desk/frontend, `npm ci && node build.mjs`) first", file=sys.stderr)
        return 2
    instance = Path(tempfile.mkdtemp(prefix="civicpost-desk-bench-"))
    try:
        return _run(args, instance)
    finally:
        if args.keep:
            print(f"\ninstance folder kept: {instance}")
        else:
            shutil.rmtree(instance, ignore_errors=True)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000, help="posts in the archive (10,000)")
    parser.add_argument("--users", type=int, default=50, help="signed-in officers at once (50)")
    parser.add_argument("--seconds", type=float, default=60, help="measured seconds (60)")
    parser.add_argument("--warmup", type=float, default=10, help="seconds discarded first (10)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2,
                        help="server processes (default: one per core, as civicpost serve)")
    parser.add_argument("--threads", type=int, default=8,
                        help="threads per server process (8, as civicpost serve)")
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean pause between a user's requests in seconds, drawn between half "
                             "and one and a half times it (1.0); 0 for none (a saturation test)")
    parser.add_argument("--client-processes", type=int, default=2,
                        help="processes the users are shared among (2)")
    parser.add_argument("--no-worker", action="store_true", help="serve the pages without the "
                                                                 "background worker beside them")
    parser.add_argument("--keep", action="store_true", help="keep the instance folder afterwards")
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: 1,000 posts, 10 users, 8 s after 2 s of warm-up")
    args = parser.parse_args()
    if args.quick:
        args.posts, args.users, args.seconds, args.warmup = 1000, 10, 8.0, 2.0
    for name in ("posts", "users", "workers", "threads", "client_processes"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    if args.seconds <= 0 or args.warmup < 0 or args.think < 0:
        parser.error("--seconds must be above 0, --warmup and --think 0 or more")
    args.client_processes = min(args.client_processes, args.users)
    return args


def _run(args: argparse.Namespace, instance: Path) -> int:
    os.environ["CIVICPOST_INSTANCE"] = str(instance)
    os.environ["DJANGO_SETTINGS_MODULE"] = "civicpost.desk.settings"
    began = time.perf_counter()
    from civicpost.cli.desk import setup_django

    setup_django(migrate=True)
    print(f"fresh instance folder migrated in {time.perf_counter() - began:.1f} s")
    from django.db import connections

    from benchmarks.desk_seed import describe, seed

    desk = seed(posts=args.posts, officers=args.users)
    connections.close_all()
    print(describe(desk))

    port = _free_port()
    env = {**os.environ, "CIVICPOST_INSTANCE": str(instance),
           # A run that crosses the end of the working day must not be signed out halfway
           # (Loughton §3 sessions); the check costs the same whatever the hour.
           "CIVICPOST_WORKING_DAY_END": "23:59"}
    log = (instance / "server.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "civicpost.cli", "serve", "--port", str(port),
                               "--workers", str(args.workers), "--threads", str(args.threads)],
                              env=env, stdout=log, stderr=log, cwd=ROOT)
    worker = None if args.no_worker else subprocess.Popen(
        [sys.executable, "-m", "civicpost.cli", "worker"], env=env, stdout=log, stderr=log, cwd=ROOT)
    try:
        base_url = f"http://127.0.0.1:{port}"
        if not _answers(base_url, server):
            print(f"the server did not start; its log:\n{_tail(instance / 'server.log')}", file=sys.stderr)
            return 1
        plan = LoadPlan(base_url=base_url, accounts=[(e, desk.password) for e in desk.officer_emails],
                        post_ids=desk.post_ids, check_texts=[t for t, _ in posts_of_280(500)],
                        searches=list(SEARCHES), warmup=args.warmup, seconds=args.seconds,
                        think=args.think, seed=7)
        results, server_cpu, worker_cpu = _load(plan, args.client_processes, server, worker)
    finally:
        for process in (worker, server):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)
        log.close()
    return _report(args, desk.post_ids, results, server_cpu, worker_cpu, instance)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(base_url: str, server: subprocess.Popen[bytes], wait_s: float = 90) -> bool:
    import requests

    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            return False
        try:
            if requests.get(f"{base_url}/sign-in", timeout=5).status_code == 200:
                return True
        except requests.RequestException:
            pass
        time.sleep(0.2)
    return False


def _tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def _load(plan: LoadPlan, processes: int, server: subprocess.Popen[bytes],
          worker: subprocess.Popen[bytes] | None) -> tuple[list[ClientResult], float, float]:
    context = get_context("spawn")
    ready = context.Barrier(processes + 1)
    results = context.Queue()
    shares = [plan.accounts[i::processes] for i in range(processes)]
    clients = [context.Process(target=client_process, daemon=True,
                               args=(_with_accounts(plan, share), index, ready, results))
               for index, share in enumerate(shares)]
    for client in clients:
        client.start()
    print(f"signing in {len(plan.accounts)} officers through the sign-in page ...", flush=True)
    try:
        ready.wait(timeout=600)
    except threading.BrokenBarrierError:
        raise SystemExit("the client processes did not all get ready within 10 minutes") from None
    cpu_before = (_cpu_seconds(server.pid), _cpu_seconds(worker.pid) if worker else 0.0)
    print(f"loading for {plan.warmup:g} s of warm-up and {plan.seconds:g} s measured ...", flush=True)
    try:
        collected = [results.get(timeout=plan.warmup + plan.seconds + 600) for _ in clients]
    except queue.Empty:
        raise SystemExit("a client process stopped without reporting its figures") from None
    server_cpu = _cpu_seconds(server.pid) - cpu_before[0]
    worker_cpu = (_cpu_seconds(worker.pid) - cpu_before[1]) if worker else 0.0
    for client in clients:
        client.join(timeout=60)
    return collected, server_cpu, worker_cpu


def _with_accounts(plan: LoadPlan, accounts: list[tuple[str, str]]) -> LoadPlan:
    return LoadPlan(**{**plan.__dict__, "accounts": accounts})


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time so far of a process and the processes under it (gunicorn's
    workers are children of its arbiter); Linux only, NaN elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return math.nan
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(_cpu_seconds(child) for child in _children(pid))


def _children(pid: int) -> list[int]:
    try:
        listed = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(child) for child in listed]


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``share`` of all at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


LABELS = {"compose": "compose   GET /posts/new", "live check": "live check POST /posts/check",
          "archive": "archive   GET /posts/archive", "archive search": "archive   GET /posts/archive?q=",
          "post page": "post page GET /posts/<id>", "dashboard": "dashboard GET /"}


def _report(args: argparse.Namespace, post_ids: list[int], results: list[ClientResult],
            server_cpu: float, worker_cpu: float, instance: Path) -> int:
    load_average = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    window_end = args.warmup + args.seconds
    samples: list[Sample] = [s for r in results for s in r.samples if args.warmup <= s.started < window_end]
    sign_in_failures = [f for r in results for f in r.sign_in_failures]
    signed_in = args.users - len(sign_in_failures)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    think = (f"each pausing {0.5 * args.think:g}–{1.5 * args.think:g} s between requests" if args.think
             else "with no pause between requests (saturation)")
    print(f"\ndesk pages: {len(post_ids):,} posts, {signed_in} officers signed in at once, {think}")
    print(f"{args.seconds:g} s measured after {args.warmup:g} s of warm-up; server: civicpost serve "
          f"(gunicorn, {args.workers} processes × {args.threads} threads), SQLite in a fresh instance folder"
          + ("" if args.no_worker else ", the worker beside it"))
    print(f"machine: {cores} cores ({_cpu_model()}), {platform.system()} {platform.release()}, "
          f"Python {platform.python_version()}; clients: {len(results)} processes, one thread a user, "
          "on the same cores as the server and competing with it for them")
    if load_average:
        print(f"load average over the last minute at the end of the load: {load_average:.1f} "
              f"(above {cores} means other work was waiting for these cores too)")
    print()
    headings = ("requests", "p50 ms", "p95 ms", "p99 ms", "max ms")
    print(f"{'page':34} " + " ".join(f"{h:>8}" for h in headings) + f" {'errors':>7}")
    p95: dict[str, float] = {}
    for page in PAGES:
        rows = [s for s in samples if s.page == page]
        p95[page] = _row(LABELS[page], rows)
    _row("all pages", samples)
    errors = [s for s in samples if s.problem]
    print(f"\nthroughput: {len(samples) / args.seconds:.1f} requests/s in the measured window")
    available = cores * window_end
    client_cpu = sum(r.cpu_seconds for r in results)
    print(f"CPU used during the load (warm-up included; {available:.0f} core-seconds available): "
          f"server {server_cpu:.1f} s, worker {worker_cpu:.1f} s, clients {client_cpu:.1f} s")
    print(f"signing in: {signed_in} officers in {max((r.sign_in_seconds for r in results), default=0):.1f} s "
          "before the load (Argon2 checks every password in full)")
    for failure in sign_in_failures[:5]:
        print(f"  could not sign in: {failure}")
    if errors:
        problems: dict[str, int] = {}
        for s in errors:
            key = f"{s.page}: {s.problem}"
            problems[key] = problems.get(key, 0) + 1
        for problem, count in sorted(problems.items(), key=lambda kv: -kv[1])[:8]:
            print(f"  {count} × {problem}")
        print(f"  (the server's log: {instance / 'server.log'}; --keep keeps it)")
    verdicts = []
    for page in TARGET_PAGES:
        value = p95.get(page, math.nan)
        if math.isnan(value):
            verdicts.append(f"{page}: not measured")
            continue
        met = "met" if value <= TARGET_P95_MS else "MISSED"
        verdicts.append(f"{page} {value:.0f} ms {met}")
    print(f"\ntarget p95 ≤ {TARGET_P95_MS:.0f} ms under {args.users} users: " + "; ".join(verdicts))
    print("command: python " + " ".join(shlex.quote(a) for a in sys.argv))
    print(f"   same as: python benchmarks/desk_pages.py --posts {args.posts} --users {args.users} "
          f"--seconds {args.seconds:g} --warmup {args.warmup:g} --workers {args.workers} "
          f"--threads {args.threads} "
          f"--think {args.think:g} --client-processes {args.client_processes}"
          + (" --no-worker" if args.no_worker else ""))
    return 1 if errors or sign_in_failures or not samples else 0


def _row(label: str, rows: list[Sample]) -> float:
    times = [s.ms for s in rows]
    failed = sum(1 for s in rows if s.problem)
    if not times:
        print(f"{label:34} {0:8d} {'-':>8} {'-':>8} {'-':>8} {'-':>8} {failed:7d}")
        return math.nan
    cells = [percentile(times, 0.50), percentile(times, 0.95), percentile(times, 0.99), max(times)]
    print(f"{label:34} {len(times):8d} " + " ".join(f"{c:8.1f}" for c in cells) + f" {failed:7d}")
    return cells[1]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    sys.exit(main())
