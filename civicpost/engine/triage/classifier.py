"""``triage(text, context) -> Triage``: what an incoming message needs, why, and by when."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from civicpost.engine.checker import InputError
from civicpost.engine.context import ContextError
from civicpost.engine.post import Post
from civicpost.engine.triage.clocks import DEFAULT_TARGETS, ResponseTargets, clocks_for
from civicpost.engine.triage.context import TriageContext
from civicpost.engine.triage.cues import quote
from civicpost.engine.triage.foi import find_foi, validity_of
from civicpost.engine.triage.harm import find_harm
from civicpost.engine.triage.legal import find_libel
from civicpost.engine.triage.result import LABELS, Triage, TriageLabel
from civicpost.engine.triage.service import find_complaint, find_grievance
from civicpost.engine.triage.tone import find_negative, find_positive, find_question

ContextLike = TriageContext | Mapping[str, Any] | None


def triage(text: str, context: ContextLike = None, targets: ResponseTargets = DEFAULT_TARGETS,
           *, handle_is_address: bool = False) -> Triage:
    """Label an incoming comment, reply, mention or direct message for the Clerk's inbox.

    Returns the labels (each with the words that triggered it), whether it is urgent, the
    response clocks it starts (from ``context.received``, default now) and, for an FOI
    request, what it has and lacks to be valid. Raises ``InputError`` when ``text`` is not a
    string and ``ContextError`` for a bad context.
    """
    if not isinstance(text, str):
        raise InputError(f"text must be a string, not {type(text).__name__}")
    ctx = context if isinstance(context, TriageContext) else TriageContext.from_dict(context)
    post = Post(text, ctx.engine_context())
    found = _labels(post)
    names = frozenset(found)
    clocks = clocks_for(names, ctx.received, targets)
    request = find_foi(post) if "foi" in names else None
    foi = None if request is None else validity_of(post, request, ctx.author_name, ctx.author_handle,
                                                   handle_is_address)
    ordered = tuple(found[label] for label in LABELS if label in found)
    return Triage(text=text, received=ctx.received, labels=ordered, clocks=clocks, foi=foi)


def _labels(post: Post) -> dict[str, TriageLabel]:
    found: dict[str, TriageLabel] = {}
    swearing, hostile = [], []
    for harm in find_harm(post):
        if harm.label == "swearing":
            swearing.append((harm.start, harm.end, harm.why))
            continue
        hostile.append((harm.start, harm.end))
        if harm.label not in found:
            found[harm.label] = TriageLabel(harm.label, harm.why, harm.start, harm.end)
    grievance = find_grievance(post)
    # A member of staff's complaint about their work is the grievance itself, unless they
    # say in words that they are complaining.
    complaint = find_complaint(post, explicit_only=grievance is not None)
    for label in (find_libel(post), _foi_label(post), grievance, complaint, find_question(post, hostile)):
        if label is not None:
            found[label.label] = label
    if "libel" in found and "complaint" not in found:
        cause = found["libel"]
        found["complaint"] = TriageLabel(
            "complaint", f"{quote(post.text, cause.start, cause.end)} is a libel complaint or legal "
                         "threat, a complaint the policy sends to the Town Clerk (Loughton §5)",
            cause.start, cause.end)
    negative = find_negative(post, swearing) or _hostile(found, post.text)
    if negative is not None:
        found["negative"] = negative
    business = not found.keys().isdisjoint({"question", "complaint", "foi", "libel", "negative",
                                            "grievance", "threat", "abuse"})
    positive = find_positive(post, only_politeness=business, hostile=hostile)
    if positive is not None:
        found["positive"] = positive
    if not found:
        found["other"] = TriageLabel(
            "other", "nothing for the Clerk to act on: no threat, abuse, libel, FOI request, "
                     "complaint, grievance, question or comment for or against", 0, len(post.text))
    return found


def _foi_label(post: Post) -> TriageLabel | None:
    request = find_foi(post)
    return None if request is None else TriageLabel("foi", request.why, request.start, request.end)


def _hostile(found: dict[str, TriageLabel], text: str) -> TriageLabel | None:
    """Threats, abuse, libel complaints and grievances are negative comments too."""
    for label in ("threat", "abuse", "libel", "grievance"):
        if label in found:
            cause = found[label]
            return TriageLabel("negative", f"{quote(text, cause.start, cause.end)} is hostile ({label})",
                               cause.start, cause.end)
    return None


# --------------------------------------------------------------------------- batches

Outcome = Triage | InputError | ContextError


def triage_many(messages: Iterable[tuple[str, ContextLike]], targets: ResponseTargets = DEFAULT_TARGETS,
                *, processes: int = 1, chunksize: int = 200) -> Iterator[Outcome]:
    """Triage a batch of ``(text, context)`` pairs, yielding one outcome per message in
    order: the :class:`Triage`, or the ``InputError``/``ContextError`` that message raised
    (so one bad message never stops a backlog). With ``processes`` above 1 the work is
    shared between that many worker processes."""
    jobs = ((text, context, targets) for text, context in messages)
    if processes <= 1:
        yield from map(_one, jobs)
        return
    method = _start_method()
    if method == "fork":
        warm_up()  # compile the lazily built patterns once, before the workers are forked
    with multiprocessing.get_context(method).Pool(processes) as pool:
        yield from pool.imap(_one, jobs, chunksize=chunksize)


_WARM_UP = (
    "I know where you live, you useless idiot. I'll smash your face in.",
    "Under the Freedom of Information Act please send me the invoices. How much did it cost?",
    "This post is defamatory and my solicitor will be in touch. Take it down or I'll sue.",
    "The bin hasn't been collected for three weeks. Absolute shambles, sort it out!",
    "As someone who works for the council, my manager bullies us. Thanks in advance 👍",
    "Does anyone know when the library opens? Lovely event, well done Cllr Smith!",
    "f*** off you m0r0n, sh1t council, go back where you came from",
)


def warm_up() -> None:
    """Triage a few messages that reach every part of the classifier, so that the patterns
    the engine compiles on first use are ready (a batch's workers then share them)."""
    for text in _WARM_UP:
        triage(text)


def _one(job: tuple[str, ContextLike, ResponseTargets]) -> Outcome:
    text, context, targets = job
    try:
        return triage(text, context, targets)
    except (InputError, ContextError) as exc:
        return exc


def _start_method() -> str:
    # Forking shares the compiled patterns with the workers at no cost; where it is not
    # available the workers import the engine themselves.
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
