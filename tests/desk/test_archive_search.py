"""The archive's search finds a post by any words of any of its versions, ignoring case, and
takes whatever an officer types without an error."""

from __future__ import annotations

import pytest

from civicpost.desk.posts.models import Post

from .conftest import Town, signed_in
from .test_post_workflow import compose


def found(client, words: str) -> set[int]:
    page = client.get("/posts/archive", {"q": words})
    assert page.status_code == 200
    return {post.pk for post in Post.objects.all() if f'href="/posts/{post.pk}"' in page.content.decode()}


def test_a_phrase_edited_out_before_publishing_still_finds_the_post(loughton: Town) -> None:
    officer = signed_in(loughton.officer)
    compose(officer, loughton, "The Forest Road allotments open on Saturday.")
    post = Post.objects.get()
    officer.post(f"/posts/{post.pk}/edit", {"text": "The allotments open on Saturday.",
                                            "post_type": "promotion", "kind": "post",
                                            "channels": [str(loughton.channel.pk)], "action": "save"})
    assert post.versions.count() == 2
    assert found(officer, "forest road") == {post.pk}
    assert found(officer, "ALLOTMENTS OPEN") == {post.pk}
    assert found(officer, "Forest Road allotments open on Sunday") == set()


def test_part_of_a_word_and_short_words_are_found_as_typed(loughton: Town) -> None:
    officer = signed_in(loughton.officer)
    compose(officer, loughton, "Christmas lights switch-on at 6pm on the green.")
    compose(officer, loughton, "Bin collections move to Saturday next week.")
    lights, bins = Post.objects.order_by("pk").values_list("pk", flat=True)
    assert found(officer, "switch-on") == {lights}
    assert found(officer, "mas lig") == {lights}
    assert found(officer, "6p") == {lights}  # shorter than the index's pieces: read in full
    assert found(officer, "Bin") == {bins}


@pytest.mark.parametrize("typed", ['"', 'lights"', 'switch* OR bins', "NEAR(a b)", "a AND", "^^", "%", "'"])
def test_search_syntax_characters_are_plain_text(loughton: Town, typed: str) -> None:
    officer = signed_in(loughton.officer)
    compose(officer, loughton, "Christmas lights switch-on at 6pm on the green.")
    assert found(officer, typed) == set()


def test_another_councils_posts_are_never_found(loughton: Town, ludgershall: Town) -> None:
    compose(signed_in(ludgershall.officer), ludgershall, "Ludgershall library reopens on Monday.")
    assert found(signed_in(loughton.officer), "library reopens") == set()
    theirs = set(Post.objects.values_list("pk", flat=True))
    assert found(signed_in(ludgershall.officer), "library reopens") == theirs
