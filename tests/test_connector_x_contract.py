"""The X connector against recorded X API answers (tests/contracts/x), with tweepy itself
making and parsing the requests (v2 Client, v1.1 media upload)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import responses
from connector_cassettes import replay

from civicpost.connectors import ConnectorError, Media, MessageKind, OutgoingPost, connector_for
from civicpost.connectors.x import XConnector, comparable

CREDENTIALS = {"consumer_key": "ck", "consumer_secret": "cs", "access_token": "at",
               "access_token_secret": "ats"}
TEXT = "Road closed on Forest Road for resurfacing, Tuesday 9am to 4pm. https://www.loughton-tc.gov.uk/roads"


def connector() -> XConnector:
    made = connector_for("x", CREDENTIALS, {})
    assert isinstance(made, XConnector)
    return made


def a_post(text: str = TEXT, **changes: object) -> OutgoingPost:
    fields: dict[str, object] = {"text": text, "idempotency_key": "post-3/x"}
    return OutgoingPost(**{**fields, **changes})  # type: ignore[arg-type]


def failure(cassette: str) -> ConnectorError:
    replay(responses.mock, "x", cassette)
    with pytest.raises(ConnectorError) as caught:
        connector().publish(a_post())
    return caught.value


@responses.activate
def test_an_image_post_uploads_through_v1_sets_alt_text_and_posts_through_v2() -> None:
    replay(responses.mock, "x", "publish_with_image")
    image = Media(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png", "Forest Road with the closure signs")

    published = connector().publish(a_post(media=(image,)))

    assert published.external_id == "1796543299999999999"
    assert published.url == "https://x.com/LoughtonTC/status/1796543299999999999"
    metadata = json.loads(responses.calls[1].request.body)
    assert metadata == {"media_id": 1796543210987654321,
                        "alt_text": {"text": "Forest Road with the closure signs"}}
    tweet = json.loads(responses.calls[2].request.body)
    assert tweet == {"text": TEXT, "media": {"media_ids": ["1796543210987654321"]}}
    assert responses.calls[2].request.headers["Authorization"].startswith("OAuth ")


@responses.activate
def test_a_rate_limit_is_transient_with_the_wait_until_the_reset() -> None:
    error = failure("publish_rate_limited")
    assert not error.permanent and error.platform_reason == "Too Many Requests"
    assert error.retry_after is not None and 590 <= error.retry_after <= 600


@responses.activate
def test_bad_credentials_are_permanent() -> None:
    error = failure("publish_unauthorized")
    assert error.permanent and error.platform_reason == "Unauthorized"


@responses.activate
def test_an_invalid_request_shows_each_of_xs_messages() -> None:
    error = failure("publish_invalid_request")
    assert error.permanent
    assert error.platform_reason == ("The `reply.in_reply_to_tweet_id` query parameter value "
                                     "[1796000000000000000] does not exist")


@responses.activate
def test_a_server_error_is_transient() -> None:
    error = failure("publish_server_error")
    assert not error.permanent and error.platform_reason == "Service Unavailable"


@responses.activate
def test_xs_duplicate_refusal_returns_the_post_the_first_attempt_made() -> None:
    replay(responses.mock, "x", "duplicate_then_found")
    text = "Road & footpath closed on Forest Road, Tuesday 9am to 4pm. https://www.loughton-tc.gov.uk/roads"

    published = connector().publish(a_post(text=text))

    assert published.already_existed and published.external_id == "1796543299999999990"
    assert published.published_at == dt.datetime(2026, 6, 1, 10, 25, 31, tzinfo=dt.UTC)
    assert "start_time=" in responses.calls[-1].request.url


def test_comparison_masks_links_and_decodes_entities_but_keeps_the_words() -> None:
    sent = "Fish & chips night https://www.loughton-tc.gov.uk/events/fish"
    assert comparable(sent) == comparable("Fish &amp; chips night https://t.co/Ab12Cd34Ef")
    assert comparable(sent) != comparable("Fish &amp; chips day https://t.co/Ab12Cd34Ef")


@responses.activate
def test_fetch_tells_replies_from_mentions_and_says_why_dms_are_missing() -> None:
    replay(responses.mock, "x", "fetch_inbox")

    fetched = connector().fetch(None)

    mention, reply = fetched.messages  # oldest first
    assert reply.kind is MessageKind.REPLY and reply.in_reply_to == "1796543299999999999"
    assert reply.author_handle == "ForestRdRes" and reply.author_name == "Forest Road Residents"
    assert mention.kind is MessageKind.MENTION and mention.in_reply_to is None
    assert mention.text == "Great turnout at the litter pick with @LoughtonTC & friends"
    assert mention.url == "https://x.com/alexk/status/1796600000000000001"
    assert fetched.cursor == "mentions=1796600000000000002"
    assert any("Direct messages were not fetched" in note and "Forbidden" in note
               for note in fetched.notes)


def test_a_damaged_cursor_is_a_clear_permanent_error() -> None:
    with pytest.raises(ConnectorError, match="cursor is damaged"):
        connector().fetch("mentions=not-a-number")
