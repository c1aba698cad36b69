"""The worker publishes a scheduled post at its time exactly once, with several workers racing on
one real SQLite database file and across restarts."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SEED = textwrap.dedent("""
    import datetime as dt
    from civicpost.cli.desk import setup_django
    setup_django()
    from django.utils import timezone
    from civicpost.desk.councils.onboarding import create_council
    from civicpost.desk.councils import services as people
    from civicpost.desk.councils.models import Council
    from civicpost.desk.channels.models import ChannelAccount
    from civicpost.desk.posts import services
    from civicpost.desk.posts.models import Post
    create_council(name="Loughton Town Council", slug="loughton", domain="ltc.example.org",
                   policy="loughton-2019", clerk_email="clerk@ltc.example.org", clerk_name="Clerk")
    council = Council.objects.get()
    officer, _ = people.add_member(council, None, name="Olive", email="olive@ltc.example.org", role="officer")
    channels = [ChannelAccount.objects.create(council=council, platform="manual", name=name)
                for name in ("FB", "X")]
    clerk = council.memberships.get(role="clerk").user
    for i in range(5):
        post = services.create_post(council, officer.user, services.Draft(
            text=f"Parish notice {i}: the hall is open", channel_ids=tuple(c.pk for c in channels),
            scheduled_for=timezone.now() + dt.timedelta(seconds=2)))
        services.submit(post, officer.user)
        services.approve(post, clerk)
""")

COUNT = textwrap.dedent("""
    from civicpost.cli.desk import setup_django
    setup_django(migrate=False)
    from civicpost.desk.posts.models import Publication, Post
    from civicpost.desk.audit.models import AuditEvent
    from civicpost.desk.audit.log import verify
    print(Publication.objects.count(), Post.objects.filter(status="publishing").count(),
          AuditEvent.objects.filter(action="post.publishing").count(), verify().ok)
""")


def _python(code: str, env: dict[str, str]) -> str:
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip()


@pytest.mark.timeout(180)
def test_racing_workers_publish_each_scheduled_post_once(tmp_path: Path) -> None:
    env = {**os.environ, "CIVICPOST_INSTANCE": str(tmp_path / "instance")}
    env.pop("DATABASE_URL", None)
    _python(SEED, env)
    import time

    time.sleep(2.5)
    workers = [subprocess.Popen([sys.executable, "-m", "civicpost.cli", "worker", "--once"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    for worker in workers:
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err.decode()[-3000:]
    assert _python(COUNT, env) == "10 5 5 True"
    # A restarted worker finds nothing more to do.
    subprocess.run([sys.executable, "-m", "civicpost.cli", "worker", "--once"], env=env, check=True,
                   capture_output=True, timeout=120)
    assert _python(COUNT, env) == "10 5 5 True"


def test_councils_are_created_and_listed_from_the_command_line(tmp_path: Path) -> None:
    env = {**os.environ, "CIVICPOST_INSTANCE": str(tmp_path / "instance")}
    env.pop("DATABASE_URL", None)
    cli = [sys.executable, "-m", "civicpost.cli"]
    created = subprocess.run([*cli, "council", "create", "Epping Upland Parish Council", "--slug", "epping",
                              "--domain", "eppingupland.example.org", "--policy", "ludgershall-2021",
                              "--clerk-email", "clerk@eppingupland.example.org", "--clerk-name", "Jan"],
                             env=env, capture_output=True, text=True, timeout=120, check=False)
    assert created.returncode == 0, created.stderr
    assert "clerk@eppingupland.example.org" in created.stdout
    again = subprocess.run([*cli, "council", "create", "Again", "--slug", "epping", "--domain", "x.org",
                            "--policy", "loughton-2019", "--clerk-email", "c@x.org", "--clerk-name", "C"],
                           env=env, capture_output=True, text=True, timeout=120, check=False)
    assert again.returncode == 2 and "exists already" in again.stderr and "Traceback" not in again.stderr
    listed = subprocess.run([*cli, "council", "list"], env=env, capture_output=True, text=True,
                            timeout=120, check=True)
    assert "Epping Upland Parish Council" in listed.stdout and "ludgershall-2021" in listed.stdout
