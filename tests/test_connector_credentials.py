"""Platform credentials are encrypted at rest with a key kept outside the database, keys
rotate, and a secret never shows itself in a repr, a log line or a traceback."""

from __future__ import annotations

import logging
import pickle
import stat
from pathlib import Path

import pytest

from civicpost.connectors.credentials import (
    KEY_ENVIRONMENT_VARIABLE,
    CredentialsError,
    CredentialVault,
    Secret,
    add_key,
    generate_key,
)
from civicpost.connectors.registry import connector_for

APP_PASSWORD = "abcd-efgh-ijkl-mnop"
CREDENTIALS = {"handle": "loughtontc.bsky.social", "app_password": APP_PASSWORD}


@pytest.fixture(autouse=True)
def no_key_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENVIRONMENT_VARIABLE, raising=False)


def test_credentials_round_trip_and_the_ciphertext_hides_them(tmp_path: Path) -> None:
    vault = CredentialVault.from_environment(tmp_path)
    token = vault.encrypt(CREDENTIALS)
    assert APP_PASSWORD not in token and "loughtontc" not in token
    decrypted = vault.decrypt(token)
    assert {name: value.reveal() for name, value in decrypted.items()} == CREDENTIALS


def test_the_key_file_is_made_once_readable_by_its_owner_only(tmp_path: Path) -> None:
    first = CredentialVault.from_environment(tmp_path)
    token = first.encrypt(CREDENTIALS)
    key_file = tmp_path / "credentials.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    again = CredentialVault.from_environment(tmp_path)  # a restart reads the same key
    assert again.decrypt(token)["app_password"].reveal() == APP_PASSWORD


def test_the_environment_variable_wins_over_the_key_file(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    key = generate_key()
    monkeypatch.setenv(KEY_ENVIRONMENT_VARIABLE, key)
    token = CredentialVault.from_environment(tmp_path).encrypt(CREDENTIALS)
    assert not (tmp_path / "credentials.key").exists()
    assert CredentialVault.from_keys([key]).decrypt(token)["handle"].reveal() == CREDENTIALS["handle"]


def test_rotation_encrypts_with_the_newest_key_and_any_key_decrypts(tmp_path: Path) -> None:
    old_vault = CredentialVault.from_environment(tmp_path)
    old_token = old_vault.encrypt(CREDENTIALS)
    add_key(tmp_path)
    rotated_vault = CredentialVault.from_environment(tmp_path)
    assert rotated_vault.decrypt(old_token)["app_password"].reveal() == APP_PASSWORD
    new_token = rotated_vault.rotate(old_token)
    new_key_only = CredentialVault.from_keys(
        [(tmp_path / "credentials.key").read_text().splitlines()[1]])
    assert new_key_only.decrypt(new_token)["app_password"].reveal() == APP_PASSWORD
    with pytest.raises(CredentialsError):
        new_key_only.decrypt(old_token)  # the old token needed the old key
    with pytest.raises(CredentialsError):
        old_vault.decrypt(new_token)


def test_a_missing_key_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CredentialsError, match="CIVICPOST_CREDENTIALS_KEY"):
        CredentialVault.from_environment(tmp_path, create=False)
    with pytest.raises(CredentialsError, match="CIVICPOST_CREDENTIALS_KEY"):
        CredentialVault.from_environment(None)


def test_a_malformed_key_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_ENVIRONMENT_VARIABLE, "not-a-key")
    with pytest.raises(CredentialsError, match="not a Fernet key"):
        CredentialVault.from_environment(None)


def test_a_wrong_key_or_damaged_token_says_what_to_do(tmp_path: Path) -> None:
    token = CredentialVault.from_environment(tmp_path).encrypt(CREDENTIALS)
    stranger = CredentialVault.from_keys([generate_key()])
    with pytest.raises(CredentialsError, match="enter the channel's credentials again"):
        stranger.decrypt(token)
    with pytest.raises(CredentialsError):
        CredentialVault.from_environment(tmp_path).decrypt(token[:-5] + "AAAAA")


def test_a_secret_is_masked_in_repr_str_format_and_logs(caplog: pytest.LogCaptureFixture,
                                                         tmp_path: Path) -> None:
    vault = CredentialVault.from_environment(tmp_path)
    decrypted = vault.decrypt(vault.encrypt(CREDENTIALS))
    secret = decrypted["app_password"]
    assert APP_PASSWORD not in repr(secret) + str(secret) + f"{secret}" + repr(decrypted)
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("civicpost.test").info("connecting with %s / %r", decrypted, secret)
    assert APP_PASSWORD not in caplog.text and "********" in caplog.text
    assert APP_PASSWORD not in repr(vault)
    with pytest.raises(TypeError):
        pickle.dumps(secret)


def test_a_connector_built_from_secrets_does_not_show_them(tmp_path: Path) -> None:
    vault = CredentialVault.from_environment(tmp_path)
    decrypted = vault.decrypt(vault.encrypt({"page_access_token": "EAAG-very-secret-token"}))
    connector = connector_for("facebook", decrypted, {"page_id": "1234567890"})
    assert "EAAG-very-secret-token" not in repr(connector.graph)  # type: ignore[attr-defined]
    assert Secret("x") == Secret("x") and Secret("x") != Secret("y")
