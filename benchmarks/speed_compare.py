"""Engine speed of this tree beside another revision's, in alternating runs on one core.

    python benchmarks/speed_compare.py REV [--rounds N] [--posts N]
    python benchmarks/speed_compare.py REV --instructions [--posts N]

The machines are noisy: the same code moves by a quarter from one speed.py run to the next,
which hides the few per cent a change to the engine is worth. Here the two engines take turns,
each run in a fresh process doing its best of three passes over the same posts, and the best
time of each engine is compared: a ratio below 1 means this tree is quicker. Even so, two
identical engines have come out up to 6% apart.

``--instructions`` counts instead the machine instructions each engine executes inside
``check`` (valgrind's callgrind, with a fixed hash seed), which repeat to 0.1% from run to
run: the way to see a change of one or two per cent. Instructions are not time (cache misses
and branch mispredictions cost without showing here), so confirm a large change with the timed
comparison. It needs valgrind (apt-get install valgrind) and takes a few minutes for 200 posts.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", nargs="?", help="the revision to compare with (e.g. HEAD~1)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--posts", type=int, default=1500)
    parser.add_argument("--instructions", action="store_true",
                        help="count instructions under valgrind instead of timing (200 posts)")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # one timing run of the tree there
    parser.add_argument("--pack", help=argparse.SUPPRESS)  # with --child: count this pack's checks
    args = parser.parse_args()
    if args.child:
        if args.pack:
            _count_child(Path(args.child), args.pack, args.posts)
        else:
            _child(Path(args.child), args.posts)
        return
    if not args.rev:
        parser.error("say which revision to compare with, e.g. HEAD~1")
    if args.instructions:
        _compare_instructions(args.rev, 200 if args.posts == parser.get_default("posts") else args.posts)
        return
    with tempfile.TemporaryDirectory() as other:
        _export(args.rev, Path(other))
        trees = {args.rev: Path(other), "this tree": ROOT}
        best: dict[str, dict[str, float]] = {name: {} for name in trees}
        for round_ in range(args.rounds):
            order = list(trees.items()) if round_ % 2 == 0 else list(trees.items())[::-1]
            for name, tree in order:
                for pack, micros in _run(tree, args.posts).items():
                    best[name][pack] = min(best[name].get(pack, float("inf")), micros)
    print(f"{args.posts} posts, {args.rounds} alternating rounds, best of each, one core\n")
    print(f"{'pack':20} {args.rev[:12]:>14} {'this tree':>14} {'ratio':>7} {'posts/s now':>12}")
    for pack, now in best["this tree"].items():
        then = best[args.rev][pack]
        print(f"{pack:20} {then:11.1f} µs {now:11.1f} µs {now / then:7.3f} {1e6 / now:12.0f}")


def _export(rev: str, into: Path) -> None:
    """The engine package as it was at ``rev``, written under ``into``."""
    try:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "civicpost"],
                                 check=True, capture_output=True).stdout
    except subprocess.CalledProcessError as error:
        raise SystemExit(f"cannot read revision {rev!r}: {error.stderr.decode().strip()}") from None
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)


def _run(tree: Path, posts: int) -> dict[str, float]:
    result = subprocess.run([sys.executable, __file__, "--child", str(tree), "--posts", str(posts)],
                            check=True, capture_output=True, text=True, cwd=tempfile.gettempdir())
    timings: dict[str, float] = json.loads(result.stdout.splitlines()[-1])
    return timings


def _child(tree: Path, count: int) -> None:
    # The tree's own package first, ahead of the installed one; the posts come from this tree,
    # so that both engines check the same texts.
    sys.path[:0] = [str(tree), str(ROOT)]
    import civicpost
    from benchmarks.posts import pin_to_one_core, posts_of_280
    from civicpost.engine import check, load_pack, shipped_packs

    if not Path(civicpost.__file__).resolve().is_relative_to(tree.resolve()):
        raise SystemExit(f"measured the wrong engine: {civicpost.__file__}")
    pin_to_one_core()
    posts = posts_of_280(count)
    timings = {}
    for name in shipped_packs():
        pack = load_pack(name)
        for text, ctx in posts[:100]:
            check(text, ctx, pack)  # lazy tables and caches, before measuring
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            for text, ctx in posts:
                check(text, ctx, pack)
            best = min(best, time.perf_counter() - started)
        timings[name] = best / len(posts) * 1e6
    print(json.dumps(timings))


def _compare_instructions(rev: str, posts: int) -> None:
    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind (apt-get install valgrind)")
    from civicpost.engine import shipped_packs

    with tempfile.TemporaryDirectory() as other:
        _export(rev, Path(other))
        trees = {rev: Path(other), "this tree": ROOT}
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        # Every run at once: each is one process, and the counts do not depend on the load.
        runs = {(name, pack): subprocess.Popen(
                    ["valgrind", "--tool=callgrind", "--collect-atstart=no",
                     "--toggle-collect=functools_reduce", "--callgrind-out-file=/dev/null",
                     sys.executable, __file__, "--child", str(tree), "--pack", pack,
                     "--posts", str(posts)],
                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
                    cwd=tempfile.gettempdir())
                for name, tree in trees.items() for pack in shipped_packs()}
        counts = {key: _instructions(run) for key, run in runs.items()}
    print(f"{posts} posts, instructions inside check() per post (callgrind)\n")
    print(f"{'pack':20} {rev[:12]:>14} {'this tree':>14} {'ratio':>7}")
    for pack in shipped_packs():
        then, now = counts[(rev, pack)] / posts, counts[("this tree", pack)] / posts
        print(f"{pack:20} {then:14,.0f} {now:14,.0f} {now / then:7.4f}")


def _instructions(run: subprocess.Popen[str]) -> int:
    _, report = run.communicate()
    found = re.search(r"I\s+refs:\s+([\d,]+)", report)
    if run.returncode != 0 or found is None:
        raise SystemExit(f"the counting run failed:\n{report[-2000:]}")
    return int(found.group(1).replace(",", ""))


def _count_child(tree: Path, pack_name: str, count: int) -> None:
    sys.path[:0] = [str(tree), str(ROOT)]
    import civicpost
    from benchmarks.posts import posts_of_280
    from civicpost.engine import check, load_pack

    if not Path(civicpost.__file__).resolve().is_relative_to(tree.resolve()):
        raise SystemExit(f"measured the wrong engine: {civicpost.__file__}")
    pack = load_pack(pack_name)
    posts = posts_of_280(100 + count)
    for text, ctx in posts[:100]:
        check(text, ctx, pack)  # lazy tables and caches, before counting
    # callgrind counts only inside functools.reduce (--toggle-collect): the checks, nothing else.
    functools.reduce(lambda _, post: check(post[0], post[1], pack), posts[100:], None)


if __name__ == "__main__":
    main()
