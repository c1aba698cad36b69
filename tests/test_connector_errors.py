"""Every platform failure becomes one ConnectorError the outbox can act on: permanent or
transient, when to retry, and the platform's own words for the officer."""

from __future__ import annotations

import datetime as dt

import pytest
import requests
from atproto_client import exceptions as atproto_errors
from atproto_client.models.common import XrpcError
from atproto_client.request import Response as AtprotoResponse

from civicpost.connectors import ConnectorError, OutgoingPost, PublishState, connector_for
from civicpost.connectors.bluesky import map_error as bluesky_error
from civicpost.connectors.graph import map_response_error
from civicpost.connectors.watermark import Watermark


def xrpc(status: int, error: str, message: str, **headers: str) -> AtprotoResponse:
    return AtprotoResponse(success=False, status_code=status,
                           content=XrpcError(error=error, message=message), headers=headers)


def graph_response(status: int, body: str, **headers: str) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response._content = body.encode()
    response.headers.update(headers)
    return response


def test_a_bluesky_rate_limit_waits_for_retry_after_or_the_reset_time() -> None:
    with_retry_after = atproto_errors.RateLimitExceededError(
        xrpc(429, "RateLimitExceeded", "Rate Limit Exceeded", **{"retry-after": "120"}))
    error = bluesky_error(with_retry_after, "publishing")
    assert not error.permanent and error.retry_after == 120
    assert error.platform_reason == "RateLimitExceeded: Rate Limit Exceeded"
    reset = int(dt.datetime.now(dt.UTC).timestamp()) + 3600
    with_reset = atproto_errors.RateLimitExceededError(
        xrpc(429, "RateLimitExceeded", "Rate Limit Exceeded", **{"ratelimit-reset": str(reset)}))
    assert 3590 <= (bluesky_error(with_reset, "publishing").retry_after or 0) <= 3600


def test_a_bluesky_validation_error_is_permanent_and_keeps_the_services_words() -> None:
    refused = atproto_errors.BadRequestError(
        xrpc(400, "InvalidRequest", "Invalid app.bsky.feed.post record: Record/text must not be "
             "longer than 300 graphemes"))
    error = bluesky_error(refused, "publishing")
    assert error.permanent
    assert error.platform_reason.endswith("must not be longer than 300 graphemes")


def test_bluesky_network_failures_and_5xx_are_transient() -> None:
    assert not bluesky_error(atproto_errors.NetworkError(), "publishing").permanent
    upstream = atproto_errors.NetworkError(xrpc(502, "UpstreamFailure", "Upstream service unreachable"))
    assert not bluesky_error(upstream, "fetching").permanent
    too_big = atproto_errors.NetworkError(xrpc(413, "PayloadTooLarge", "request entity too large"))
    assert bluesky_error(too_big, "uploading").permanent


def test_graph_throttling_is_transient_whatever_the_http_status() -> None:
    body = ('{"error":{"message":"(#4) Application request limit reached","type":"OAuthException",'
            '"is_transient":true,"code":4,"fbtrace_id":"Ab"}}')
    error = map_response_error(graph_response(403, body), "Facebook", "publishing")
    assert not error.permanent and error.platform_reason == "(#4) Application request limit reached"


def test_graph_permission_errors_are_permanent() -> None:
    body = ('{"error":{"message":"(#200) The user hasn\'t authorized the application to perform '
            'this action","type":"OAuthException","code":200,"fbtrace_id":"Ab"}}')
    error = map_response_error(graph_response(403, body), "Facebook", "publishing")
    assert error.permanent and error.platform_reason.startswith("(#200)")


def test_a_graph_gateway_page_that_is_not_json_is_transient() -> None:
    error = map_response_error(graph_response(502, "<html>Bad Gateway</html>"), "Facebook", "publishing")
    assert not error.permanent and "Bad Gateway" in error.platform_reason


def test_an_unknown_platform_or_missing_settings_are_clear_permanent_errors() -> None:
    with pytest.raises(ConnectorError, match="no connector for platform 'myspace'") as caught:
        connector_for("myspace", {}, {})
    assert caught.value.permanent
    with pytest.raises(ConnectorError, match="page_id"):
        connector_for("facebook", {"page_access_token": "t"}, {})
    with pytest.raises(ConnectorError, match="app_password"):
        connector_for("bluesky", {"handle": "council.bsky.social"}, {})


def test_the_manual_channel_publishes_as_pending_and_fetches_nothing() -> None:
    manual = connector_for("manual", None, {"name": "Noticeboard"})
    published = manual.publish(OutgoingPost(text="Parish assembly, 20 May, 7pm",
                                            idempotency_key="p-1/manual"))
    assert published.state is PublishState.PENDING and published.url is None
    assert published.external_id == "manual:p-1/manual"
    assert manual.fetch("c").messages == ()
    assert "Noticeboard" in manual.check_credentials()


def test_a_damaged_watermark_cursor_is_a_clear_error_and_the_mark_never_passes_now() -> None:
    with pytest.raises(ConnectorError, match="cursor is damaged"):
        Watermark.load("{not json", "Facebook")
    mark = Watermark.load(None, "Facebook")
    assert mark.since < dt.datetime.now(dt.UTC)
