"""The outbox with a platform that cannot run here: a stand-in connector that keeps posts by
idempotency key as the real platforms do, and fails when told to, as their APIs answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.utils import timezone

from civicpost.connectors import Connector, ConnectorError, Fetched, OutgoingPost, Published
from civicpost.desk.audit.models import AuditEvent
from civicpost.desk.channels import transport
from civicpost.desk.channels.models import ChannelAccount
from civicpost.desk.posts import delivery, publishing, services
from civicpost.desk.posts.models import Publication, Status

from .conftest import Town, draft, signed_in


class StandIn(Connector):
    platform = "mastodon"

    def __init__(self) -> None:
        self.posts: dict[str, OutgoingPost] = {}
        self.calls: list[OutgoingPost] = []
        self.fail: list[ConnectorError] = []

    def _publish(self, post: OutgoingPost) -> Published:
        self.calls.append(post)
        if self.fail:
            raise self.fail.pop(0)
        self.posts.setdefault(post.idempotency_key, post)
        return Published(external_id=f"id-{len(self.posts)}", url=f"https://social.example/@ltc/{len(self.posts)}",
                         published_at=timezone.now())

    def delete(self, external_id: str) -> None: ...

    def fetch(self, since_cursor: str | None) -> Fetched:
        return Fetched((), since_cursor)

    def check_credentials(self) -> str:
        return "@ltc on social.example"


@pytest.fixture
def platform() -> Iterator[StandIn]:
    stand_in = StandIn()
    transport.OVERRIDES["mastodon"] = lambda channel: stand_in
    yield stand_in
    transport.OVERRIDES.pop("mastodon", None)


def released(town: Town, text: str = "Bonfire night on the common, gates open 6pm.") -> Publication:
    channel = ChannelAccount.objects.create(council=town.council, platform="mastodon", name="Mastodon")
    post = draft(town, text)
    post.channels.set([channel])
    services.submit(post, town.officer)
    services.approve(post, town.clerk)
    publishing.publish_now(post, town.officer)
    return Publication.objects.get(post=post)


def test_a_queued_post_is_sent_once(loughton: Town, platform: StandIn) -> None:
    publication = released(loughton)
    assert delivery.deliver_queued() == 1
    assert delivery.deliver_queued() == 0
    publication.refresh_from_db()
    assert publication.state == Publication.State.PUBLISHED and publication.url.endswith("/1")
    assert len(platform.calls) == 1 and platform.calls[0].first_attempt_at is None
    publication.post.refresh_from_db()
    assert publication.post.status == Status.PUBLISHED


def test_a_rate_limit_waits_and_the_retry_asks_about_the_first_attempt(loughton: Town,
                                                                       platform: StandIn) -> None:
    publication = released(loughton)
    platform.fail.append(ConnectorError("rate limited", permanent=False, retry_after=120,
                                        platform_reason="Too many requests"))
    assert delivery.deliver_queued() == 0
    publication.refresh_from_db()
    assert publication.state == Publication.State.QUEUED
    assert publication.next_attempt > timezone.now() + dt.timedelta(seconds=100)
    assert delivery.deliver_queued() == 0  # not yet due
    assert delivery.deliver_queued(timezone.now() + dt.timedelta(minutes=3)) == 1
    assert platform.calls[-1].first_attempt_at is not None
    assert AuditEvent.objects.filter(action="post.publish-retry").exists()


def test_a_permanent_failure_is_shown_with_the_platforms_reason(
        loughton: Town, platform: StandIn, mailoutbox, django_capture_on_commit_callbacks) -> None:
    publication = released(loughton)
    platform.fail.append(ConnectorError("token revoked", permanent=True,
                                        platform_reason="The access token was revoked"))
    with django_capture_on_commit_callbacks(execute=True):
        delivery.deliver_queued()
    publication.refresh_from_db()
    assert publication.state == Publication.State.FAILED
    page = signed_in(loughton.officer).get(f"/posts/{publication.post_id}").content.decode()
    assert "The access token was revoked" in page
    assert any("could not be published" in m.subject for m in mailoutbox)
    delivery.retry_failed(publication, loughton.clerk)
    assert delivery.deliver_queued() == 1


def test_nothing_is_sent_while_publishing_is_paused(loughton: Town, platform: StandIn) -> None:
    from civicpost.desk.councils import services as council_services

    released(loughton)
    council_services.pause_publishing(loughton.council, loughton.clerk, "Purdah")
    assert delivery.deliver_queued() == 0 and platform.calls == []


def test_a_send_whose_worker_vanished_is_taken_back_after_the_lease(loughton: Town,
                                                                    platform: StandIn) -> None:
    publication = released(loughton)
    Publication.objects.filter(pk=publication.pk).update(
        state=Publication.State.SENDING, claimed_at=timezone.now() - dt.timedelta(minutes=10),
        first_attempt=timezone.now() - dt.timedelta(minutes=10), attempts=1)
    assert delivery.deliver_queued() == 1
    assert platform.calls[-1].first_attempt_at is not None


def test_a_post_too_long_for_the_platform_is_found_and_cannot_be_submitted(loughton: Town) -> None:
    channel = ChannelAccount.objects.create(council=loughton.council, platform="bluesky", name="Bluesky")
    text = "The parish council meets on Tuesday. " * 10
    client = signed_in(loughton.officer)
    page = client.post("/posts/new", {"text": text, "post_type": "promotion", "kind": "post",
                                      "channels": [str(channel.pk)], "action": "check"}).content.decode()
    assert "PL001" in page and "Text too long" in page
    response = client.post("/posts/new", {"text": text, "post_type": "promotion", "kind": "post",
                                          "channels": [str(channel.pk)], "action": "submit"})
    assert response.status_code == 400 and "The platform would refuse it" in response.content.decode()


def test_credentials_are_stored_encrypted_and_never_shown_again(loughton: Town, platform: StandIn) -> None:
    channel = ChannelAccount.objects.create(council=loughton.council, platform="mastodon", name="Mastodon")
    clerk = signed_in(loughton.clerk)
    token = "s3cr3t-token-that-must-not-leak"
    response = clerk.post(f"/settings/channels/{channel.pk}/connect",
                          {"access_token": token, "api_base_url": "https://social.example"})
    assert response.status_code == 302
    channel.refresh_from_db()
    assert token not in channel.credentials and channel.credentials
    assert transport.credentials_of(channel)["access_token"].reveal() == token
    assert token not in clerk.get(f"/settings/channels/{channel.pk}/connect").content.decode()
    assert token not in clerk.get("/settings", follow=True).content.decode()
    event = AuditEvent.objects.get(action="channel.credentials-changed")
    assert token not in str(event.details) and token not in event.summary
    assert signed_in(loughton.officer).get(f"/settings/channels/{channel.pk}/connect").status_code == 403
