"""Getting messages in through the pages: an export file uploaded for a channel gives a clear
report (imported, already stored, rejected with reasons), the same file twice adds nothing, a
file that is not an export gets one plain line and stores nothing, and a manual channel takes a
message typed in by hand."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from civicpost.desk.audit.log import verify
from civicpost.desk.audit.models import AuditEvent
from civicpost.desk.channels.models import ChannelAccount
from civicpost.desk.inbox import importing, services
from civicpost.desk.inbox.models import Arrival, Message

from .conftest import Town, signed_in
from .inbox_support import facebook_csv

COMMENTS = [
    ("1029384756_1", "Sandra Pike", "What time does the switch-on start on Saturday?", "2026-12-05T18:22:00"),
    ("1029384756_2", "Gary Doyle", "Another £12,000 on lights while Forest Road is one big pothole. "
                                   "Shambles.", "2026-12-05T19:05:00"),
    ("1029384756_3", "Loughton Town Council", "Hi Sandra, 5pm with the Mayor!", "2026-12-05T20:02:00"),
    ("1029384756_4", "Priti Shah", "Lovely photos, thank you to everyone who helped", "2026-12-05T20:30:00"),
]


def _upload(client: Any, channel: ChannelAccount, content: bytes, name: str = "comments.csv") -> Any:
    return client.post("/inbox/import", {"channel": str(channel.pk), "format": "",
                                         "export": SimpleUploadedFile(name, content)})


def test_an_uploaded_facebook_export_is_stored_and_reported(loughton: Town) -> None:
    client = signed_in(loughton.officer)
    response = _upload(client, loughton.channel, facebook_csv(COMMENTS))
    assert response.status_code == 302
    report = client.get(response["Location"]).content.decode()
    arrival = Arrival.objects.get()
    assert (arrival.imported, arrival.duplicates, len(arrival.skipped)) == (3, 0, 1)
    assert "the council&#x27;s own account" in report or "the council's own account" in report
    texts = set(Message.objects.values_list("text", flat=True))
    assert "Hi Sandra, 5pm with the Mayor!" not in texts  # the council's own reply is left out
    assert len(texts) == 3
    question = Message.objects.get(external_id="1029384756_1")
    assert question.author_name == "Sandra Pike" and question.kind == "comment"
    assert question.link.endswith("comment_id=1029384756_1")
    assert question.has("question")


def test_importing_the_same_file_twice_adds_nothing(loughton: Town) -> None:
    client = signed_in(loughton.officer)
    content = facebook_csv(COMMENTS)
    _upload(client, loughton.channel, content)
    second = _upload(client, loughton.channel, content, name="comments (1).csv")
    assert Message.objects.count() == 3
    report = client.get(second["Location"]).content.decode()
    latest = Arrival.objects.order_by("-pk").first()
    assert latest is not None and (latest.imported, latest.duplicates) == (0, 3)
    assert 'id="arrival-duplicates">3<' in report
    assert verify().ok


def test_a_file_with_some_bad_rows_imports_the_good_ones_and_says_why_the_others_were_not(
        loughton: Town) -> None:
    content = (b"id,author,handle,text,created,url,in_reply_to\n"
               b"letter-1,Bernadette Quinn,,I wish to complain about the cemetery paths.,14/01/2026 09:30,,\n"
               b"letter-2,Owen Price,,Thank you for clearing the snow.,31/02/2026 10:00,,\n"
               b"letter-3,Colin Webb,,,14/01/2026 11:05,,\n")
    client = signed_in(loughton.officer)
    response = _upload(client, loughton.channel, content, name="letters.csv")
    page = client.get(response["Location"]).content.decode()
    assert Message.objects.count() == 1
    assert "line 3: bad date" in page and "line 4: no text" in page
    assert 'id="arrival-rejected">2<' in page


@pytest.mark.parametrize(("name", "content", "words"), [
    ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "Nothing was imported"),
    ("notes.txt", b"This is just a note I pasted in, not an export at all.", "not a CSV or JSON export"),
    ("cut.json", b'{"data": [{"id": "1_2", "message": "hello", "created_time": ', "Nothing was imported"),
    ("names.csv", b"Name,Comment\nSandra Pike,When does the tip open?\n", "Nothing was imported"),
    ("empty.csv", b"", "The file is empty"),
])
def test_a_file_that_is_not_an_export_gets_one_plain_line_and_stores_nothing(
        loughton: Town, name: str, content: bytes, words: str) -> None:
    client = signed_in(loughton.officer)
    response = _upload(client, loughton.channel, content, name=name)
    page = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in page and words in page
    assert "Traceback" not in page
    assert Message.objects.count() == 0 and Arrival.objects.count() == 0


def test_an_export_from_another_platform_is_refused_for_a_platform_channel(loughton: Town) -> None:
    bluesky = ChannelAccount.objects.create(council=loughton.council, platform="bluesky", name="Bluesky",
                                            handle="loughtontc.bsky.social")
    with pytest.raises(services.NotAllowed, match="Facebook export"):
        importing.import_export(loughton.council, loughton.officer, bluesky, facebook_csv(COMMENTS),
                                file_name="comments.csv")
    assert Message.objects.count() == 0


def test_councillors_and_auditors_cannot_import(loughton: Town) -> None:
    for person in (loughton.councillor, loughton.auditor):
        client = signed_in(person)
        assert client.get("/inbox/import").status_code == 403
        assert _upload(client, loughton.channel, facebook_csv(COMMENTS)).status_code == 403
    assert Message.objects.count() == 0


def test_a_message_can_be_entered_by_hand_on_a_manual_channel_once(loughton: Town) -> None:
    client = signed_in(loughton.officer)
    form = {"channel": str(loughton.channel.pk), "kind": "comment", "author_name": "Colin Webb",
            "author_handle": "", "text": "Phoned in: when is the next full council meeting?",
            "received_date": "2026-01-14", "received_time": "11:05", "link": ""}
    response = client.post("/inbox/enter", form)
    assert response.status_code == 302
    message = Message.objects.get()
    assert response["Location"] == f"/inbox/{message.pk}"
    assert message.has("question") and message.author_name == "Colin Webb"
    assert message.received == dt.datetime(2026, 1, 14, 11, 5, tzinfo=dt.UTC)  # GMT in January
    again = client.post("/inbox/enter", form)
    assert again.status_code == 302 and again["Location"] == "/inbox/"
    assert Message.objects.count() == 1
    assert AuditEvent.objects.filter(action="inbox.arrived").count() == 2


def test_hand_entry_keeps_what_was_typed_when_something_is_missing(loughton: Town) -> None:
    client = signed_in(loughton.officer)
    response = client.post("/inbox/enter", {"channel": str(loughton.channel.pk), "kind": "comment",
                                            "author_name": "Colin Webb", "text": "When is the meeting?",
                                            "received_date": "", "received_time": "11:05"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter the date it arrived" in page and "When is the meeting?" in page
    assert Message.objects.count() == 0


def test_hand_entry_is_only_for_manual_channels(loughton: Town) -> None:
    mastodon = ChannelAccount.objects.create(council=loughton.council, platform="mastodon", name="Mastodon")
    with pytest.raises(services.NotAllowed, match="manual channel"):
        importing.enter_by_hand(loughton.council, loughton.officer, mastodon, text="hello",
                                received=dt.datetime(2026, 1, 14, tzinfo=dt.UTC))


def test_a_bluesky_export_is_read_with_handles_and_replies(loughton: Town) -> None:
    bluesky = ChannelAccount.objects.create(council=loughton.council, platform="bluesky", name="Bluesky",
                                            handle="loughtontc.bsky.social")
    export = {"notifications": [{
        "uri": "at://did:plc:resident0000000000000000e/app.bsky.feed.post/3lmention0001",
        "cid": "bafyreimention0001",
        "author": {"did": "did:plc:resident0000000000000000e", "handle": "priti.bsky.social",
                   "displayName": "Priti Shah"},
        "reason": "mention",
        "record": {"$type": "app.bsky.feed.post", "createdAt": "2026-04-11T16:20:00.000Z",
                   "text": "@loughtontc.bsky.social who do I ask about an allotment?"}}]}
    arrival = importing.import_export(loughton.council, loughton.officer, bluesky,
                                      json.dumps(export).encode(), file_name="notifications.json")
    message = arrival.messages.get()
    assert (message.author_handle, message.kind) == ("priti.bsky.social", "mention")
    assert message.author_key == "bluesky:priti.bsky.social"


def test_odd_text_is_stored_as_it_arrived_and_nothing_is_dropped(loughton: Town) -> None:
    from civicpost.desk.inbox.arrival import Arriving, store

    odd = [
        Arriving(external_id="rtl", kind="comment", author_name="سارة", author_handle="",
                 text="متى يفتح المكتب؟ 🙏 When does the office open?", received=dt.datetime.now(dt.UTC)),
        Arriving(external_id="x" * 400, kind="dm", author_name="", author_handle="@nul",
                 text="before\x00after", received=dt.datetime.now(dt.UTC)),
        Arriving(external_id="huge", kind="comment", author_name="Rant", author_handle="",
                 text="The bins are a disgrace. " * 4000, received=dt.datetime.now(dt.UTC)),
    ]
    stored = store(loughton.council, loughton.channel, odd, source="upload", actor=loughton.officer)
    assert stored.imported == 3
    rtl = Message.objects.get(external_id="rtl")
    assert rtl.text == odd[0].text and rtl.author_name == "سارة"
    nul = Message.objects.get(author_handle="@nul")
    assert nul.text == "before\ufffdafter" and len(nul.external_id) <= 300
    assert Message.objects.get(external_id="huge").text == odd[2].text
    again = store(loughton.council, loughton.channel, odd, source="upload", actor=loughton.officer)
    assert (again.imported, again.duplicates) == (0, 3)
