"""The Bluesky connector against a real PDS (``@atproto/dev-env``, pinned in tests/pds) on
loopback: the council publishes, a resident replies, the reply comes back through fetch.

The PDS is installed with npm on first use (``tests/pds/node_modules``, git-ignored) and
started once for this module on free loopback ports. Without node and npm, or when npm
cannot reach its registry, the tests skip and say why.
"""

from __future__ import annotations

import fcntl
import json
import secrets
import shutil
import socket
import struct
import subprocess
import tempfile
import time
import urllib.request
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from atproto import Client, models

from civicpost.connectors import ConnectorError, LimitsExceeded, Media, MessageKind, OutgoingPost
from civicpost.connectors.bluesky import BlueskyConnector, rkey_for, split_uri

PDS_DIR = Path(__file__).parent / "pds"
STARTUP_SECONDS = 90
# The first test of a bare checkout installs the PDS (about five minutes with an empty npm
# cache, compiling better-sqlite3), longer than the suite's per-test timeout.
pytestmark = pytest.mark.timeout(1500)


def _npm_install() -> str | None:
    """Install the pinned PDS when it is missing; the reason to skip, or None."""
    if (PDS_DIR / "node_modules" / "@atproto" / "dev-env" / "package.json").is_file():
        return None
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        return "the Bluesky PDS test needs node (18 or later) and npm on the PATH"
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    if int(version.lstrip("v").split(".")[0] or 0) < 18:
        return f"the Bluesky PDS test needs node 18 or later, not {version}"
    lock = Path(tempfile.gettempdir()) / "civicpost-test-pds-install.lock"
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # two test runs never install at once
        if (PDS_DIR / "node_modules" / "@atproto" / "dev-env" / "package.json").is_file():
            return None
        # "install --no-save" takes every version from package-lock.json and leaves it as it
        # is; "ci" refuses this lock because it lists no entry for cbor-extract's optional
        # per-platform builds, which npm resolves at install time.
        result = subprocess.run([npm, "install", "--no-save", "--no-audit", "--no-fund"],
                                cwd=PDS_DIR, capture_output=True, text=True, timeout=1200)
    if result.returncode != 0:
        errors = [line for line in result.stderr.splitlines() if line.startswith("npm error")]
        first = errors[0] if errors else (result.stderr.strip().splitlines() or ["no output"])[-1]
        return f"npm could not install the test PDS ({first})"
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/xrpc/_health", timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


@pytest.fixture(scope="module")
def pds_url() -> Iterator[str]:
    reason = _npm_install()
    if reason:
        pytest.skip(reason)
    pds_port, plc_port = _free_port(), _free_port()
    log = tempfile.TemporaryFile()
    # stdin is a pipe the script watches: if this process dies, the PDS stops too.
    process = subprocess.Popen(["node", "start-pds.js", str(pds_port), str(plc_port)],
                               cwd=PDS_DIR, stdin=subprocess.PIPE, stdout=log, stderr=log)
    url = f"http://localhost:{pds_port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not _healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                tail = log.read().decode("utf-8", "replace")[-2000:]
                pytest.fail(f"the test PDS did not start: {tail}")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@dataclass
class Account:
    handle: str
    did: str
    app_password: str
    client: Client  # logged in with the account password, for the resident's own actions


def _account(pds_url: str, name: str) -> Account:
    handle = f"{name}{secrets.token_hex(3)}.test"
    password = secrets.token_urlsafe(16)
    client = Client(pds_url)
    created = client.com.atproto.server.create_account(models.ComAtprotoServerCreateAccount.Data(
        handle=handle, email=f"{handle}@example.org", password=password))
    client.login(handle, password, fetch_bsky_profile=False)
    app_password = client.com.atproto.server.create_app_password(
        models.ComAtprotoServerCreateAppPassword.Data(name="civicpost")).password
    return Account(handle, created.did, app_password, client)


def _connector(pds_url: str, account: Account, password: str | None = None) -> BlueskyConnector:
    return BlueskyConnector({"handle": account.handle, "app_password": password or account.app_password},
                            {"service": pds_url})


def _png(width: int = 3, height: int = 2) -> bytes:
    """A real, tiny PNG: a green council-logo stand-in."""
    rows = b"".join(b"\x00" + bytes([0, 112, 60]) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def _record(client: Client, uri: str) -> models.ComAtprotoRepoGetRecord.Response:
    did, collection, rkey = split_uri(uri)
    return client.com.atproto.repo.get_record(
        models.ComAtprotoRepoGetRecord.Params(repo=did, collection=collection, rkey=rkey))


def _post_count(client: Client, did: str) -> int:
    page = client.com.atproto.repo.list_records(models.ComAtprotoRepoListRecords.Params(
        repo=did, collection="app.bsky.feed.post", limit=100))
    return len(page.records)


def test_the_council_publishes_an_image_post_and_the_pds_holds_text_alt_text_and_image(pds_url: str) -> None:
    council = _account(pds_url, "council")
    resident = _account(pds_url, "resident")
    image = _png()
    text = (f"Café open day, entry £2 — see https://www.loughton-tc.gov.uk/events "
            f"#LoughtonEvents with @{resident.handle}")
    post = OutgoingPost(text=text, idempotency_key="post-41/bluesky",
                        media=(Media(image, "image/png", "The town hall café sign, green on white"),))

    published = _connector(pds_url, council).publish(post)

    assert published.external_id.startswith(f"at://{council.did}/app.bsky.feed.post/")
    assert published.url == (f"https://bsky.app/profile/{council.handle}/post/"
                             f"{split_uri(published.external_id)[2]}")
    stored = _record(resident.client, published.external_id).value
    assert stored.text == text
    assert stored.embed.images[0].alt == "The town hall café sign, green on white"
    blob = stored.embed.images[0].image
    assert blob.mime_type == "image/png" and blob.size == len(image)
    fetched_blob = resident.client.com.atproto.sync.get_blob(
        models.ComAtprotoSyncGetBlob.Params(did=council.did, cid=blob.ref.link))
    assert fetched_blob == image
    # Facets index UTF-8 bytes: "é", "£" and "—" before the link take 2, 2 and 3 bytes.
    encoded = text.encode("utf-8")
    by_kind = {facet.features[0].py_type.split("#")[1]: facet for facet in stored.facets}
    link = by_kind["link"]
    assert encoded[link.index.byte_start:link.index.byte_end] == b"https://www.loughton-tc.gov.uk/events"
    assert by_kind["tag"].features[0].tag == "LoughtonEvents"
    assert by_kind["mention"].features[0].did == resident.did


def test_a_residents_reply_arrives_through_fetch_once(pds_url: str) -> None:
    council = _account(pds_url, "council")
    resident = _account(pds_url, "resident")
    connector = _connector(pds_url, council)
    first = connector.fetch(None)
    published = connector.publish(OutgoingPost(
        text="The allotment waiting list reopens on 1 March.", idempotency_key="post-42/bluesky"))
    parent = _record(resident.client, published.external_id)
    ref = models.ComAtprotoRepoStrongRef.Main(uri=parent.uri, cid=parent.cid)
    resident.client.send_post("Is there a waiting list for the Roding Road site too?",
                              reply_to=models.AppBskyFeedPost.ReplyRef(root=ref, parent=ref),
                              profile_identify=resident.did)
    resident.client.send_post(f"Thanks @{council.handle} for fixing the lamp on Church Hill",
                              facets=resident.client.detect_facets(
                                  f"Thanks @{council.handle} for fixing the lamp on Church Hill"),
                              profile_identify=resident.did)

    fetched = connector.fetch(first.cursor)

    by_kind = {message.kind: message for message in fetched.messages}
    reply = by_kind[MessageKind.REPLY]
    assert reply.text == "Is there a waiting list for the Roding Road site too?"
    assert reply.author_handle == resident.handle
    assert reply.in_reply_to == published.external_id
    assert reply.created_at.tzinfo is not None and reply.created_at.utcoffset().total_seconds() == 0
    assert reply.url and reply.url.startswith(f"https://bsky.app/profile/{resident.handle}/post/")
    assert by_kind[MessageKind.MENTION].text.startswith("Thanks @")
    assert any("no AppView" in note for note in first.notes)  # the first fetch chose the scan
    assert any("Direct messages were not fetched" in note for note in fetched.notes)
    again = connector.fetch(fetched.cursor)
    assert [m.external_id for m in again.messages if m.author_handle == resident.handle] == []


def test_publishing_twice_with_one_idempotency_key_makes_one_record(pds_url: str) -> None:
    council = _account(pds_url, "council")
    connector = _connector(pds_url, council)
    post = OutgoingPost(text="Grass cutting on the green this Friday.", idempotency_key="post-43/bluesky")

    first = connector.publish(post)
    retry = _connector(pds_url, council).publish(post)  # a new worker after a crash

    assert retry.external_id == first.external_id
    assert retry.already_existed and not first.already_existed
    assert split_uri(first.external_id)[2] == rkey_for("post-43/bluesky")
    assert _post_count(council.client, council.did) == 1


def test_a_council_reply_is_threaded_under_the_residents_post(pds_url: str) -> None:
    council = _account(pds_url, "council")
    resident = _account(pds_url, "resident")
    question = resident.client.send_post("When does the library open on Saturdays?",
                                         profile_identify=resident.did)

    answer = _connector(pds_url, council).publish(OutgoingPost(
        text="From 9am to 1pm.", idempotency_key="reply-7/bluesky", reply_to=question.uri))

    reply = _record(resident.client, answer.external_id).value.reply
    assert reply.parent.uri == question.uri and reply.root.uri == question.uri
    assert reply.parent.cid == question.cid


def test_delete_takes_the_post_down_and_a_second_delete_is_harmless(pds_url: str) -> None:
    council = _account(pds_url, "council")
    connector = _connector(pds_url, council)
    published = connector.publish(OutgoingPost(text="Posted in error.", idempotency_key="post-44/bluesky"))

    connector.delete(published.external_id)
    connector.delete(published.external_id)

    assert _post_count(council.client, council.did) == 0


def test_a_wrong_app_password_is_a_permanent_error_in_the_services_words(pds_url: str) -> None:
    council = _account(pds_url, "council")

    with pytest.raises(ConnectorError) as caught:
        _connector(pds_url, council, password="abcd-efgh-ijkl-mnop").check_credentials()

    assert caught.value.permanent
    assert caught.value.platform_reason == "AuthenticationRequired: Invalid identifier or password"


def test_check_credentials_names_the_account(pds_url: str) -> None:
    council = _account(pds_url, "council")
    assert council.handle in _connector(pds_url, council).check_credentials()


def test_a_post_over_300_graphemes_is_stopped_before_anything_is_sent(pds_url: str) -> None:
    council = _account(pds_url, "council")
    text = "Road closure notice. " * 15  # 315 characters

    with pytest.raises(LimitsExceeded) as caught:
        _connector(pds_url, council).publish(OutgoingPost(text=text, idempotency_key="post-45/bluesky"))

    assert [f.code for f in caught.value.findings] == ["PL001"]
    assert caught.value.findings[0].start == 300
    assert _post_count(council.client, council.did) == 0


def test_the_pinned_pds_is_the_version_the_test_was_written_for() -> None:
    package = json.loads((PDS_DIR / "package.json").read_text())
    assert package["dependencies"]["@atproto/dev-env"] == "0.3.116"
    lock = json.loads((PDS_DIR / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/@atproto/dev-env"]["version"] == "0.3.116"
