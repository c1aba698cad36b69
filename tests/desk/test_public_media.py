"""Instagram fetches a post's images from the desk while publishing: each image has a signed,
expiring address that opens that image and nothing else, without a sign-in."""

from __future__ import annotations

import time
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from civicpost.connectors import ConnectorError
from civicpost.connectors.base import Media
from civicpost.desk.channels.models import ChannelAccount
from civicpost.desk.channels.transport import connector, vault
from civicpost.desk.posts import public_media
from civicpost.desk.posts.models import Attachment

from .conftest import Town, signed_in

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
       b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00"
       b"\x00IEND\xaeB`\x82")
DESK = "https://desk.loughton-tc.example"


@pytest.fixture
def image(loughton: Town, settings) -> Attachment:
    settings.CIVICPOST_PUBLIC_URL = DESK + "/"
    signed_in(loughton.officer).post("/posts/new", {
        "text": "Our new benches in the park", "post_type": "promotion", "kind": "post", "action": "save",
        "channels": [str(loughton.channel.pk)], "image": SimpleUploadedFile("bench.png", PNG),
        "alt": "Two wooden benches under an oak tree"})
    return Attachment.objects.get()


def fetched(url: str):
    assert url.startswith(DESK + "/posts/media/")
    return Client().get(url.removeprefix(DESK))  # as the platform's server: no sign-in


def test_the_image_is_fetched_from_its_address_without_a_sign_in(image: Attachment) -> None:
    answer = fetched(public_media.media_url_for(Media(PNG, "image/png")))
    assert answer.status_code == 200
    assert answer["Content-Type"] == "image/png"
    assert b"".join(answer.streaming_content) == PNG


def test_a_changed_made_up_or_old_address_opens_nothing(image: Attachment) -> None:
    url = public_media.media_url_for(Media(PNG, "image/png"))
    assert fetched(url[:-3] + ("aaa" if not url.endswith("aaa") else "bbb")).status_code == 404
    assert fetched(public_media.media_url_for(Media(b"another picture", "image/png"))).status_code == 404
    later = time.time() + public_media.VALID_SECONDS + 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        assert fetched(url).status_code == 404


def test_an_image_removed_from_its_post_is_no_longer_served(image: Attachment) -> None:
    url = public_media.media_url_for(Media(PNG, "image/png"))
    Attachment.objects.filter(pk=image.pk).update(removed=True)
    assert fetched(url).status_code == 404


def test_instagram_channels_get_the_desks_addresses_and_a_clear_error_without_one(
        loughton: Town, settings) -> None:
    channel = ChannelAccount.objects.create(
        council=loughton.council, platform="instagram", name="Instagram", handle="loughtontc",
        platform_settings={"ig_user_id": "17841400000000000"},
        credentials=vault().encrypt({"access_token": "not-a-real-token"}))
    assert connector(channel).media_url_for is public_media.media_url_for
    settings.CIVICPOST_PUBLIC_URL = ""
    with pytest.raises(ConnectorError, match="set CIVICPOST_PUBLIC_URL") as raised:
        public_media.media_url_for(Media(PNG, "image/png"))
    assert raised.value.permanent
