"""Platform credentials (app passwords, access tokens) encrypted at rest.

The desk stores only ciphertext; the key lives outside the database, in the environment
variable ``CIVICPOST_CREDENTIALS_KEY`` or, when that is not set, in the file
``credentials.key`` of the instance folder, created with mode 0600 on first use.

Encryption is ``cryptography``'s Fernet (AES-128-CBC with HMAC-SHA256, timestamped)
through MultiFernet, so keys can be rotated: the key list is newest first, new tokens are
made with the newest key, any listed key decrypts, and :meth:`CredentialVault.rotate`
re-encrypts a token under the newest key. To rotate: put a new key first (a new line at
the top of the key file, or first in the comma-separated variable), re-encrypt every
stored token with ``rotate``, then drop the old key.

A decrypted value is a :class:`Secret`: its ``repr`` and ``str`` are masked, so a secret
that reaches a log line, a traceback or a debug page shows as ``Secret('********')``.
"""

from __future__ import annotations

import hmac
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

KEY_ENVIRONMENT_VARIABLE = "CIVICPOST_CREDENTIALS_KEY"
KEY_FILE_NAME = "credentials.key"


class CredentialsError(Exception):
    """The credentials cannot be read or written; the message says what to do."""


class Secret:
    """A secret value that never shows itself by accident. Call :meth:`reveal` to use it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError("a secret is a string")
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return repr(self)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        return hmac.compare_digest(self._value.encode(), other._value.encode())

    def __hash__(self) -> int:
        return hash(("Secret", self._value))

    def __bool__(self) -> bool:
        return bool(self._value)

    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("a Secret is not pickled; store it encrypted with CredentialVault")


def generate_key() -> str:
    """A new random Fernet key (URL-safe base64, 32 bytes)."""
    return Fernet.generate_key().decode("ascii")


def _parse_keys(raw: str, where: str) -> list[Fernet]:
    keys = [part.strip() for part in raw.replace(",", "\n").splitlines()]
    keys = [key for key in keys if key and not key.startswith("#")]
    if not keys:
        raise CredentialsError(f"{where} holds no key")
    fernets = []
    for number, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key.encode("ascii")))
        except (ValueError, UnicodeEncodeError):
            raise CredentialsError(
                f"key {number} in {where} is not a Fernet key (32 bytes, URL-safe base64); "
                "make one with civicpost.connectors.credentials.generate_key()") from None
    return fernets


def _key_file(instance_dir: Path, *, create: bool) -> Path:
    path = instance_dir / KEY_FILE_NAME
    if path.exists() or not create:
        return path
    instance_dir.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: two workers starting together never write two different keys.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write("# civicpost credentials key: newest first. Losing it loses every "
                     "stored platform credential.\n")
        handle.write(generate_key() + "\n")
    return path


class CredentialVault:
    """Encrypts and decrypts a channel's credentials (a mapping of names to values)."""

    def __init__(self, keys: Sequence[Fernet]) -> None:
        if not keys:
            raise CredentialsError("no credentials key given")
        self._fernet = MultiFernet(list(keys))

    def __repr__(self) -> str:
        return "CredentialVault(keys=********)"

    @classmethod
    def from_keys(cls, keys: Sequence[str]) -> CredentialVault:
        return cls(_parse_keys("\n".join(keys), "the given keys"))

    @classmethod
    def from_environment(cls, instance_dir: Path | str | None = None, *,
                         create: bool = True) -> CredentialVault:
        """The vault of this installation: the key from ``CIVICPOST_CREDENTIALS_KEY``, else
        from the instance folder's key file (made on first use when ``create``)."""
        raw = os.environ.get(KEY_ENVIRONMENT_VARIABLE, "").strip()
        if raw:
            return cls(_parse_keys(raw, f"the {KEY_ENVIRONMENT_VARIABLE} variable"))
        if instance_dir is None:
            raise CredentialsError(
                f"no credentials key: set {KEY_ENVIRONMENT_VARIABLE} or give the instance "
                "folder that holds credentials.key")
        path = _key_file(Path(instance_dir), create=create)
        try:
            text = path.read_text(encoding="ascii")
        except FileNotFoundError:
            raise CredentialsError(
                f"no credentials key: {path} does not exist and {KEY_ENVIRONMENT_VARIABLE} "
                "is not set") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise CredentialsError(f"cannot read the credentials key {path}: {exc}") from None
        return cls(_parse_keys(text, str(path)))

    def encrypt(self, credentials: Mapping[str, str | Secret]) -> str:
        """Ciphertext for the desk to store, made with the newest key."""
        plain = {}
        for name, value in credentials.items():
            plain[str(name)] = value.reveal() if isinstance(value, Secret) else str(value)
        payload = json.dumps(plain, sort_keys=True).encode("utf-8")
        return self._fernet.encrypt(payload).decode("ascii")

    def decrypt(self, token: str) -> dict[str, Secret]:
        try:
            payload = self._fernet.decrypt(token.encode("ascii"))
        except (InvalidToken, UnicodeEncodeError, AttributeError):
            raise CredentialsError(
                "the stored credentials cannot be decrypted with the current key: the key may "
                "have been replaced without keeping the old one, or the stored value is "
                "damaged; enter the channel's credentials again") from None
        values = json.loads(payload.decode("utf-8"))
        return {name: Secret(value) for name, value in values.items()}

    def rotate(self, token: str) -> str:
        """The same credentials encrypted under the newest key."""
        try:
            return self._fernet.rotate(token.encode("ascii")).decode("ascii")
        except (InvalidToken, UnicodeEncodeError, AttributeError):
            raise CredentialsError(
                "cannot rotate: no current key decrypts these credentials") from None


def add_key(instance_dir: Path | str) -> Path:
    """Put a new key first in the instance folder's key file (keeping the old ones, so
    existing tokens still decrypt until they are rotated). Returns the file's path."""
    path = _key_file(Path(instance_dir), create=True)
    lines = path.read_text(encoding="ascii").splitlines()
    comments = [line for line in lines if line.startswith("#")]
    keys = [line for line in lines if line.strip() and not line.startswith("#")]
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write("\n".join([*comments, generate_key(), *keys]) + "\n")
    os.replace(temporary, path)
    return path
