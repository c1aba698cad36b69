"""The outbox against a real Bluesky PDS on loopback: a worker killed at any point of a send and
started again never posts twice and never loses a post."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from test_connector_bluesky_pds import _account, pds_url  # noqa: F401  (the PDS fixture)

pytestmark = pytest.mark.timeout(1500)

SEED = textwrap.dedent("""
    import json, sys
    from civicpost.cli.desk import setup_django
    setup_django()
    from django.conf import settings
    from civicpost.desk.councils.onboarding import create_council
    from civicpost.desk.councils import services as people
    from civicpost.desk.councils.models import Council
    from civicpost.desk.channels.models import ChannelAccount
    from civicpost.desk.channels.transport import vault
    from civicpost.desk.posts import publishing, services
    service, handle, password, count = sys.argv[1:5]
    create_council(name="Loughton Town Council", slug="loughton", domain="ltc.example.org",
                   policy="loughton-2019", clerk_email="clerk@ltc.example.org", clerk_name="Clerk")
    council = Council.objects.get()
    officer, _ = people.add_member(council, None, name="Olive", email="olive@ltc.example.org", role="officer")
    channel = ChannelAccount.objects.create(
        council=council, platform="bluesky", name="Bluesky", handle=handle,
        platform_settings={"service": service},
        credentials=vault().encrypt({"handle": handle, "app_password": password}))
    clerk = council.memberships.get(role="clerk").user
    for i in range(int(count)):
        post = services.create_post(council, officer.user, services.Draft(
            text=f"Parish notice {i}: the village hall is open on Saturday from 10am.",
            channel_ids=(channel.pk,)))
        services.submit(post, officer.user)
        services.approve(post, clerk)
        publishing.publish_now(post, officer.user)
""")

STATE = textwrap.dedent("""
    import json
    from civicpost.cli.desk import setup_django
    setup_django(migrate=False)
    from civicpost.desk.posts.models import Publication
    from civicpost.desk.audit.log import verify
    print(json.dumps({"states": sorted(Publication.objects.values_list("state", flat=True)),
                      "chain": verify().ok}))
""")


def _run(code: str, env: dict[str, str], *args: str) -> str:
    result = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True,
                            text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip()


def _worker(env: dict[str, str], **extra: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "civicpost.cli", "worker", "--once"],
                          env={**env, **extra}, capture_output=True, timeout=300, check=False)


def _council_posts(account) -> list[str]:
    records = account.client.com.atproto.repo.list_records(
        {"repo": account.did, "collection": "app.bsky.feed.post", "limit": 100}).records
    return sorted(r.value.text for r in records)


@pytest.fixture
def desk(tmp_path: Path, pds_url: str):  # noqa: F811
    council = _account(pds_url, "loughton")
    env = {**os.environ, "CIVICPOST_INSTANCE": str(tmp_path / "instance")}
    env.pop("DATABASE_URL", None)
    env.pop("CIVICPOST_CREDENTIALS_KEY", None)
    return council, env, pds_url


def test_a_worker_killed_after_the_platform_took_the_post_does_not_post_it_again(desk) -> None:
    council, env, url = desk
    _run(SEED, env, url, council.handle, council.app_password, "1")
    crashed = _worker(env, CIVICPOST_FAULT="after-send")
    assert crashed.returncode == 137
    assert len(_council_posts(council)) == 1
    assert json.loads(_run(STATE, env))["states"] == ["sending"]
    # Within the lease nobody takes it back; after it, a new worker does, and finds the post.
    assert _worker(env).returncode == 0
    assert json.loads(_run(STATE, env))["states"] == ["sending"]
    assert _worker(env, CIVICPOST_SEND_LEASE_SECONDS="0").returncode == 0
    assert json.loads(_run(STATE, env)) == {"states": ["published"], "chain": True}
    assert len(_council_posts(council)) == 1


def test_a_worker_killed_before_sending_loses_nothing(desk) -> None:
    council, env, url = desk
    _run(SEED, env, url, council.handle, council.app_password, "1")
    assert _worker(env, CIVICPOST_FAULT="before-send").returncode == 137
    assert _council_posts(council) == []
    assert _worker(env, CIVICPOST_SEND_LEASE_SECONDS="0").returncode == 0
    assert json.loads(_run(STATE, env))["states"] == ["published"]
    assert len(_council_posts(council)) == 1


def test_workers_killed_at_random_moments_publish_every_post_exactly_once(desk) -> None:
    council, env, url = desk
    _run(SEED, env, url, council.handle, council.app_password, "6")
    rng = random.Random(20261203)
    for _ in range(5):
        worker = subprocess.Popen([sys.executable, "-m", "civicpost.cli", "worker", "--interval", "0.2"],
                                  env={**env, "CIVICPOST_SEND_LEASE_SECONDS": "0"},
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(1.0, 4.0))
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    assert _worker(env, CIVICPOST_SEND_LEASE_SECONDS="0").returncode == 0
    posts = _council_posts(council)
    assert len(posts) == 6 and len(set(posts)) == 6
    assert json.loads(_run(STATE, env)) == {"states": ["published"] * 6, "chain": True}
