"""The Mastodon connector against recorded Mastodon answers (tests/contracts/mastodon),
with Mastodon.py itself making and parsing the requests."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs

import pytest
import responses
from connector_cassettes import replay

from civicpost.connectors import ConnectorError, Media, MessageKind, OutgoingPost, connector_for
from civicpost.connectors.mastodon import MastodonConnector

INSTANCE = "https://mastodon.example"
ALT = "The pond at Roding Valley after the volunteers' clean-up"
TEXT = "Thank you to everyone who helped clean the pond on Saturday."


def connector() -> MastodonConnector:
    made = connector_for("mastodon", {"access_token": "token-from-the-vault"},
                         {"api_base_url": INSTANCE})
    assert isinstance(made, MastodonConnector)
    return made


def a_post(text: str = TEXT, **changes: object) -> OutgoingPost:
    fields: dict[str, object] = {
        "text": text, "idempotency_key": "post-17/mastodon",
        "media": (Media(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png", ALT),)}
    return OutgoingPost(**{**fields, **changes})  # type: ignore[arg-type]


@responses.activate
def test_publishing_sends_the_idempotency_key_and_the_image_description() -> None:
    replay(responses.mock, "mastodon", "instance")
    replay(responses.mock, "mastodon", "publish_with_image")

    published = connector().publish(a_post())

    assert published.external_id == "113512345699999999"
    assert published.url == "https://mastodon.example/@loughtontc/113512345699999999"
    assert published.published_at == dt.datetime(2026, 6, 1, 10, 25, 31, tzinfo=dt.UTC)
    media_call, status_call = responses.calls[1], responses.calls[2]
    assert b"Roding Valley" in media_call.request.body
    assert status_call.request.headers["Idempotency-Key"] == "post-17/mastodon"
    assert status_call.request.headers["Authorization"] == "Bearer token-from-the-vault"
    form = parse_qs(status_call.request.body)
    assert form["status"] == [TEXT] and form["media_ids[]"] == ["113512345678901234"]


@responses.activate
def test_a_rate_limit_is_transient_with_the_wait_from_the_reset_header() -> None:
    replay(responses.mock, "mastodon", "instance")
    replay(responses.mock, "mastodon", "publish_rate_limited")

    with pytest.raises(ConnectorError) as caught:
        connector().publish(a_post(media=()))

    assert not caught.value.permanent
    assert caught.value.platform_reason == "Too many requests"
    assert caught.value.retry_after is not None and 290 <= caught.value.retry_after <= 300


@responses.activate
def test_an_invalid_token_is_permanent_in_mastodons_words() -> None:
    replay(responses.mock, "mastodon", "instance")
    replay(responses.mock, "mastodon", "publish_invalid_token")

    with pytest.raises(ConnectorError) as caught:
        connector().publish(a_post(media=()))

    assert caught.value.permanent
    assert caught.value.platform_reason == "The access token is invalid"


@responses.activate
def test_a_validation_error_is_permanent_in_mastodons_words() -> None:
    replay(responses.mock, "mastodon", "instance")
    replay(responses.mock, "mastodon", "publish_validation_failed")

    with pytest.raises(ConnectorError) as caught:
        connector().publish(a_post(media=()))

    assert caught.value.permanent
    assert caught.value.platform_reason == "Validation failed: Text character limit of 500 exceeded"


@responses.activate
def test_a_server_error_is_transient() -> None:
    replay(responses.mock, "mastodon", "instance")
    replay(responses.mock, "mastodon", "publish_server_error")

    with pytest.raises(ConnectorError) as caught:
        connector().publish(a_post(media=()))

    assert not caught.value.permanent and caught.value.retry_after is None


@responses.activate
def test_the_instances_own_limits_apply_before_sending() -> None:
    replay(responses.mock, "mastodon", "instance")

    findings = connector().check_limits(a_post(text="a" * 501))

    assert [f.code for f in findings] == ["PL001"]
    assert len(responses.calls) == 1  # only the instance was asked


@responses.activate
def test_a_retry_within_the_hour_leans_on_the_server_key() -> None:
    replay(responses.mock, "mastodon", "instance")
    replay(responses.mock, "mastodon", "publish_with_image")
    retry = a_post(first_attempt_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=3))

    published = connector().publish(retry)

    assert published.external_id == "113512345699999999"
    assert [c.request.url.split("?")[0] for c in responses.calls] == [
        f"{INSTANCE}/api/v2/instance/", f"{INSTANCE}/api/v2/media", f"{INSTANCE}/api/v1/statuses"]
    assert responses.calls[2].request.headers["Idempotency-Key"] == "post-17/mastodon"


@responses.activate
def test_fetch_sorts_mentions_into_replies_and_direct_messages() -> None:
    replay(responses.mock, "mastodon", "fetch_notifications")

    fetched = connector().fetch("9000")

    assert fetched.cursor == "9005"
    reply, dm = fetched.messages  # oldest first
    assert reply.kind is MessageKind.REPLY and reply.in_reply_to == "113512345699999999"
    assert reply.text == "@loughtontc Brilliant work, thank you!\nSee you next time."
    assert reply.author_name == "pbrook"  # no display name: the handle stands in
    assert dm.kind is MessageKind.DM and dm.author_handle == "jharris@social.example"
    assert dm.text.endswith("I'd like to make a complaint about the parking on Church Hill.")
    assert dm.created_at == dt.datetime(2026, 6, 2, 8, 15, tzinfo=dt.UTC)
    notification_calls = [c for c in responses.calls if "/notifications" in c.request.url]
    assert "min_id=9000" in notification_calls[0].request.url
    assert "min_id=9005" in notification_calls[1].request.url
