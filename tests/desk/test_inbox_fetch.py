"""The worker's inbox duty with a stand-in connector (a platform cannot run here): messages since
the stored cursor are stored, then the cursor is saved; the same message fetched twice adds
nothing; a failing platform or a failed store never moves the cursor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from unittest import mock

import pytest
from django.utils import timezone

from civicpost.connectors import Connector, ConnectorError, Fetched, IncomingMessage, MessageKind, Published
from civicpost.connectors.base import OutgoingPost
from civicpost.desk.channels import transport
from civicpost.desk.channels.models import ChannelAccount
from civicpost.desk.inbox import arrival, fetching
from civicpost.desk.inbox.models import ChannelFetch, Message
from civicpost.desk.jobs import worker

from .conftest import Town


def incoming(n: int, text: str = "When is the bin on Church Lane being emptied?") -> IncomingMessage:
    return IncomingMessage(kind=MessageKind.REPLY, external_id=f"1099{n}", author_name="Ravi Chauhan",
                           author_handle="@ravic@social.example", text=text,
                           created_at=dt.datetime(2026, 12, 7, 9, n, tzinfo=dt.UTC),
                           url=f"https://social.example/@ravic/1099{n}", in_reply_to="555")


class Platform(Connector):
    """Answers fetches from a list of pages: each page is what arrived since the cursor it names."""

    platform = "mastodon"

    def __init__(self) -> None:
        self.pages: dict[str | None, Fetched] = {}
        self.asked: list[str | None] = []
        self.fail: ConnectorError | None = None

    def fetch(self, since_cursor: str | None) -> Fetched:
        self.asked.append(since_cursor)
        if self.fail is not None:
            raise self.fail
        return self.pages.get(since_cursor, Fetched((), since_cursor))

    def _publish(self, post: OutgoingPost) -> Published:
        raise AssertionError("the inbox never publishes")

    def delete(self, external_id: str) -> None: ...

    def check_credentials(self) -> str:
        return "@ltc on social.example"


@pytest.fixture
def platform() -> Iterator[Platform]:
    stand_in = Platform()
    transport.OVERRIDES["mastodon"] = lambda channel: stand_in
    yield stand_in
    transport.OVERRIDES.pop("mastodon", None)


@pytest.fixture
def mastodon(loughton: Town) -> ChannelAccount:
    return ChannelAccount.objects.create(council=loughton.council, platform="mastodon", name="Mastodon",
                                         handle="@ltc@social.example",
                                         platform_settings={"api_base_url": "https://social.example"})


def _later(minutes: int = 10) -> dt.datetime:
    return timezone.now() + dt.timedelta(minutes=minutes)


def test_new_messages_are_stored_and_then_the_cursor_is_saved(platform: Platform,
                                                              mastodon: ChannelAccount) -> None:
    platform.pages[None] = Fetched((incoming(1), incoming(2)), "cursor-2")
    assert fetching.fetch_channels() == 2
    mastodon.refresh_from_db()
    assert mastodon.fetch_cursor == "cursor-2"
    stored = Message.objects.filter(channel=mastodon).order_by("external_id")
    assert [m.external_id for m in stored] == ["10991", "10992"]
    assert all(m.kind == "reply" and m.has("question") and m.author_key == "mastodon:ravic@social.example"
               for m in stored)
    platform.pages["cursor-2"] = Fetched((incoming(3),), "cursor-3")
    assert fetching.fetch_channels(_later()) == 1
    assert platform.asked == [None, "cursor-2"]


def test_a_message_fetched_twice_is_stored_once(platform: Platform, mastodon: ChannelAccount) -> None:
    platform.pages[None] = Fetched((incoming(1),), "cursor-1")
    platform.pages["cursor-1"] = Fetched((incoming(1), incoming(2)), "cursor-2")
    fetching.fetch_channels()
    assert fetching.fetch_channels(_later()) == 1
    assert Message.objects.filter(channel=mastodon).count() == 2


def test_a_platform_error_keeps_the_cursor_and_waits_before_trying_again(platform: Platform,
                                                                          mastodon: ChannelAccount) -> None:
    mastodon.fetch_cursor = "cursor-7"
    mastodon.save()
    platform.fail = ConnectorError("rate limited", permanent=False, retry_after=300,
                                   platform_reason="Too many requests")
    assert fetching.fetch_channels() == 0
    mastodon.refresh_from_db()
    row = ChannelFetch.objects.get(channel=mastodon)
    assert mastodon.fetch_cursor == "cursor-7"
    assert "Too many requests" in row.last_error and row.failures == 1
    assert row.next_fetch > timezone.now() + dt.timedelta(seconds=250)
    assert fetching.fetch_channels(_later(1)) == 0 and len(platform.asked) == 1  # not yet
    platform.fail = None
    platform.pages["cursor-7"] = Fetched((incoming(1),), "cursor-8")
    assert fetching.fetch_channels(_later(6)) == 1
    row.refresh_from_db()
    assert row.last_error == "" and row.failures == 0


def test_the_queue_says_when_a_channel_cannot_be_fetched(platform: Platform, mastodon: ChannelAccount,
                                                         loughton: Town) -> None:
    from .conftest import signed_in

    platform.fail = ConnectorError("token revoked", permanent=True,
                                   platform_reason="The access token is invalid")
    fetching.fetch_channels()
    page = signed_in(loughton.officer).get("/inbox/").content.decode()
    assert "Messages cannot be fetched from Mastodon" in page and "The access token is invalid" in page


def test_when_storing_fails_the_cursor_is_not_saved_and_nothing_is_lost(platform: Platform,
                                                                        mastodon: ChannelAccount) -> None:
    platform.pages[None] = Fetched((incoming(1), incoming(2)), "cursor-2")
    with mock.patch.object(arrival, "triaged", side_effect=RuntimeError("disk full")):
        assert fetching.fetch_channels() == 0
    mastodon.refresh_from_db()
    assert mastodon.fetch_cursor == "" and Message.objects.count() == 0
    assert "disk full" in ChannelFetch.objects.get(channel=mastodon).last_error
    assert fetching.fetch_channels(_later(30)) == 2  # asked again from the old cursor
    assert platform.asked == [None, None]


def test_manual_and_inactive_channels_are_not_fetched(platform: Platform, mastodon: ChannelAccount,
                                                      loughton: Town) -> None:
    mastodon.active = False
    mastodon.save()
    platform.pages[None] = Fetched((incoming(1),), "cursor-1")
    assert fetching.fetch_channels() == 0
    assert platform.asked == []
    assert not ChannelFetch.objects.filter(channel=loughton.channel).exists()


def test_a_channel_claimed_by_another_worker_is_left_alone(platform: Platform,
                                                           mastodon: ChannelAccount) -> None:
    platform.pages[None] = Fetched((incoming(1),), "cursor-1")
    ChannelFetch.objects.create(channel=mastodon, claimed_by="other:1", claimed_at=timezone.now())
    assert fetching.fetch_channels() == 0 and platform.asked == []
    # A claim left by a worker that died is taken over once it is stale.
    assert fetching.fetch_channels(_later(11)) == 1


def test_the_worker_runs_the_inbox_duty(platform: Platform, mastodon: ChannelAccount) -> None:
    platform.pages[None] = Fetched((incoming(1),), "cursor-1")
    done = worker.tick()
    assert done["fetch_channels"] == 1


def test_a_reply_to_a_council_post_is_linked_to_it(platform: Platform, mastodon: ChannelAccount,
                                                   loughton: Town) -> None:
    from civicpost.desk.posts.models import Publication

    from .conftest import draft

    post = draft(loughton, "Bonfire night on the common, gates open 6pm.")
    Publication.objects.create(post=post, version=post.current_version, channel=mastodon,
                               idempotency_key="k", state="published", external_id="555",
                               url="https://social.example/@ltc/555")
    platform.pages[None] = Fetched((incoming(1),), "cursor-1")
    fetching.fetch_channels()
    assert Message.objects.get().answers_post == post
