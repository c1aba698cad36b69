"""``civicpost demo``: sample posts checked under the seed policies, to show what the engine does."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import TextIO

from civicpost.engine import check
from civicpost.reporting import render_report


def run_demo(out: TextIO) -> None:
    posts = tomllib.loads((resources.files("civicpost") / "demo_posts.toml").read_text("utf-8"))
    for number, post in enumerate(posts["post"], start=1):
        for policy in post["policies"]:
            report = check(post["text"], post.get("context"), policy)
            out.write(f"\n{'=' * 78}\n{number}. {post['title']} [{policy}]\n{'=' * 78}\n")
            out.write(post["text"] + "\n\n")
            out.write(render_report(report) + "\n")
