"""Platform limits are checked before anything is sent, counted the way each platform
counts, and each finding points at where the text stops fitting."""

from __future__ import annotations

import pytest

from civicpost.connectors import LimitsExceeded, Media, OutgoingPost
from civicpost.connectors.counting import grapheme_count, link_spans
from civicpost.connectors.limits import (
    BLUESKY,
    FACEBOOK,
    INSTAGRAM,
    MASTODON,
    X,
    check_post,
    limits_for,
    mastodon_limits,
)
from civicpost.connectors.manual import ManualConnector

FAMILY = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466"  # one grapheme, 7 code points
FLAG = "\U0001F1EC\U0001F1E7"  # the Union flag: two regional indicators, one grapheme
NOTICE = "The Town Council offices will be closed on Monday for the bank holiday. "
LINK = "https://www.loughton-tc.gov.uk/news/2026/bank-holiday-opening-times-and-bin-collections"


def post(text: str, *media: Media, key: str = "post-1/channel") -> OutgoingPost:
    return OutgoingPost(text=text, idempotency_key=key, media=tuple(media))


def codes(text: str, limits, *media: Media) -> list[str]:  # type: ignore[no-untyped-def]
    return [finding.code for finding in check_post(post(text, *media), limits)]


def image(size: int = 20_000, mime: str = "image/jpeg", alt: str = "A noticeboard") -> Media:
    return Media(b"\xff" * size, mime, alt)


# -- Bluesky: 300 graphemes ------------------------------------------------------------------
def test_bluesky_counts_an_emoji_family_and_a_flag_as_one_character_each() -> None:
    assert grapheme_count(FAMILY + FLAG + "e\u0301") == 3
    assert codes("a" * 298 + FAMILY + FLAG, BLUESKY) == []
    assert codes("a" * 299 + FAMILY + FLAG, BLUESKY) == ["PL001"]


def test_bluesky_finding_starts_at_the_first_grapheme_past_300() -> None:
    text = FLAG * 300 + " and more"  # 2,409 bytes: only the grapheme limit is passed
    [finding] = check_post(post(text), BLUESKY)
    assert finding.code == "PL001"
    assert text[finding.start:finding.end] == " and more"
    assert "300" in finding.message and "309" in finding.message


def test_bluesky_also_caps_the_text_at_3000_bytes() -> None:
    text = FAMILY * 120  # 120 graphemes but 120 * 25 = 3,000 bytes: fits exactly
    assert codes(text, BLUESKY) == []
    assert codes(text + "\u00e9", BLUESKY) == ["PL009"]


def test_bluesky_images_four_at_most_one_megabyte_each_descriptions_up_to_2000() -> None:
    assert codes("Spring clean", BLUESKY, *[image()] * 4) == []
    assert codes("Spring clean", BLUESKY, *[image()] * 5) == ["PL002"]
    assert codes("Spring clean", BLUESKY, image(size=1_000_001)) == ["PL004"]
    long_alt = "The war memorial after cleaning. " * 61  # 2,013 characters
    [finding] = check_post(post("Memorial", image(alt=long_alt)), BLUESKY)
    assert finding.code == "PL003" and finding.media_index == 0
    assert finding.start == 2000 and finding.end == len(long_alt)


# -- X: 280 weighted, links 23, CJK and emoji 2 --------------------------------------------------
def test_x_counts_every_link_as_23_however_long() -> None:
    filler = "x" * (280 - 23 - 1)
    assert codes(f"{filler} {LINK}", X) == []
    assert codes(f"{filler}! {LINK}", X) == ["PL001"]


def test_x_counts_a_bare_domain_as_a_link_too() -> None:
    assert link_spans("See loughton-tc.gov.uk.", bare_domains=True) == [(4, 22)]
    assert link_spans("See loughton-tc.gov.uk.", bare_domains=False) == []
    assert link_spans("see minutes.docx and agenda.pdf", bare_domains=True) == []  # no such TLD


def test_x_counts_cjk_and_emoji_as_two() -> None:
    assert codes("\u6771" * 140, X) == []  # 140 ideographs weigh 280
    assert codes("\u6771" * 141, X) == ["PL001"]
    assert codes(FAMILY * 140, X) == []  # an emoji sequence weighs 2 whatever its length
    assert codes(FAMILY * 141, X) == ["PL001"]


def test_x_counts_a_decomposed_accent_like_the_composed_letter() -> None:
    composed, decomposed = "caf\u00e9 " * 56, "cafe\u0301 " * 56  # 280 either way once NFC
    assert codes(composed, X) == [] and codes(decomposed, X) == []


def test_x_alt_text_up_to_1000_and_five_megabyte_images() -> None:
    assert codes("Photo", X, image(alt="a" * 1000)) == []
    assert codes("Photo", X, image(alt="a" * 1001)) == ["PL003"]
    assert codes("Photo", X, image(size=5 * 1024 * 1024 + 1)) == ["PL004"]
    assert codes("Photo", X, image(mime="image/heic")) == ["PL005"]


# -- Mastodon: 500 by default, per instance ------------------------------------------------------
def test_mastodon_counts_links_as_23_and_remote_mentions_without_their_domain() -> None:
    mention = "@clerk@mastodon.social"  # counts as "@clerk": 6
    assert codes("a" * (500 - 23 - 6 - 2) + f" {LINK} {mention}", MASTODON) == []
    assert codes("a" * (500 - 23 - 6 - 1) + f" {LINK} {mention}", MASTODON) == ["PL001"]


def test_mastodon_limits_follow_the_instance() -> None:
    instance = {"configuration": {
        "statuses": {"max_characters": 1000, "max_media_attachments": 6,
                     "characters_reserved_per_url": 23},
        "media_attachments": {"supported_mime_types": ["image/jpeg", "image/png", "video/mp4"],
                              "image_size_limit": 10485760, "description_limit": 1500}}}
    limits = mastodon_limits(instance)
    assert codes("a" * 1000, limits) == []
    assert codes("a" * 1001, limits) == ["PL001"]
    assert codes("Pictures", limits, *[image()] * 6) == []
    assert codes("Pictures", limits, image(mime="image/webp")) == ["PL005"]
    assert codes("Pictures", limits, image(size=10485761)) == ["PL004"]
    assert mastodon_limits({}).max_text == 500  # an instance that says nothing keeps the defaults


# -- Facebook and Instagram ----------------------------------------------------------------------
def test_facebook_takes_a_long_post_up_to_63206_characters() -> None:
    assert codes("a" * 63_206, FACEBOOK) == []
    assert codes("a" * 63_207, FACEBOOK) == ["PL001"]
    assert codes("Gala photos", FACEBOOK, *[image()] * 10) == []
    assert codes("Gala photos", FACEBOOK, *[image()] * 11) == ["PL002"]


def test_instagram_needs_an_image_and_at_most_30_hashtags() -> None:
    assert codes(NOTICE, INSTAGRAM) == ["PL006"]
    tags = " ".join(f"#Loughton{n}" for n in range(31))
    [finding] = check_post(post(tags, image()), INSTAGRAM)
    assert finding.code == "PL007"
    assert tags[finding.start:finding.end] == "#Loughton30"
    assert codes("#Loughton " * 30, INSTAGRAM, image()) == []


def test_instagram_takes_jpeg_only_and_a_caption_of_2200() -> None:
    assert codes("a" * 2200, INSTAGRAM, image()) == []
    assert codes("a" * 2201, INSTAGRAM, image()) == ["PL001"]
    assert codes("Poster", INSTAGRAM, image(mime="image/png")) == ["PL005"]


def test_a_post_with_no_text_and_no_image_is_refused_everywhere() -> None:
    for limits in (BLUESKY, X, MASTODON, FACEBOOK):
        assert "PL008" in codes("   ", limits)


def test_a_clean_council_notice_breaks_no_limit_anywhere_but_instagram() -> None:
    text = NOTICE + LINK
    for limits in (BLUESKY, X, MASTODON, FACEBOOK):
        assert codes(text, limits) == [], limits.name
    assert codes(text, INSTAGRAM, image()) == []


def test_publish_refuses_a_post_over_the_limit_before_any_call() -> None:
    with pytest.raises(LimitsExceeded) as caught:
        ManualConnector().publish(post(""))
    assert caught.value.permanent and caught.value.findings[0].code == "PL008"


def test_findings_serialise_for_the_desk() -> None:
    [finding] = check_post(post("a" * 301), BLUESKY)
    assert finding.to_dict() == {"code": "PL001", "title": "Text too long",
                                 "message": finding.message, "start": 300, "end": 301,
                                 "media_index": None}


def test_unknown_platform_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="no limits known"):
        limits_for("myspace")


def test_both_grapheme_libraries_split_tricky_text_alike() -> None:
    """counting uses regex's \\X when installed and wcwidth otherwise: they must agree."""
    regex = pytest.importorskip("regex", reason="only one grapheme library is installed here")
    wcwidth = pytest.importorskip("wcwidth")
    samples = [FAMILY + FLAG, "e\u0301cole", "\U0001F44D\U0001F3FD ok", "1\ufe0f\u20e3",
               "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F",
               "\ud55c\uad6d\uc5b4", "\u0928\u092e\u0938\u094d\u0924\u0947", "line\r\nbreak"]
    for sample in samples:
        assert regex.findall(r"\X", sample) == list(wcwidth.iter_graphemes(sample)), repr(sample)
