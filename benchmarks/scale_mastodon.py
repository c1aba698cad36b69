"""A Mastodon-compatible server on loopback, for the scale benchmark's publishing runs.

It answers what :class:`civicpost.connectors.mastodon.MastodonConnector` (through Mastodon.py)
asks, as a Mastodon 4.3 instance does (docs.joinmastodon.org, and the recorded answers in
``tests/contracts/mastodon``):

* ``GET /api/v1/instance`` and ``GET /api/v2/instance`` (with or without the trailing slash
  Mastodon.py adds): the instance and its ``configuration`` (500 characters, 4 images);
* ``GET /api/v1/accounts/verify_credentials``: the account the bearer token opens;
* ``GET /api/v1/notifications``: an empty page (the inbox's fetch duty asks every channel);
* ``POST /api/v1/statuses``: a new status (200 and the Status entity). An ``Idempotency-Key``
  seen before for the same account within an hour answers with the status the first request
  made, as Mastodon does; two requests with one key at once are served one after the other;
* 401 ``{"error": "The access token is invalid"}`` for a missing or unknown token, 422
  ``Validation failed: ...`` for an empty or too long text, 429 ``Too many requests`` past
  300 requests in 5 minutes per account, with Mastodon's ``X-RateLimit-*`` headers on every
  authenticated answer; 404 ``Record not found`` elsewhere.

Everything it was asked is counted, so that the benchmark can check that no post went out twice:
statuses made per account and text, requests per idempotency key, requests per endpoint.
Written with the standard library's ``http.server``: the benchmark needs no real Mastodon (a
Rails application with PostgreSQL, Redis and Sidekiq) to measure the desk's side of a send.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

VERSION = "4.3.2"
MAX_CHARACTERS = 500
KEY_LIFETIME = 3600.0  # Mastodon keeps an idempotency key for an hour
RATE_LIMIT = 300  # requests per account per window (Mastodon's default for the API)
RATE_WINDOW = 300.0


@dataclass
class Account:
    id: str
    username: str
    display_name: str
    created_at: str
    statuses: int = 0
    window_start: float = 0.0
    window_requests: int = 0


@dataclass
class Status:
    id: str
    account: Account
    text: str
    idempotency_key: str
    created_at: str
    received: float  # time.monotonic() when it was made


@dataclass
class Tally:
    """What the server was asked, for the benchmark's checks."""

    requests: Counter[str] = field(default_factory=Counter)  # "POST /api/v1/statuses" -> count
    posts_per_key: Counter[tuple[str, str]] = field(default_factory=Counter)  # (account, key)
    answered_from_key: int = 0
    refused: Counter[int] = field(default_factory=Counter)  # HTTP status -> count


def _iso(moment: dt.datetime, digits: int = 3) -> str:
    """Mastodon's form of a time: UTC with milliseconds (``2026-06-01T10:25:31.000Z``)."""
    text = moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")
    return text[: len(text) - (6 - digits)] + "Z"


class MastodonStandIn:
    """The server's state. Start it with :meth:`start`; ``base_url`` is its address."""

    def __init__(self, domain: str = "mastodon.scale.test") -> None:
        self.domain = domain
        self._accounts: dict[str, Account] = {}  # token -> account
        self._statuses: list[Status] = []
        self._by_key: dict[tuple[str, str], tuple[Status, float]] = {}
        self._key_locks: dict[tuple[str, str], threading.Lock] = {}
        self._lock = threading.Lock()
        self._ids = itertools.count(int(time.time() * 1000) << 16)
        self.tally = Tally()
        self._server: ThreadingHTTPServer | None = None
        self.base_url = ""

    # -- set-up -------------------------------------------------------------------------
    def add_account(self, token: str, username: str, display_name: str) -> None:
        with self._lock:
            self._accounts[token] = Account(id=str(next(self._ids)), username=username,
                                            display_name=display_name,
                                            created_at=_iso(dt.datetime.now(dt.UTC)))

    def start(self) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        server.daemon_threads = True
        server.request_queue_size = 256  # many workers connect at once
        self._server = server
        threading.Thread(target=server.serve_forever, name="mastodon-stand-in", daemon=True).start()
        self.base_url = f"http://127.0.0.1:{server.server_address[1]}"
        return self.base_url

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    # -- what the benchmark reads -------------------------------------------------------
    def statuses(self) -> list[Status]:
        with self._lock:
            return list(self._statuses)

    def snapshot(self) -> tuple[int, Tally]:
        """How many statuses exist and a copy of the tally, to compare one run against."""
        with self._lock:
            copy = Tally(Counter(self.tally.requests), Counter(self.tally.posts_per_key),
                         self.tally.answered_from_key, Counter(self.tally.refused))
            return len(self._statuses), copy

    # -- the API ------------------------------------------------------------------------
    def account_for(self, authorization: str | None) -> Account | None:
        if not authorization or not authorization.startswith("Bearer "):
            return None
        with self._lock:
            return self._accounts.get(authorization[len("Bearer "):].strip())

    def count_request(self, account: Account) -> tuple[bool, dict[str, str]]:
        """Mastodon's per-account rate limit: (allowed, the X-RateLimit headers)."""
        now = time.time()
        with self._lock:
            if now - account.window_start >= RATE_WINDOW:
                account.window_start, account.window_requests = now, 0
            account.window_requests += 1
            remaining = RATE_LIMIT - account.window_requests
            reset = dt.datetime.fromtimestamp(account.window_start + RATE_WINDOW, dt.UTC)
        headers = {"X-RateLimit-Limit": str(RATE_LIMIT), "X-RateLimit-Remaining": str(max(0, remaining)),
                   "X-RateLimit-Reset": _iso(reset, digits=6)}
        return remaining >= 0, headers

    def post_status(self, account: Account, text: str, key: str) -> tuple[int, dict[str, Any]]:
        if key:
            with self._lock:
                self.tally.posts_per_key[(account.id, key)] += 1
                lock = self._key_locks.setdefault((account.id, key), threading.Lock())
            with lock:  # a second request with the key waits for the first, then gets its status
                with self._lock:
                    earlier = self._by_key.get((account.id, key))
                    if earlier is not None and time.monotonic() - earlier[1] < KEY_LIFETIME:
                        self.tally.answered_from_key += 1
                        return 200, self.status_entity(earlier[0])
                return self._create(account, text, key)
        return self._create(account, text, key)

    def _create(self, account: Account, text: str, key: str) -> tuple[int, dict[str, Any]]:
        if not text.strip():
            return 422, {"error": "Validation failed: Text can't be blank"}
        if len(text) > MAX_CHARACTERS:
            return 422, {"error": f"Validation failed: Text character limit of {MAX_CHARACTERS} exceeded"}
        with self._lock:
            status = Status(id=str(next(self._ids)), account=account, text=text, idempotency_key=key,
                            created_at=_iso(dt.datetime.now(dt.UTC)), received=time.monotonic())
            self._statuses.append(status)
            account.statuses += 1
            if key:
                self._by_key[(account.id, key)] = (status, status.received)
        return 200, self.status_entity(status)

    def account_entity(self, account: Account, *, with_source: bool = False) -> dict[str, Any]:
        entity: dict[str, Any] = {
            "id": account.id, "username": account.username, "acct": account.username,
            "display_name": account.display_name, "locked": False, "bot": False, "discoverable": True,
            "group": False, "created_at": account.created_at, "note": "",
            "url": f"https://{self.domain}/@{account.username}",
            "uri": f"https://{self.domain}/users/{account.username}",
            "avatar": f"https://{self.domain}/avatars/original/missing.png",
            "avatar_static": f"https://{self.domain}/avatars/original/missing.png",
            "header": f"https://{self.domain}/headers/original/missing.png",
            "header_static": f"https://{self.domain}/headers/original/missing.png",
            "followers_count": 0, "following_count": 0, "statuses_count": account.statuses,
            "last_status_at": None, "emojis": [], "fields": []}
        if with_source:
            entity["source"] = {"privacy": "public", "sensitive": False, "language": "en", "note": "",
                                "fields": [], "follow_requests_count": 0}
        return entity

    def status_entity(self, status: Status) -> dict[str, Any]:
        paragraphs = "".join(f"<p>{html.escape(part).replace(chr(10), '<br />')}</p>"
                             for part in status.text.split("\n\n"))
        username = status.account.username
        return {
            "id": status.id, "created_at": status.created_at, "in_reply_to_id": None,
            "in_reply_to_account_id": None, "sensitive": False, "spoiler_text": "",
            "visibility": "public", "language": "en",
            "uri": f"https://{self.domain}/users/{username}/statuses/{status.id}",
            "url": f"https://{self.domain}/@{username}/{status.id}",
            "replies_count": 0, "reblogs_count": 0, "favourites_count": 0, "edited_at": None,
            "content": paragraphs, "reblog": None, "application": {"name": "civicpost", "website": None},
            "account": self.account_entity(status.account), "media_attachments": [], "mentions": [],
            "tags": [], "emojis": [], "card": None, "poll": None}

    def instance_v2(self) -> dict[str, Any]:
        return {
            "domain": self.domain, "title": "Scale benchmark instance", "version": VERSION,
            "source_url": "https://github.com/mastodon/mastodon",
            "description": "A loopback stand-in for the civicpost scale benchmark.",
            "usage": {"users": {"active_month": len(self._accounts)}},
            "thumbnail": {"url": f"https://{self.domain}/packs/media/images/preview.png"},
            "languages": ["en"],
            "configuration": self._configuration(),
            "registrations": {"enabled": False, "approval_required": False, "message": None},
            "contact": {"email": f"admin@{self.domain}", "account": None}, "rules": []}

    def instance_v1(self) -> dict[str, Any]:
        return {
            "uri": self.domain, "title": "Scale benchmark instance",
            "short_description": "A loopback stand-in for the civicpost scale benchmark.",
            "description": "", "email": f"admin@{self.domain}", "version": VERSION,
            "urls": {"streaming_api": f"wss://{self.domain}"},
            "stats": {"user_count": len(self._accounts), "status_count": len(self._statuses),
                      "domain_count": 1},
            "thumbnail": None, "languages": ["en"], "registrations": False,
            "approval_required": False, "invites_enabled": False,
            "configuration": self._configuration(), "contact_account": None, "rules": []}

    @staticmethod
    def _configuration() -> dict[str, Any]:
        return {
            "urls": {"streaming": "wss://mastodon.scale.test"},
            "accounts": {"max_featured_tags": 10},
            "statuses": {"max_characters": MAX_CHARACTERS, "max_media_attachments": 4,
                         "characters_reserved_per_url": 23},
            "media_attachments": {
                "supported_mime_types": ["image/jpeg", "image/png", "image/gif", "image/webp",
                                         "image/avif", "video/webm", "video/mp4"],
                "image_size_limit": 16777216, "image_matrix_limit": 33177600,
                "video_size_limit": 103809024, "description_limit": 1500},
            "polls": {"max_options": 4, "max_characters_per_option": 50}}


def _handler(server_state: MastodonStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "Mastodon"
        sys_version = ""

        def log_message(self, format: str, *args: Any) -> None:
            return  # thousands of requests: the tally says what came

        def _answer(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
            data = json.dumps(body).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
            if status >= 400:
                with server_state._lock:
                    server_state.tally.refused[status] += 1

        def _route(self) -> str:
            path = urlsplit(self.path).path.rstrip("/") or "/"
            with server_state._lock:
                server_state.tally.requests[f"{self.command} {path}"] += 1
            return path

        def _authorised(self) -> tuple[Account | None, dict[str, str]]:
            account = server_state.account_for(self.headers.get("Authorization"))
            if account is None:
                self._answer(401, {"error": "The access token is invalid"},
                             {"WWW-Authenticate": 'Bearer realm="Doorkeeper", error="invalid_token", '
                                                  'error_description="The access token is invalid"'})
                return None, {}
            allowed, limits = server_state.count_request(account)
            if not allowed:
                self._answer(429, {"error": "Too many requests"}, limits)
                return None, {}
            return account, limits

        def do_GET(self) -> None:
            path = self._route()
            if path == "/api/v2/instance":
                self._answer(200, server_state.instance_v2())
            elif path == "/api/v1/instance":
                self._answer(200, server_state.instance_v1())
            elif path == "/api/v1/accounts/verify_credentials":
                account, limits = self._authorised()
                if account is not None:
                    self._answer(200, server_state.account_entity(account, with_source=True), limits)
            elif path == "/api/v1/notifications":
                account, limits = self._authorised()
                if account is not None:
                    self._answer(200, [], limits)  # nobody writes to the councils here
            else:
                self._answer(404, {"error": "Record not found"})

        def do_POST(self) -> None:
            path = self._route()
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            if path != "/api/v1/statuses":
                self._answer(404, {"error": "Record not found"})
                return
            account, limits = self._authorised()
            if account is None:
                return
            if "json" in (self.headers.get("Content-Type") or ""):
                params = json.loads(raw or b"{}")
                text = str(params.get("status") or "")
            else:
                form = parse_qs(raw.decode("utf-8"), keep_blank_values=True)
                text = (form.get("status") or [""])[0]
            status, body = server_state.post_status(account, text, self.headers.get("Idempotency-Key") or "")
            self._answer(status, body, limits)

    return Handler
