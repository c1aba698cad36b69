"""Configuration from environment variables, each with a documented default.

A bad value stops the start with a message that names the variable, rather than a surprise later.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path


class ConfigError(Exception):
    """An environment variable that cannot be understood."""


def text(name: str, default: str) -> str:
    return os.environ.get(name, default)


def choice(name: str, default: str, allowed: tuple[str, ...]) -> str:
    value = os.environ.get(name) or default
    if value not in allowed:
        raise ConfigError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
    return value


def flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}")


def number(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {value}")
    return value


def clock_time(name: str, default: str) -> dt.time:
    raw = os.environ.get(name) or default
    try:
        return dt.time.fromisoformat(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a time of day such as 17:30, not {raw!r}") from None


def words(name: str, default: str) -> list[str]:
    return [w.strip() for w in os.environ.get(name, default).split(",") if w.strip()]


def instance_folder() -> Path:
    """Where the embedded default keeps its database, secret key, uploads and mail."""
    folder = Path(os.environ.get("CIVICPOST_INSTANCE", "instance")).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def secret_key(folder: Path) -> str:
    """``CIVICPOST_SECRET_KEY``, or a random key kept in the instance folder (mode 0600)."""
    given = os.environ.get("CIVICPOST_SECRET_KEY")
    if given:
        return given
    path = folder / "secret_key"
    if not path.exists():
        import secrets

        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()
