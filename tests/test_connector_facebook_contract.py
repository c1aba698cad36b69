"""The Facebook Pages connector against recorded Graph API answers
(tests/contracts/facebook), through requests."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs

import pytest
import responses
from connector_cassettes import replay

from civicpost.connectors import ConnectorError, Media, MessageKind, OutgoingPost, connector_for
from civicpost.connectors.facebook import FacebookConnector
from civicpost.connectors.graph import GRAPH_API_VERSION

PAGE = "1234567890"
GRAPH = f"https://graph.facebook.com/{GRAPH_API_VERSION}"


def connector() -> FacebookConnector:
    made = connector_for("facebook", {"page_access_token": "EAAG-page-token"}, {"page_id": PAGE})
    assert isinstance(made, FacebookConnector)
    return made


def a_post(text: str = "Grass cutting on the green this Friday.", **changes: object) -> OutgoingPost:
    fields: dict[str, object] = {"text": text, "idempotency_key": "post-9/facebook"}
    return OutgoingPost(**{**fields, **changes})  # type: ignore[arg-type]


def failure(cassette: str) -> ConnectorError:
    replay(responses.mock, "facebook", cassette)
    with pytest.raises(ConnectorError) as caught:
        connector().publish(a_post())
    return caught.value


@responses.activate
def test_a_text_post_goes_to_the_page_feed_and_comes_back_with_its_link() -> None:
    replay(responses.mock, "facebook", "publish_text")

    published = connector().publish(a_post())

    assert published.external_id == "1234567890_987654321"
    assert published.url == "https://www.facebook.com/1234567890/posts/987654321"
    assert published.published_at == dt.datetime(2026, 6, 1, 10, 25, 31, tzinfo=dt.UTC)
    form = parse_qs(responses.calls[0].request.body)
    assert form["message"] == ["Grass cutting on the green this Friday."]
    assert form["access_token"] == ["EAAG-page-token"]
    assert responses.calls[0].request.url == f"{GRAPH}/{PAGE}/feed"  # the token is not in the URL


@responses.activate
def test_a_photo_post_uploads_the_image_with_the_text_as_caption() -> None:
    replay(responses.mock, "facebook", "publish_photo")
    image = b"\xff\xd8\xff\xe0" + b"\x00" * 200

    published = connector().publish(a_post(media=(Media(image, "image/jpeg", "The green, freshly cut"),)))

    assert published.external_id == "1234567890_987654322"
    body = responses.calls[0].request.body
    assert image in body and b"Grass cutting on the green this Friday." in body


@responses.activate
def test_a_rate_limit_is_transient_and_waits_as_long_as_the_usage_header_says() -> None:
    error = failure("rate_limited")
    assert not error.permanent
    assert error.retry_after == 15 * 60
    assert error.platform_reason.startswith("There have been too many calls to this Page account.")


@responses.activate
def test_an_expired_token_is_permanent_with_facebooks_explanation() -> None:
    error = failure("expired_token")
    assert error.permanent and error.retry_after is None
    assert error.platform_reason.startswith("Error validating access token: Session has expired")
    assert error.code == 190 and error.subcode == 463  # type: ignore[attr-defined]


@responses.activate
def test_a_validation_error_shows_facebooks_words_to_the_officer() -> None:
    error = failure("validation_error")
    assert error.permanent
    assert error.platform_reason == ("Your post needs a message or an attachment. "
                                     "((#100) Invalid parameter)")


@responses.activate
def test_a_server_error_is_transient() -> None:
    error = failure("server_error")
    assert not error.permanent and error.platform_reason == "(#2) Service temporarily unavailable"


@responses.activate
def test_facebooks_duplicate_refusal_returns_the_earlier_post() -> None:
    replay(responses.mock, "facebook", "duplicate_then_found")

    published = connector().publish(a_post())

    assert published.already_existed and published.external_id == "1234567890_987654329"


@responses.activate
def test_a_retry_after_an_unknown_outcome_finds_the_first_attempt_and_posts_nothing() -> None:
    replay(responses.mock, "facebook", "duplicate_then_found")
    responses.mock.remove(responses.POST, f"{GRAPH}/{PAGE}/feed")
    first_attempt = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=2)

    published = connector().publish(a_post(first_attempt_at=first_attempt))

    assert published.external_id == "1234567890_987654329" and published.already_existed
    assert [c.request.method for c in responses.calls] == ["GET"]
    assert "since=" in responses.calls[0].request.url


@responses.activate
def test_a_retry_whose_text_is_not_on_the_page_publishes() -> None:
    replay(responses.mock, "facebook", "duplicate_then_found")
    responses.mock.remove(responses.POST, f"{GRAPH}/{PAGE}/feed")
    replay(responses.mock, "facebook", "publish_text")
    retry = a_post(text="Bonfire night: the park gates close at 9pm.",
                   first_attempt_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=2))

    published = connector().publish(retry)

    assert published.external_id == "1234567890_987654321" and not published.already_existed


@responses.activate
def test_fetch_returns_residents_comments_and_messages_but_not_the_pages_own() -> None:
    replay(responses.mock, "facebook", "fetch_inbox")

    fetched = connector().fetch(None)

    texts = {m.text: m for m in fetched.messages}
    assert set(texts) == {"Will the car park be open on Sunday?", "Thank you!",
                          "I want to report fly-tipping behind the library."}
    question = texts["Will the car park be open on Sunday?"]
    assert question.kind is MessageKind.COMMENT and question.author_name == "Sam Okafor"
    assert question.in_reply_to == "1234567890_987654321"
    assert texts["Thank you!"].author_name == "a Facebook user"  # no "from": privacy or permission
    assert texts["Thank you!"].in_reply_to == "987654321_1112"
    assert texts["I want to report fly-tipping behind the library."].kind is MessageKind.DM
    assert all(m.created_at.tzinfo is not None for m in fetched.messages)


@responses.activate
def test_a_second_fetch_does_not_repeat_what_the_first_returned() -> None:
    replay(responses.mock, "facebook", "fetch_inbox")
    replay(responses.mock, "facebook", "fetch_inbox")
    first = connector().fetch(None)

    second = connector().fetch(first.cursor)

    assert len(first.messages) == 3 and second.messages == ()


@responses.activate
def test_deleting_a_post_already_gone_is_not_an_error() -> None:
    responses.add(responses.DELETE, f"{GRAPH}/1234567890_987654321", status=400, json={"error": {
        "message": ("Unsupported delete request. Object with ID '1234567890_987654321' does not "
                    "exist, cannot be loaded due to missing permissions, or does not support "
                    "this operation."),
        "type": "GraphMethodException", "code": 100, "error_subcode": 33,
        "fbtrace_id": "AbC123"}})
    connector().delete("1234567890_987654321")
    assert len(responses.calls) == 1
