"""Meta's Graph API over ``requests``, shared by the Facebook and Instagram connectors.

Meta's Python SDK (facebook-business) is built for the Marketing API; for a few Page
and Instagram calls a small ``requests`` transport is plainer, and it is where the Graph
API's error object is mapped into :class:`ConnectorError`.

Errors follow "Handling Errors" (developers.facebook.com/docs/graph-api/guides/
error-handling): ``{"error": {"message", "type", "code", "error_subcode",
"error_user_title", "error_user_msg", "is_transient", "fbtrace_id"}}``. Throttling is
reported by code, not by HTTP status (codes 4, 17, 32, 341, 613 and the business use case
codes 80001-80014, usually with HTTP 400), with the wait in the ``X-Business-Use-Case-Usage``
header's ``estimated_time_to_regain_access`` (minutes) ("Rate Limits",
docs/graph-api/overview/rate-limiting).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import requests

from civicpost.connectors.base import ConnectorError

#: The Graph API version every call uses, pinned so Meta's version changes are a decision.
GRAPH_API_VERSION = "v25.0"
GRAPH_HOST = "https://graph.facebook.com"
TIMEOUT_SECONDS = 30

THROTTLING_CODES = frozenset({4, 17, 32, 341, 613, *range(80001, 80015)})
TRANSIENT_CODES = frozenset({1, 2, 368})  # unknown / service / temporarily blocked: "wait and retry"
TOKEN_CODES = frozenset({102, 190})
DUPLICATE_POST = 506


class GraphError(ConnectorError):
    """A Graph API error, with Meta's code and subcode for callers that need them."""

    def __init__(self, message: str, *, permanent: bool, retry_after: float | None,
                 platform_reason: str, code: int | None, subcode: int | None,
                 fbtrace_id: str | None) -> None:
        super().__init__(message, permanent=permanent, retry_after=retry_after,
                         platform_reason=platform_reason)
        self.code = code
        self.subcode = subcode
        self.fbtrace_id = fbtrace_id


def _regain_access_seconds(headers: Mapping[str, str]) -> float | None:
    """The longest ``estimated_time_to_regain_access`` (minutes) in the usage headers."""
    waits = []
    for name in ("X-Business-Use-Case-Usage", "X-Page-Usage", "X-App-Usage"):
        raw = headers.get(name)
        if not raw:
            continue
        try:
            usage = json.loads(raw)
        except ValueError:
            continue
        entries: list[Any] = []
        if isinstance(usage, dict):
            for value in usage.values():
                entries.extend(value if isinstance(value, list) else [usage])
        for entry in entries:
            if isinstance(entry, dict) and isinstance(entry.get("estimated_time_to_regain_access"),
                                                      int | float):
                waits.append(float(entry["estimated_time_to_regain_access"]) * 60)
    retry_after = headers.get("Retry-After")
    if retry_after and retry_after.strip().isdigit():
        waits.append(float(retry_after))
    return max(waits) if waits else None


def map_response_error(response: requests.Response, platform: str, doing: str) -> GraphError:
    try:
        body = response.json()
    except ValueError:
        body = {}
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        permanent = 400 <= response.status_code < 500 and response.status_code != 429
        return GraphError(f"{platform} answered HTTP {response.status_code} while {doing}",
                          permanent=permanent, retry_after=_regain_access_seconds(response.headers),
                          platform_reason=response.text.strip()[:300] or response.reason or "",
                          code=None, subcode=None, fbtrace_id=None)
    code = error.get("code") if isinstance(error.get("code"), int) else None
    subcode = error.get("error_subcode") if isinstance(error.get("error_subcode"), int) else None
    reason = str(error.get("error_user_msg") or error.get("message") or "")
    if error.get("error_user_msg") and error.get("message"):
        reason = f"{error['error_user_msg']} ({error['message']})"
    throttled = code in THROTTLING_CODES or response.status_code == 429
    transient = (throttled or code in TRANSIENT_CODES or error.get("is_transient") is True
                 or response.status_code >= 500)
    if throttled:
        message = f"{platform} rate limit while {doing}"
    elif code in TOKEN_CODES:
        message = f"the {platform} access token no longer works ({doing})"
    elif transient:
        message = f"{platform} failed while {doing}"
    else:
        message = f"{platform} refused {doing}"
    return GraphError(message, permanent=not transient,
                      retry_after=_regain_access_seconds(response.headers) if throttled else None,
                      platform_reason=reason, code=code, subcode=subcode,
                      fbtrace_id=error.get("fbtrace_id"))


class GraphClient:
    """One access token against the Graph API. Every method returns the decoded JSON body
    or raises a :class:`GraphError` / :class:`ConnectorError`."""

    def __init__(self, access_token: str, *, platform: str, host: str = GRAPH_HOST,
                 version: str = GRAPH_API_VERSION, session: requests.Session | None = None) -> None:
        self._token = access_token
        self.platform = platform
        self.base = f"{host.rstrip('/')}/{version}"
        self.session = session or requests.Session()

    def __repr__(self) -> str:
        return f"GraphClient({self.platform}, {self.base}, token=********)"

    def request(self, method: str, path: str, doing: str, *, params: Mapping[str, Any] | None = None,
                data: Mapping[str, Any] | None = None,
                files: Mapping[str, Any] | None = None) -> dict[str, Any]:
        query = dict(params or {})
        form = dict(data or {})
        # The token travels in the body of a POST and in the query of a GET or DELETE, as
        # Meta's examples do; never in a log line.
        (form if method == "POST" else query)["access_token"] = self._token
        try:
            response = self.session.request(method, f"{self.base}/{path.lstrip('/')}",
                                            params=query, data=form or None, files=files,
                                            timeout=TIMEOUT_SECONDS)
        except requests.RequestException as exc:
            raise ConnectorError(f"could not reach {self.platform} while {doing}", permanent=False,
                                 platform_reason=type(exc).__name__) from None
        if not response.ok:
            raise map_response_error(response, self.platform, doing)
        try:
            body = response.json()
        except ValueError:
            raise ConnectorError(f"{self.platform} sent an answer that is not JSON while {doing}",
                                 permanent=False, platform_reason=response.text[:300]) from None
        if isinstance(body, dict) and isinstance(body.get("error"), dict):
            raise map_response_error(response, self.platform, doing)
        return body if isinstance(body, dict) else {"data": body}

    def get(self, path: str, doing: str, **params: Any) -> dict[str, Any]:
        return self.request("GET", path, doing, params=params)

    def post(self, path: str, doing: str, files: Mapping[str, Any] | None = None,
             **data: Any) -> dict[str, Any]:
        return self.request("POST", path, doing, data=data, files=files)

    def delete(self, path: str, doing: str) -> dict[str, Any]:
        return self.request("DELETE", path, doing)

    def pages(self, path: str, doing: str, max_pages: int, **params: Any) -> list[dict[str, Any]]:
        """The ``data`` items of up to ``max_pages`` pages, following ``paging.next``'s cursor."""
        items: list[dict[str, Any]] = []
        for _ in range(max_pages):
            body = self.get(path, doing, **params)
            items.extend(item for item in body.get("data", []) if isinstance(item, dict))
            after = ((body.get("paging") or {}).get("cursors") or {}).get("after")
            if not after or not (body.get("paging") or {}).get("next"):
                break
            params = {**params, "after": after}
        return items
