"""The Instagram connector against recorded Graph API answers (tests/contracts/instagram)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs

import pytest
import responses
from connector_cassettes import replay

from civicpost.connectors import ConnectorError, Media, MessageKind, OutgoingPost, connector_for
from civicpost.connectors.instagram import InstagramConnector

IG_USER = "17841400000000001"
JPEG = Media(b"\xff\xd8\xff\xe0" + b"\x00" * 300, "image/jpeg", "Stalls on the high street at dusk")


class MediaHost:
    """Stands in for the desk's public media folder: records what it was asked to host."""

    def __init__(self) -> None:
        self.hosted: list[Media] = []

    def __call__(self, media: Media) -> str:
        self.hosted.append(media)
        return f"https://desk.loughton-tc.gov.uk/media/{len(self.hosted)}.jpg"


def connector(host: MediaHost | None = None) -> InstagramConnector:
    made = connector_for("instagram", {"access_token": "IGQ-token"},
                         {"ig_user_id": IG_USER, "media_url_for": host or MediaHost()})
    assert isinstance(made, InstagramConnector)
    return made


def a_post(**changes: object) -> OutgoingPost:
    fields: dict[str, object] = {"text": "The Christmas market is back! #Loughton",
                                 "idempotency_key": "post-5/instagram", "media": (JPEG,)}
    return OutgoingPost(**{**fields, **changes})  # type: ignore[arg-type]


def failure(cassette: str) -> ConnectorError:
    replay(responses.mock, "instagram", cassette)
    with pytest.raises(ConnectorError) as caught:
        connector().publish(a_post())
    return caught.value


@responses.activate
def test_an_image_post_is_a_container_then_a_publish_with_alt_text_and_caption() -> None:
    replay(responses.mock, "instagram", "publish_image")
    host = MediaHost()

    published = connector(host).publish(a_post())

    assert published.external_id == "17920238422030506"
    assert published.url == "https://www.instagram.com/p/C8xYz12AbCd/"
    assert published.published_at == dt.datetime(2026, 6, 1, 10, 25, 31, tzinfo=dt.UTC)
    assert host.hosted == [JPEG]
    container = parse_qs(responses.calls[0].request.body)
    assert container["image_url"] == ["https://desk.loughton-tc.gov.uk/media/1.jpg"]
    assert container["caption"] == ["The Christmas market is back! #Loughton"]
    assert container["alt_text"] == ["Stalls on the high street at dusk"]
    assert parse_qs(responses.calls[2].request.body)["creation_id"] == ["17889455560051444"]


def test_a_post_without_an_image_is_stopped_before_any_call() -> None:
    findings = connector().check_limits(a_post(media=()))
    assert [f.code for f in findings] == ["PL006"]
    assert connector().check_limits(a_post(media=(), reply_to="17858893269000001")) == []


@responses.activate
def test_a_rate_limit_is_transient_with_the_wait_from_the_usage_header() -> None:
    error = failure("rate_limited")
    assert not error.permanent and error.retry_after == 30 * 60
    assert error.platform_reason.startswith("There have been too many calls to this Instagram account.")


@responses.activate
def test_an_expired_token_is_permanent() -> None:
    error = failure("expired_token")
    assert error.permanent and "Session has expired" in error.platform_reason


@responses.activate
def test_an_image_instagram_cannot_fetch_is_permanent_in_its_own_words() -> None:
    error = failure("media_not_fetched")
    assert error.permanent
    assert error.platform_reason.startswith("The media could not be fetched from this uri")


@responses.activate
def test_a_server_error_is_transient() -> None:
    error = failure("server_error")
    assert not error.permanent


@responses.activate
def test_fetch_returns_residents_comments_and_replies_not_the_councils() -> None:
    replay(responses.mock, "instagram", "fetch_comments")

    fetched = connector().fetch(None)

    question, thanks = fetched.messages
    assert question.kind is MessageKind.COMMENT and question.author_handle == "loughton_mum"
    assert question.in_reply_to == "17920238422030506"
    assert thanks.text == "Thanks!" and thanks.in_reply_to == "17858893269000001"
    assert any("direct messages are not fetched" in note for note in fetched.notes)


def test_deleting_a_post_says_to_use_the_app() -> None:
    with responses.RequestsMock() as mock:
        mock.add(responses.DELETE, "https://graph.facebook.com/v25.0/17920238422030506", status=400,
                 json={"error": {"message": ("(#3) Application does not have the capability to "
                                             "make this API call."),
                                 "type": "OAuthException", "code": 3, "fbtrace_id": "AbC"}})
        with pytest.raises(ConnectorError, match="delete a post in the Instagram app") as caught:
            connector().delete("17920238422030506")
    assert caught.value.permanent and caught.value.platform_reason.startswith("(#3)")
