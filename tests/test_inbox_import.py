"""Reading the platforms' export files (tests/fixtures/exports) into normalised messages, with a
clear report of what was rejected and why, and never a traceback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicpost.engine.triage import triage
from civicpost.inbox_import import FORMATS, ImportResult, detect_format, parse_export

EXPORTS = Path(__file__).resolve().parent / "fixtures" / "exports"
OWN = ("Loughton Town Council", "LoughtonTC", "loughtontc.bsky.social")


def load(name: str, **options: object) -> ImportResult:
    result = parse_export(EXPORTS / name, own_accounts=OWN, **options)  # type: ignore[arg-type]
    return result


def reasons(result: ImportResult) -> dict[str, str]:
    return {r.where: r.reason for r in result.rejected}


def test_facebook_csv_comments_and_replies() -> None:
    result = load("facebook_comments.csv")
    assert result.ok and result.format == "facebook-csv"
    assert [m.author_name for m in result.messages] == [
        "Sandra Pike", "Gary Doyle", "Margaret Ellis", "Aisha Begum", "Kevin O'Neill"]
    first, _, reply, *_ = result.messages
    assert first.kind == "comment" and first.in_reply_to == "1029384756"
    assert reply.kind == "reply" and reply.in_reply_to == "1029384756_5566778802"
    # Meta writes the month first: 12/04/2025 is 4 December, in UK time (GMT then).
    assert first.created == dt.datetime(2025, 12, 4, 18, 22, tzinfo=dt.UTC)
    assert first.url and first.url.startswith("https://www.facebook.com/")
    assert first.dedupe_key == "facebook:1029384756_5566778801"
    assert reasons(result) == {"line 7": "no text (a photo or sticker only?)",
                               "line 9": "the same message as line 2 (facebook:1029384756_5566778801)"}
    assert [s.where for s in result.skipped] == ["line 5"]  # the council's own reply


def test_a_date_whose_day_is_above_12_is_read_day_first_whatever_the_default() -> None:
    kevin = load("facebook_comments.csv").messages[-1]
    assert kevin.created.date() == dt.date(2025, 5, 13)


def test_facebook_graph_json_with_nested_replies() -> None:
    result = load("facebook_comments_graph.json")
    assert result.ok and result.format == "facebook-json"
    ids = [m.external_id for m in result.messages]
    assert ids == ["1029384799_7788990011", "1029384799_7788990055", "1029384799_7788990012",
                   "1029384799_7788990013"]
    reply = result.messages[1]
    assert reply.kind == "reply" and reply.in_reply_to == "1029384799_7788990011"
    assert result.messages[3].author_name is None  # Facebook left "from" out; kept without an author
    assert result.messages[0].created == dt.datetime(2026, 6, 6, 9, 14, 2, tzinfo=dt.UTC)
    assert reasons(result) == {"record 4": "no text (a photo or sticker only?)",
                               "record 5": "bad date: not a date we can read: 'last Tuesday'"}


def test_the_same_facebook_comment_has_the_same_key_from_csv_and_json() -> None:
    row = "Comment ID,Comment,Created time\n1029384799_7788990012,Hello,2026-06-06T21:47:13+0000\n"
    from_csv = parse_export(row.encode(), "facebook-csv").messages[0]
    from_json = load("facebook_comments_graph.json").messages[2]
    assert from_csv.dedupe_key == from_json.dedupe_key


def test_x_posts_replies_mentions_reposts_and_errors() -> None:
    result = load("x_replies.json")
    assert result.ok and result.format == "x-json"
    reply, mention, foi = result.messages
    assert reply.kind == "reply" and reply.in_reply_to == "1866000000000000001"
    assert reply.author_handle == "@fionamcleod_ltn" and reply.author_name == "Fiona McLeod"
    assert reply.url == "https://x.com/fionamcleod_ltn/status/1866012345678901234"
    assert mention.kind == "mention" and mention.in_reply_to is None
    assert "break it down by firm" in foi.text  # the long post's full text, from note_tweet
    assert reply.created == dt.datetime(2026, 1, 15, 17, 45, 12, tzinfo=dt.UTC)
    assert {s.reason for s in result.skipped} == {"a repost, not a message", "the council's own account"}
    assert list(reasons(result).values()) == [
        "X reported: Could not find tweet with ids: [1866012345678901200]."]


def test_x_direct_messages() -> None:
    result = load("x_dm_events.json")
    assert [m.kind for m in result.messages] == ["dm", "dm"]
    assert result.messages[0].author_handle == "@bernieq"
    assert result.skipped[0].reason == "a ParticipantsJoin event, not a message"


def test_bluesky_thread_read_whole_with_deleted_and_broken_posts_reported() -> None:
    result = load("bluesky_thread.json")
    assert result.ok and result.format == "bluesky-json"
    first, second = result.messages
    assert first.author_handle == "nadiak.bsky.social" and first.kind == "reply"
    assert second.in_reply_to == first.external_id  # a reply to a reply
    assert first.url == "https://bsky.app/profile/nadiak.bsky.social/post/3lreplyaaaa1"
    assert first.dedupe_key == f"bluesky:{first.external_id}"
    assert reasons(result) == {"thread reply 2": "a deleted or blocked post",
                               "thread reply 3": "bad date: not a date we can read: 'not a date'"}
    assert [s.reason for s in result.skipped] == ["the council's own account"]


def test_bluesky_notifications_keep_replies_and_mentions_only() -> None:
    result = load("bluesky_notifications.json")
    assert [m.kind for m in result.messages] == ["mention", "reply"]
    assert [s.reason for s in result.skipped] == ["a like notification"]


def test_generic_csv_for_a_manual_channel() -> None:
    result = load("manual_channel.csv", platform="letters")
    assert result.ok and result.format == "generic-csv"
    letter, phoned, email = result.messages
    assert letter.platform == "letters" and letter.dedupe_key == "letters:letter-2026-014"
    assert phoned.external_id == "" and phoned.dedupe_key.startswith("letters:sha256:")
    assert letter.created == dt.datetime(2026, 1, 14, 9, 30, tzinfo=dt.UTC)  # UK date, day first
    assert email.author_handle == "ellen.brooks@example.org"
    assert reasons(result) == {"line 5": "bad date: not a real date: '31/02/2026 10:00'",
                               "line 6": "no text"}


def test_a_key_without_an_id_is_stable_across_imports() -> None:
    first = load("manual_channel.csv").messages[1].dedupe_key
    assert load("manual_channel.csv").messages[1].dedupe_key == first


def test_times_without_a_zone_follow_uk_summer_time() -> None:
    row = "id,author,handle,text,created,url,in_reply_to\n1,A,,Hello,2026-07-01 09:00,,\n"
    assert parse_export(row.encode()).messages[0].created == dt.datetime(2026, 7, 1, 8, 0, tzinfo=dt.UTC)
    utc = parse_export(row.encode(), assume_tz="UTC").messages[0].created
    assert utc == dt.datetime(2026, 7, 1, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("name, message", [
    ("facebook_comments_cp1252.csv", "not UTF-8 text (bad byte at offset"),
    ("missing_columns.csv", "missing column(s) id, created; the file has: 'Name', 'Comment'"),
    ("truncated.json", "not valid JSON"),
    ("not_an_export.txt", "not a CSV or JSON export we recognise"),
    ("no_such_file.csv", "cannot read no_such_file.csv"),
])
def test_a_bad_file_gets_one_clear_line(name: str, message: str) -> None:
    result = load(name)
    assert not result.ok and not result.messages
    assert result.error and message in result.error
    assert result.report().startswith("Not imported: ")


def test_a_file_in_another_encoding_reads_when_the_encoding_is_named() -> None:
    result = load("facebook_comments_cp1252.csv", encoding="cp1252")
    assert result.ok
    assert result.messages[0].text == "Café by the pond is lovely – thank you"


@pytest.mark.parametrize("data, message", [
    (b"", "the file is empty"),
    (b"   \n", "the file is empty"),
    (b'{"something": "else"}', "not a Facebook, X or Bluesky export"),
    (b"id,author\x00,text\n", "NUL bytes"),
    (b"\xff\xfeh\x00i\x00", "not a CSV or JSON export"),
])
def test_unreadable_content_is_reported(data: bytes, message: str) -> None:
    result = parse_export(data)
    assert result.error and message in result.error


def test_an_unknown_format_or_zone_is_reported() -> None:
    assert "unknown format 'myspace'" in (parse_export(b"a,b\n", "myspace").error or "")
    assert "unknown time zone" in (parse_export(b"a,b\n", assume_tz="Mars/Olympus").error or "")


def test_each_format_is_detected_from_its_content() -> None:
    for name, expected in [("facebook_comments.csv", "facebook-csv"),
                           ("facebook_comments_graph.json", "facebook-json"),
                           ("x_replies.json", "x-json"), ("x_dm_events.json", "x-json"),
                           ("bluesky_thread.json", "bluesky-json"),
                           ("bluesky_notifications.json", "bluesky-json"),
                           ("manual_channel.csv", "generic-csv")]:
        assert detect_format((EXPORTS / name).read_text(encoding="utf-8")) == expected, name
    assert set(FORMATS) == {"facebook-csv", "facebook-json", "x-json", "bluesky-json", "generic-csv"}


def test_imported_messages_go_straight_into_triage() -> None:
    messages = load("facebook_comments_graph.json").messages
    results = [triage(m.text, m.triage_context()) for m in messages]
    assert results[2].urgent and results[2].has("libel")
    assert results[0].has("complaint")
    assert results[0].received == messages[0].created


def test_the_report_lists_what_was_left_out() -> None:
    report = load("facebook_comments.csv").report()
    assert report.splitlines()[0] == ("5 message(s) imported from a facebook-csv export; "
                                      "2 rejected, 1 skipped.")
    assert "rejected line 7: no text" in report and "skipped line 5: the council's own account" in report


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(
    st.binary(max_size=400),
    st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from(sorted(p.name for p in EXPORTS.iterdir())).map(
        lambda n: (EXPORTS / n).read_bytes()).flatmap(
        lambda b: st.integers(0, len(b)).map(lambda cut: b[:cut])),
), format=st.sampled_from([None, *FORMATS]))
def test_no_bytes_make_the_import_raise(data: bytes, format: str | None) -> None:
    result = parse_export(data, format)
    assert result.ok or result.error
    for message in result.messages:
        assert message.created.tzinfo is not None and message.kind in {"comment", "reply", "mention", "dm"}
