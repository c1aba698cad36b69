"""Replays recorded platform responses (``tests/contracts/<platform>/*.yaml``) with the
``responses`` library, so the real client libraries (Mastodon.py, tweepy, requests) parse
them exactly as they would the platform's answer.

A cassette is a list of interactions, each a request (method and URL, no query string)
and the response (status, headers, and a ``json`` or ``body``). Responses for one URL are
served in the order written. Two placeholders stand for times that must be recent when
the test runs: ``{now+N}`` in a header is the Unix time N seconds after the replay starts
(a rate-limit reset), and ``"{recent}"`` in a JSON value is a minute before it, written as
the Graph API writes times (a comment or post made just now).
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import responses
import yaml

CONTRACTS = Path(__file__).parent / "contracts"
_NOW = re.compile(r"\{now\+(\d+)\}")


def load(platform: str, name: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((CONTRACTS / platform / f"{name}.yaml").read_text(encoding="utf-8"))
    return list(data["interactions"])


def _recent(value: Any, moment: str) -> Any:
    if isinstance(value, dict):
        return {key: _recent(item, moment) for key, item in value.items()}
    if isinstance(value, list):
        return [_recent(item, moment) for item in value]
    return moment if value == "{recent}" else value


def replay(mock: responses.RequestsMock, platform: str, name: str) -> list[dict[str, Any]]:
    interactions = load(platform, name)
    started = int(time.time())
    recent = time.strftime("%Y-%m-%dT%H:%M:%S+0000", time.gmtime(started - 60))
    for interaction in interactions:
        request, response = interaction["request"], interaction["response"]
        headers = {key: _NOW.sub(lambda m: str(started + int(m.group(1))), str(value))
                   for key, value in (response.get("headers") or {}).items()}
        content_type = headers.pop("Content-Type", None) or headers.pop("content-type", None)
        kwargs: dict[str, Any] = {"status": response["status"], "headers": headers}
        if "json" in response:
            kwargs["json"] = _recent(response["json"], recent)
            kwargs["content_type"] = content_type or "application/json"
        else:
            kwargs["body"] = response.get("body", "")
            kwargs["content_type"] = content_type or "text/plain"
        mock.add(request["method"], request["url"], **kwargs)
    return interactions
