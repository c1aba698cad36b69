"""Inbox triage of a backlog: a council page in a storm, 100,000 messages, on 2 processes.

    python benchmarks/triage_backlog.py [--messages N] [--processes N] [--quick]

Generates a seeded backlog from varied templates (questions, complaints, FOI requests,
threats, abuse, libel complaints, praise, criticism, chatter; lower case, text speak, emoji,
long rants, disguised swearing), then triages all of it with ``triage_many`` and prints the
total time, messages per second and how the labels came out. The bar (DESIGN.md): 100,000
messages in under a minute on 2 cores. ``--quick`` triages 5,000, for a smoke run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from civicpost.engine.triage import Triage, triage_many  # noqa: E402

PLACES = ["Forest Road", "the rec", "Church Lane", "the High Road", "Meadow Close", "the cemetery",
          "the Lopping Hall", "Mill Lane", "the station car park", "the bandstand", "Roding Road"]
THINGS = ["streetlight", "bin", "bench", "swing", "drain", "hedge", "footpath", "toilets", "gate",
          "bus shelter", "notice board", "planters"]
SPEND = ["the Christmas lights", "the new website", "the mayor's car", "consultants", "the skate park",
         "the jubilee party", "legal fees", "the new logo", "the relief road study"]
PEOPLE = ["the clerk", "Cllr Ashworth", "Cllr Okafor", "the mayor", "the parking warden", "your staff",
          "the planning officer", "the chair"]
NAMES = ["Sandra Pike", "Ravi Chauhan", "Ellen Brooks", "Gary Doyle", "Aisha Begum", "Tom Fairley",
         "Fiona McLeod", "Kevin O'Neill", "Priti Shah", "Owen Price"]
TEMPLATES = [
    "When is the {thing} on {place} being fixed?",
    "what time does {place} open on saturday",
    "Does anyone know if the tip is open on bank holiday Monday",
    "The {thing} on {place} has been broken for {n} weeks and nobody has done anything.",
    "I want to make a formal complaint about {person}.",
    "Still waiting for a reply about the {thing} on {place}, third time of asking",
    "Under the Freedom of Information Act please send me all invoices for {spend}. {name}, {email}",
    "How much did the council spend on {spend}?",
    "Can you provide a copy of the minutes where {spend} was agreed?",
    "FOI request: the total cost of {spend} since {year}.",
    "I know where {person} lives.",
    "someone should burn the council offices down",
    "I'll smash {person}'s face in if I see them",
    "you absolute idiots, {person} couldn't run a bath",
    "{person} is a useless muppet",
    "f*** off and fix the {thing}",
    "This post is defamatory and I have passed it to my solicitor.",
    "Take that comment down or I'll see you in court",
    "Thank you so much for sorting the {thing} on {place}!",
    "Brilliant event, well done everyone 👏",
    "Lovely to see {place} looking so nice",
    "What a waste of money. Typical.",
    "Another pointless consultation. Why bother?",
    "Great, another road closure on {place}. Thanks for nothing.",
    "Shared", "See you there", "Tagging my mum", "@{handle} look at this",
    "As someone who works for the council, {person} bullies staff and nobody cares.",
    "The fireworks will be a blast this year, can't wait!",
    "We sued the contractor in {year} and won, why not this time?",
    "Does the policy say anything about libel?",
    "{rant}",
]
RANT = ("I have lived on {place} for {n} years and I have never seen it in such a state. The {thing} "
        "is broken, the bins are overflowing and nobody answers the phone. ")


def backlog(count: int, seed: int = 20261218) -> list[tuple[str, dict[str, str]]]:
    """``count`` messages with contexts, the same for the same seed."""
    rng = random.Random(seed)
    start = dt.datetime(2026, 11, 1, 8, 0, tzinfo=dt.UTC)
    messages = []
    for index in range(count):
        template = rng.choice(TEMPLATES)
        fill = {"place": rng.choice(PLACES), "thing": rng.choice(THINGS), "spend": rng.choice(SPEND),
                "person": rng.choice(PEOPLE), "name": rng.choice(NAMES), "n": str(rng.randint(2, 30)),
                "year": str(rng.randint(2015, 2025)), "handle": f"resident{rng.randint(1, 999)}",
                "email": f"resident{rng.randint(1, 999)}@example.org"}
        fill["rant"] = (RANT * rng.randint(2, 6)).format(**fill)
        text = template.format(**fill)
        if rng.random() < 0.15:
            text = text.lower()
        if rng.random() < 0.1:
            text += rng.choice([" 😡", " 🙄", " !!!", " lol", " ffs", " 👍", " ❤️"])
        received = start + dt.timedelta(seconds=index * 37 + rng.randint(0, 30))
        context = {"received": received.isoformat(),
                   "kind": rng.choice(["comment", "reply", "mention", "dm"]),
                   "channel": rng.choice(["facebook", "x", "bluesky"])}
        if rng.random() < 0.7:
            context["author_name"] = rng.choice(NAMES)
        messages.append((text, context))
    return messages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="5,000 messages, for a smoke run")
    args = parser.parse_args()
    count = 5_000 if args.quick else args.messages
    made = time.perf_counter()
    messages = backlog(count)
    made = time.perf_counter() - made
    print(f"{count:,} generated messages (mean {sum(len(t) for t, _ in messages) / count:.0f} characters, "
          f"{made:.1f} s to generate); {args.processes} process(es) on a machine with "
          f"{os.cpu_count()} CPU(s), Python {sys.version.split()[0]}")
    started = time.perf_counter()
    labels: Counter[str] = Counter()
    urgent = errors = 0
    for outcome in triage_many(messages, processes=args.processes, chunksize=500):
        if isinstance(outcome, Triage):
            labels.update(outcome.label_names)
            urgent += outcome.urgent
        else:
            errors += 1
    elapsed = time.perf_counter() - started
    print(f"triaged in {elapsed:.1f} s: {count / elapsed:,.0f} messages/s "
          f"(bar: 100,000 in under 60 s on 2 cores = 1,667 messages/s)")
    print(f"urgent: {urgent:,}; errors: {errors}; labels: "
          + ", ".join(f"{label} {n:,}" for label, n in labels.most_common()))


if __name__ == "__main__":
    main()
