"""Signed-in officers using the desk at the same time, each timing every page it asks for.

Every user is a thread with its own ``requests.Session`` (its own cookies, so its own desk
session, kept-alive connections as a browser keeps them). The users are shared among a few
client processes: a user spends nearly all its time waiting for the server, which threads do
well, but one interpreter handling fifty users' responses would make them queue for its lock,
and that wait would be counted as page time. This module imports no Django.

A user signs in through the real sign-in page, then, until the time is up, picks a page by the
weights below, times it from sending the request to the last byte of the answer, and pauses for
a think time drawn between half and one and a half times ``think`` (0: no pause at all).
"""

from __future__ import annotations

import random
import re
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.synchronize import Barrier
from typing import Any

import requests

# (page, share of requests): an officer mostly writes (the check runs as they type), then
# looks things up.
MIX = (("compose", 20), ("live check", 30), ("archive", 12), ("archive search", 10),
       ("post page", 18), ("dashboard", 10))
PAGES = tuple(page for page, _ in MIX)
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TIMEOUT_S = 60


@dataclass(frozen=True)
class LoadPlan:
    base_url: str
    accounts: list[tuple[str, str]]  # (e-mail, password)
    post_ids: list[int]
    check_texts: list[str]
    searches: list[str]
    warmup: float
    seconds: float
    think: float
    seed: int


@dataclass(frozen=True)
class Sample:
    page: str
    started: float  # seconds after the load began
    ms: float
    problem: str  # "" when the page came back as it should


@dataclass
class ClientResult:
    samples: list[Sample] = field(default_factory=list)
    sign_in_failures: list[str] = field(default_factory=list)
    sign_in_seconds: float = 0.0
    cpu_seconds: float = 0.0


class SignInFailed(Exception):
    pass


class Officer:
    def __init__(self, plan: LoadPlan, email: str, password: str, seed: int) -> None:
        self.plan, self.email, self.password = plan, email, password
        self.rng = random.Random(seed)
        self.session = requests.Session()
        self.token = ""

    def url(self, path: str) -> str:
        return self.plan.base_url + path

    def sign_in(self) -> None:
        form = self.session.get(self.url("/sign-in"), timeout=TIMEOUT_S)
        found = TOKEN.search(form.text)
        if form.status_code != 200 or not found:
            raise SignInFailed(f"{self.email}: the sign-in page answered {form.status_code}")
        answer = self.session.post(self.url("/sign-in"), timeout=TIMEOUT_S, allow_redirects=False,
                                   data={"csrfmiddlewaretoken": found.group(1), "email": self.email,
                                         "password": self.password})
        if answer.status_code != 302 or "sign-in" in answer.headers.get("Location", ""):
            raise SignInFailed(f"{self.email}: signing in answered {answer.status_code}")
        # The first check after the server starts loads the policy pack; do it before the clock runs.
        for page in ("compose", "live check"):
            if problem := self.visit(page):
                raise SignInFailed(f"{self.email}: {page} after signing in: {problem}")

    def visit(self, page: str) -> str:
        """Ask for one page; return what was wrong with the answer, or "" if nothing."""
        get = self.session.get
        if page == "compose":
            response = get(self.url("/posts/new"), timeout=TIMEOUT_S, allow_redirects=False)
            found = TOKEN.search(response.text)
            if found:
                self.token = found.group(1)
        elif page == "live check":
            # As the compose page's script sends it: a multipart form with the CSRF token.
            fields = {"csrfmiddlewaretoken": self.token, "kind": "post",
                      "text": self.rng.choice(self.plan.check_texts)}
            response = self.session.post(self.url("/posts/check"), timeout=TIMEOUT_S,
                                         allow_redirects=False, headers={"X-Requested-With": "fetch"},
                                         files={k: (None, v) for k, v in fields.items()})
            if response.status_code == 200 and "verdict" not in response.json():
                return "no verdict in the answer"
        elif page == "archive":
            response = get(self.url("/posts/archive"), timeout=TIMEOUT_S, allow_redirects=False)
        elif page == "archive search":
            response = get(self.url("/posts/archive"), params={"q": self.rng.choice(self.plan.searches)},
                           timeout=TIMEOUT_S, allow_redirects=False)
        elif page == "post page":
            post = self.rng.choice(self.plan.post_ids)
            response = get(self.url(f"/posts/{post}"), timeout=TIMEOUT_S, allow_redirects=False)
        else:
            response = get(self.url("/"), timeout=TIMEOUT_S, allow_redirects=False)
        if response.status_code in {301, 302}:
            return f"redirected to {response.headers.get('Location', '?')} (signed out?)"
        if response.status_code != 200:
            return f"HTTP {response.status_code}"
        return ""

    def run(self, start: float, samples: list[Sample]) -> None:
        end = start + self.plan.warmup + self.plan.seconds
        weights = [w for _, w in MIX]
        while time.time() < end:
            page = self.rng.choices(PAGES, weights)[0]
            began = time.time()
            t0 = time.perf_counter()
            try:
                problem = self.visit(page)
            except (requests.RequestException, ValueError) as exc:
                problem = type(exc).__name__
            samples.append(Sample(page, began - start, (time.perf_counter() - t0) * 1000, problem))
            if self.plan.think > 0:
                time.sleep(self.rng.uniform(0.5 * self.plan.think, 1.5 * self.plan.think))


def client_process(plan: LoadPlan, index: int, everyone_ready: Barrier, results: Any) -> None:
    """One client process: sign its users in, wait for every process, load, report."""
    result = ClientResult()
    officers = [Officer(plan, email, password, plan.seed * 1000 + index * 100 + n)
                for n, (email, password) in enumerate(plan.accounts)]
    signed_in: list[Officer] = []
    lock = threading.Lock()

    def sign_in(officer: Officer) -> None:
        try:
            officer.sign_in()
        except (SignInFailed, requests.RequestException) as exc:
            with lock:
                result.sign_in_failures.append(str(exc))
            return
        with lock:
            signed_in.append(officer)

    began = time.perf_counter()
    threads = [threading.Thread(target=sign_in, args=(o,)) for o in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.sign_in_seconds = time.perf_counter() - began
    everyone_ready.wait(timeout=600)
    start = time.time()
    cpu = time.process_time()
    per_user: list[list[Sample]] = [[] for _ in signed_in]
    threads = [threading.Thread(target=o.run, args=(start, samples))
               for o, samples in zip(signed_in, per_user, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.cpu_seconds = time.process_time() - cpu
    result.samples = [s for samples in per_user for s in samples]
    results.put(result)
