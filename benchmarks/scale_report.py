"""What the scale benchmark prints: each step as it finishes, then the table of rates by N."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Report:
    command: str
    machine: str
    ns: list[int]
    cores: int
    rates: dict[str, dict[int, float]] = field(default_factory=dict)
    engine_rate: float = 0.0
    busy: dict[str, dict[int, float]] = field(default_factory=dict)
    _since: tuple[int, int] | None = None

    def line(self, text: str) -> None:
        print(text, flush=True)

    def header(self) -> None:
        self.line("civicpost scale-out benchmark")
        self.line(f"command: {self.command}")
        self.line(f"machine: {self.machine}")

    def seeded_councils(self, councils: list[Any], seconds: float) -> None:
        packs = Counter(c.pack for c in councils)
        people = sum(1 + len(c.officers) + len(c.words.councillors) for c in councils)
        self.line(f"seeded {len(councils):,} councils ("
                  + ", ".join(f"{n} on {pack}" for pack, n in sorted(packs.items()))
                  + f"), {people:,} people, {3 * len(councils):,} channels (2 by hand and Mastodon each) "
                    f"through the desk's services in {seconds:.1f} s")

    def seeded_posts(self, posts: Any, seconds: float) -> None:
        mix = ", ".join(f"{n:,} {status}" for status, n in posts.statuses.most_common())
        self.line(f"seeded {posts.posts:,} posts ({mix}); {posts.versions:,} versions with the engine's "
                  f"findings ({posts.checks:,} checks on every core); {posts.audit_events:,} audit events; "
                  f"bulk-written in {seconds:.1f} s")

    def seeded_messages(self, stored: Any) -> None:
        if stored.stored:
            self.line(f"seeded {stored.stored:,} incoming messages of {stored.generated:,} "
                      f"({stored.note}) in {stored.seconds:.1f} s")
        else:
            self.line(f"incoming messages: {stored.generated:,} generated, none stored ({stored.note}); "
                      "triage is measured on the generated ones")

    def _rate(self, row: str, n: int, rate: float, busy: float | None = None) -> None:
        self.rates.setdefault(row, {})[n] = rate
        if busy is None and self._since:
            busy = machine_busy(self._since)
        self._since = None
        if busy is not None:
            self.busy.setdefault(row, {})[n] = busy

    def start(self) -> None:
        """Mark the start of a measurement (the machine's CPU use is read from here)."""
        self._since = cpu_times()

    def checking(self, run: Any) -> None:
        self._rate("checking: check_text, each council's policy (posts/s)", run.processes, run.rate)
        lookups = run.cache_hits + run.cache_misses
        share = f" ({run.cache_misses / lookups:.0%} of checks re-parse the pack)" if lookups else ""
        verdicts = ", ".join(f"{n:,} {v}" for v, n in run.verdicts.most_common())
        self.line(f"checking N={run.processes}: {run.checks:,} checks in {run.seconds:.1f} s = "
                  f"{run.rate:,.0f} posts/s; {run.queries_per_check} database queries a check; "
                  f"parsed-pack cache {run.cache_hits:,} hits, {run.cache_misses:,} misses{share}; "
                  f"{verdicts}")

    def chains(self, label: str, verification: Any, seconds: float) -> None:
        state = "verified" if verification.ok else f"BROKEN: {verification.broken}"
        self.line(f"{label}: {verification.events:,} events in {verification.chains} chains {state} "
                  f"in {seconds:.1f} s")

    def engine_alone(self, run: Any) -> None:
        self.engine_rate = run.rate
        self.line(f"engine alone, one process: the same {run.checks:,} checks through engine.check with "
                  f"each council's parsed pack and registers read beforehand: {run.seconds:.1f} s = "
                  f"{run.rate:,.0f} posts/s")

    def triage(self, run: Any) -> None:
        self._rate("triage: triage_many of the period's messages (messages/s)", run.processes, run.rate)
        labels = ", ".join(f"{label} {n:,}" for label, n in run.labels.most_common())
        self.line(f"triage N={run.processes}: {run.messages:,} messages in {run.seconds:.1f} s = "
                  f"{run.rate:,.0f} messages/s; urgent {run.urgent:,}, errors {run.errors}; {labels}")

    def publishing(self, run: Any) -> None:
        label = ("publishing: civicpost worker processes (posts/s)" if run.mode == "database"
                 else "publishing: Celery workers + 1 scheduler (posts/s)")
        self._rate(label, run.workers, run.rate, run.busy)
        states = ", ".join(f"{n:,} {s}" for s, n in run.states.most_common())
        verdict = "no duplicates" if run.correct else "PROBLEM"
        self.line(
            f"publishing ({run.mode}) N={run.workers}: {run.posts:,} released with publish_now in "
            f"{run.queue_seconds:.1f} s; workers up in {run.start_seconds:.1f} s; "
            + (f"all published {run.seconds:.1f} s after the hold was lifted = {run.rate:,.1f} posts/s"
               if run.finished else f"NOT all published after {run.seconds:.0f} s ({states})")
            + f"\n    stand-in: {run.statuses_made:,} statuses made, "
              f"{run.status_posts:,} POST /api/v1/statuses, {run.instance_reads:,} GET /api/v2/instance, "
              f"{run.inbox_fetches:,} inbox fetches (GET /api/v1/notifications); "
              f"keys sent more than once {run.keys_sent_again}, "
              f"answered from the key {run.answered_from_key}; same text twice on an account "
              f"{run.duplicate_texts}; refused {dict(run.refused) or 'none'}"
            + f"\n    desk: {states}; records not matching the server {run.mismatched}; post.published "
              f"events {run.audit_events:,}; sessions waiting on a lock in {run.lock_samples} of "
              f"{run.samples} samples (at most {run.most_waiting} at once)"
            + (f"; worker rounds {run.ticks:,}" if run.mode == "database" else "")
            + "".join(f"\n    waiting on a lock ({n} sightings): {query}"
                      for query, n in run.waiting_on.most_common(3))
            + f" => {verdict}"
            + self.scans_line(run.scans)
            + "".join(f"\n    error: {e}" for e in run.errors)
            + "".join(f"\n    stopping: {e}" for e in run.stopping))

    @staticmethod
    def scans_line(scans: list[tuple[str, int, int]]) -> str:
        if not scans:
            return "\n    no table was read by a sequential scan"
        return "\n    sequential scans: " + "; ".join(f"{table} {n:,} scans reading {rows:,} rows"
                                                    for table, n, rows in scans)

    def table(self, interval: float, duty_seconds: float) -> None:
        heads = [f"N={n}" + ("*" if n > self.cores else "") for n in self.ns]
        width = max(len(r) for r in self.rates) if self.rates else 40
        self.line("")
        self.line(f"{'':{width}}  " + "  ".join(f"{h:>15}" for h in heads))
        for row, by_n in self.rates.items():
            first = by_n.get(self.ns[0]) or 0.0
            cells = []
            for n in self.ns:
                rate = by_n.get(n)
                if rate is None:
                    cells.append(f"{'-':>15}")
                elif n == self.ns[0] or not first:
                    cells.append(f"{rate:>15,.1f}")
                else:
                    cells.append(f"{f'{rate:,.1f} x{rate / first:.2f}':>15}")
            self.line(f"{row:{width}}  " + "  ".join(cells))
            if row in self.busy:
                self.line(f"{'  the machine CPU busy':{width}}  " + "  ".join(
                    f"{f'{self.busy[row][n]:.0%}' if n in self.busy[row] else '-':>15}" for n in self.ns))
        self.line("")
        over = [n for n in self.ns if n > self.cores]
        if over:
            self.line(f"* oversubscribed: N={', '.join(map(str, over))} processes on {self.cores} cores, "
                      "which they share with PostgreSQL and the Mastodon stand-in.")
        self.line(f"The machine has {self.cores} cores: a CPU-bound job can at best run {self.cores} times "
                  "as fast as with N=1 (the xK figures), less the cores the database and the stand-in "
                  "take. Beyond that more processes only queue for the same cores, so a flat or falling "
                  "last column is the mark of a CPU-bound step, not of a lock; a step that stops "
                  "growing before the cores are used up is waiting on something (the database, a lock, "
                  "the workers' round interval).")
        self.line(f"Publishing ran `civicpost worker --interval {interval:g}`; each round sends at most 50 "
                  f"publications (delivery.BATCH), so at the default interval of 5 s one worker sends at "
                  f"most 10 posts/s. Celery ran with CIVICPOST_DUTY_SECONDS={duty_seconds:g}.")


def load() -> str:
    try:
        return " ".join(f"{figure:.2f}" for figure in os.getloadavg())
    except OSError:
        return "unknown"


def cpu_times() -> tuple[int, int] | None:
    """(busy, total) jiffies of every core together, from /proc/stat (Linux)."""
    try:
        fields = [int(f) for f in open("/proc/stat").readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return sum(fields) - idle, sum(fields)


def machine_busy(since: tuple[int, int] | None) -> float | None:
    """The share of the machine's CPU in use since ``since``: ours, the database's and others'."""
    now = cpu_times()
    if since is None or now is None or now[1] == since[1]:
        return None
    return (now[0] - since[0]) / (now[1] - since[1])
