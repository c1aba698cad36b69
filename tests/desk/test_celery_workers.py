"""The scale-out path: Celery workers on a real Redis, several at once, release each scheduled
post exactly once (on PostgreSQL when DATABASE_URL names one, else on an SQLite file)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from .test_worker import COUNT, SEED

REDIS = os.environ.get("CIVICPOST_REDIS_URL", "")


def _redis_answers(url: str) -> bool:
    if not url:
        return False
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


pytestmark = [pytest.mark.timeout(300),
              pytest.mark.skipif(not _redis_answers(REDIS),
                                 reason="needs a Redis server at CIVICPOST_REDIS_URL (`.ci/run` and "
                                        "scripts/scale-services start one)")]


def _database(env: dict[str, str]) -> str | None:
    """A fresh PostgreSQL database for this test when DATABASE_URL names a server."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        env.pop("DATABASE_URL", None)
        return None
    import psycopg

    name = f"civicpost_celery_{secrets.token_hex(4)}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = urlparse(url)._replace(path=f"/{name}").geturl()
    return name


def _python(code: str, env: dict[str, str]) -> str:
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip()


def test_celery_workers_release_each_scheduled_post_once(tmp_path: Path) -> None:
    env = {**os.environ, "CIVICPOST_INSTANCE": str(tmp_path / "instance"), "CIVICPOST_JOBS": "celery",
           "CIVICPOST_DUTY_SECONDS": "1",
           "CIVICPOST_REDIS_URL": REDIS.rsplit("/", 1)[0] + f"/{secrets.randbelow(14) + 1}"}
    created = _database(env)
    _python(SEED, env)
    cli = [sys.executable, "-m", "civicpost.cli"]
    processes = [subprocess.Popen([*cli, "worker", "--concurrency", "2"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(3)]
    processes.append(subprocess.Popen([*cli, "scheduler"], env=env, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.PIPE))
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            time.sleep(2)
            counted = _python(COUNT, env)
            if counted.startswith("10 5"):
                break
        time.sleep(4)  # more rounds of every duty on every worker: still once
        assert _python(COUNT, env) == "10 5 5 True"
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        if created:
            import psycopg

            with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{created}" WITH (FORCE)')
