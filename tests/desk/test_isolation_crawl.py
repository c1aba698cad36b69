"""Strict isolation, checked the way an intruder would: every page a member of one council can
reach by following links is crawled for every role, and nothing of the other council (its posts'
words, its people, its incidents) may appear; and every page of the other council, replayed by
this council's people, is refused."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

import pytest

from civicpost.desk.posts import services

from .conftest import Town, draft, signed_in

MARKER = "Zanzibarquux"  # appears only in the other council's data
LINK = re.compile(r'href="(/[^"#]*)"')
NOT_PAGES = ("/static/", "/uploads/", "/sign-out")


def crawl(client, start: str = "/", limit: int = 250) -> dict[str, str]:
    seen: dict[str, str] = {}
    queue = [start]
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen or path.startswith(NOT_PAGES):
            continue
        response = client.get(path)
        body = response.content.decode("utf-8", "replace") if response.status_code == 200 else ""
        seen[path] = body
        if response.get("Content-Type", "").startswith("text/html"):
            for link in LINK.findall(body):
                target = urlparse(urljoin(path, link.replace("&amp;", "&")))
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return seen


@pytest.fixture
def other(ludgershall: Town) -> Town:
    post = draft(ludgershall, f"{MARKER} fete on the castle green, Saturday at noon")
    services.submit(post, ludgershall.officer)
    services.approve(post, ludgershall.clerk)
    ludgershall.councillor.name = f"Cllr {MARKER} Moss"
    ludgershall.councillor.save()
    return ludgershall


@pytest.mark.parametrize("role", ["clerk", "officer", "councillor", "partner", "auditor"])
def test_no_page_shows_another_councils_data(loughton: Town, other: Town, role: str) -> None:
    draft(loughton, "Loughton carol service on the green")
    pages = crawl(signed_in(getattr(loughton, role)))
    assert len(pages) >= 2
    leaks = [path for path, body in pages.items() if MARKER in body]
    assert not leaks, f"{role} of Loughton sees Ludgershall's data on {leaks}"


def test_every_page_of_the_other_council_is_refused(loughton: Town, other: Town) -> None:
    theirs = crawl(signed_in(other.clerk))
    private = [path for path, body in theirs.items()
               if re.search(r"/\d+(/|$)", path) and not path.startswith(("/posts/new", "/my-post/"))]
    assert private, "the crawl should find pages of the other council's own objects"
    ours = signed_in(loughton.clerk)
    for path in private:
        response = ours.get(path)
        assert response.status_code in {403, 404}, f"{path} answered {response.status_code}"
        assert MARKER not in response.content.decode("utf-8", "replace")
