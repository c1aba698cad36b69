"""AB004 insults or harassment aimed at a person."""

from __future__ import annotations

import re
from collections.abc import Iterator

from civicpost.engine import names
from civicpost.engine.evasion import Gate, Pattern, gate_words, normal, skeleton, to_original, words
from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_pairs
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.abuse.common import (
    _AFTER_COMMAND,
    _BEFORE_COMMAND,
    _COMMON,
    _PERSONS,
    _TARGET_KINDS,
    _WORD_BEFORE,
    _both,
    _key,
    _no_overlaps,
    _plurals,
    _quote,
)

_INSULTS = load_pairs("ab_insults")
_STRONG = [w for w, strength in _INSULTS.items() if strength == "strong"]
_AIMED = [w for w, strength in _INSULTS.items() if strength != "strong"]
_ADJECTIVES = load_pairs("ab_insult_adjectives")
_ADJ_INSULT = [w for w, use in _ADJECTIVES.items() if use == "insult"]
_INTENSIFIER = (r"(?:so|such|really|very|just|completely|totally|absolutely|utterly|nothing\s+but"
                r"|a\s+bit\s+of|being|acting\s+like|like|all)")
_ARTICLE = r"(?:such\s+an?|an?|the|one|a\s+(?:bunch|load|pack|set|shower)\s+of|(?:bunch|load|pack)\s+of)"
# An insult word followed by a hyphen or an apostrophe is part of something else:
# "idiot-proof", "a fool's errand". An insulting adjective followed by "at" or "for" is about
# a skill or a task, not the person: "useless at darts".
_NOT_COMPOUND = r"(?![\-'’])"
_NOT_AFTER_ADJ = r"(?!\s+(?:at|for|to|when|with|about|in|on|of|and\s+kind)(?![a-z]))"
# Insult words that also name ordinary things ("circus clowns", "jerk chicken", "freak
# weather", "a door knob"): never flagged from "the ... who" or "some ..." alone.
_LITERAL = frozenset("clown jerk fool freak knob prick muppet bitch bastard creep dunce".split())


def _predicate(noun: str) -> str:
    """What is said of someone: "a useless idiot", "a pathetic little man", "useless"."""
    return (rf"(?:{_INTENSIFIER}\s+){{0,2}}(?:(?:{_ARTICLE}\s+)?(?:<ADJ>\s+){{0,3}}<{noun}>{_NOT_COMPOUND}"
            rf"|(?:{_ARTICLE}\s+)?(?:<ADJ>\s+){{0,2}}<ADJ_INSULT>(?:\s+<ADJ>){{0,2}}\s+<PERSON>"
            rf"|(?:<ADJ>\s+){{0,2}}<ADJ_INSULT>{_NOT_AFTER_ADJ})(?![a-z])")


_INSULT_PARTS = dict(ADJ=list(_ADJECTIVES), ADJ_INSULT=_ADJ_INSULT, NOUN=_plurals(_INSULTS),
                     STRONG=_plurals(_STRONG), AIMED=_plurals(_AIMED), PERSON=_PERSONS,
                     NAMED=_plurals(w for w in _STRONG if w not in _LITERAL))
# "you're", "you lot from the estate are", "don't be", "stop being"
_YOU_ARE = (r"(?:you\s+(?:are|were|r)|you'?re|u\s+(?:are|r)|u'?re|ur|yer|your(?=\s+an?\s)"
            r"|you\s+(?:lot|two|guys|people|all)(?:\s+(?:from|at|in|on|up|down)(?:\s+[a-z'\-]+){1,4}?)?\s+are"
            r"|(?:don'?t|do\s+not|stop)\s+be(?:ing)?)")
_AT_YOU = Pattern(
    r"(?<![a-z])" + _YOU_ARE + r"\s+" + _predicate("NOUN")
    + r"|(?<![a-z])(?:you|ya)\s+(?:<ADJ>\s+){0,3}<STRONG>" + _NOT_COMPOUND + r"(?![a-z])"
    + r"|(?<![a-z])(?:you|ya)\s+(?:<ADJ>\s+){1,3}(?:<AIMED>|<PERSON>)" + _NOT_COMPOUND + r"(?![a-z])",
    **_INSULT_PARTS)
_COPULA = r"(?:\s+(?:is|are|was|were|r)|'s|'re)\s+"
# "the people complaining about the bins", "anyone who parks here": a subject with a clause
# after it. What is said of it must be a plain insult ("are idiots", "is selfish"), since the
# clause may hold its own "is a joke" ("anyone who thinks the plan is a joke").
_CLAUSE = r"(?:\s+[a-z0-9'\-]+){1,12}?"
_AT_SOMEONE = Pattern(
    r"(?<![a-z])(?:he|she|(?:this|that)\s+(?:guy|man|woman|bloke|lady|person|fella)"
    r"|(?:the|our|your|this|that|these|those|some|all|most|many|local|town|parish|both)\s+"
    r"(?:[a-z]+\s+)?<PERSON>)" + _COPULA + _predicate("NOUN")
    + r"|(?<![a-z])they" + _COPULA + _predicate("STRONG")
    + r"|(?<![a-z])(?:(?:the|those|these|some|all)\s+)?<PERSON>\s+(?:who|that|[a-z]+ing)" + _CLAUSE
    + _COPULA + _predicate("STRONG")
    + r"|(?<![a-z])(?:anyone|anybody|whoever|someone|somebody|those(?=\s+(?:who|that|[a-z]+ing))"
    r"|people\s+who)" + _CLAUSE
    + _COPULA + _predicate("STRONG"),
    **_INSULT_PARTS)
_AFTER_NAME = Pattern(_COPULA + _predicate("NOUN"), **_INSULT_PARTS)
_EXCLAIMED = Pattern(
    r"(?<![a-z])what\s+(?:" + _ARTICLE + r"\s+)?(?:<ADJ>\s+){0,3}<STRONG>" + _NOT_COMPOUND + r"(?![a-z])"
    r"|(?<![a-z])(?:bunch|load|pack|shower)\s+of\s+(?:<ADJ>\s+){0,3}<STRONG>" + _NOT_COMPOUND
    + r"(?![a-z])",
    **_INSULT_PARTS)
# "the idiot who owns the van", "the idiots at the bus company", "some scumbag stole ...":
# name-calling of someone the reader can often identify.
_CALLED = Pattern(
    r"(?<![a-z])(?:the|that|this|those|these)\s+(?:<ADJ>\s+){0,2}<NAMED>\s+(?:who|that|at|in|from|on"
    r"|with|driving|parking|next\s+door|down\s+the\s+road|across\s+the\s+road)(?![a-z])"
    r"|(?<![a-z])some\s+(?:<ADJ>\s+){0,2}<NAMED>" + _NOT_COMPOUND + r"(?![a-z])",
    **_INSULT_PARTS)
# "What a stupid question": calling someone's words stupid is calling them stupid.
_SAID = Pattern(
    r"(?<![a-z])(?:what|that'?s|that\s+is|such|your|another)\s+(?:an?\s+)?<ADJ_INSULT>\s+"
    r"(?:question|comment|remark|reply|post)s?(?![a-z])", **_INSULT_PARTS)
# "youreanidiot", "uridiot": an insult with the spaces left out.
_GLUED = Pattern(
    r"(?:you|youre|youare|ur)(?:such)?(?:an?|the)?(?:" + "|".join(
        sorted((normal(a).replace(" ", "") for a in _ADJECTIVES), key=len, reverse=True))
    + r"){0,2}(?:" + "|".join(sorted((normal(w).replace(" ", "") for w in _STRONG), key=len, reverse=True))
    + r")(?:s|es)?")
_INSULT_GATE = Gate(_plurals(_INSULTS) + _ADJ_INSULT, _COMMON)
_STRONG_GATE = Gate(_plurals(_STRONG) + _ADJ_INSULT, _COMMON)
_YOU_GATE = Gate("you u ya ur yer don dont stop not".split())
_INSULTING = (
    (_AT_YOU, _INSULT_GATE & _YOU_GATE),
    (_AT_SOMEONE, _INSULT_GATE & Gate(["he", "she", "they", "anyone", "anybody", "whoever", "someone",
                                       "somebody", "those"] + _PERSONS)),
    (_EXCLAIMED, _STRONG_GATE & Gate("what bunch load pack shower".split())),
    (_CALLED, Gate(_plurals(w for w in _STRONG if w not in _LITERAL))),
    (_SAID, Gate(_ADJ_INSULT) & Gate("question questions comment comments remark remarks reply "
                                     "replies post posts".split())),
)

_HARASSMENT = load_pairs("ab_harassment")
_HARASSING = Pattern("<PHRASES>", PHRASES=_HARASSMENT)
_HARASSMENT_USE = _both(_HARASSMENT)
_HARASSMENT_GATE = Gate(_HARASSMENT, _COMMON)


@register
class InsultOrHarassment(Rule):
    """Insult or harassment aimed at a person: name-calling ("you're a moron", "the clerk is a
    useless idiot", "Cllr Smith is a clown", "what an idiot"), demeaning descriptions ("you
    pathetic woman", "you're useless") and harassing commands or phrases ("shut up", "get
    lost", "nobody wants you here").

    **Why it matters:** the policy asks for civil, respectful posts and forbids harassment
    (Loughton §3 and §5, Ludgershall §4); insulting a resident, an officer or a fellow
    councillor can breach the Code of Conduct and the council's bullying and harassment
    policy. An insult word is flagged only when it is aimed at a person (you, a named person,
    a councillor, "the clerk", "he/she"), so "idiot-proof", "a fool's errand", "don't be
    fooled by scams", "this is a disgrace" and "don't get lost in the woods" stay clear.

    **Avoid:** "Cllr Smith is a clown who hasn't read the report."

    **Write instead:** "We disagree with Cllr Smith's reading of the report: page 4 shows the
    costs have fallen."
    """

    code = "AB004"
    title = "Insult or harassment aimed at a person"

    def find(self, post: Post) -> Iterator[Hit]:
        found: list[tuple[int, int, str]] = []
        present, stretched = gate_words(post), skeleton(post).stretched
        found.extend((s, e, "insult") for s, e in self._insults(post, present, stretched))
        found.extend((s, e, "insult") for s, e in self._glued(post))
        if _HARASSMENT_GATE.open(present, stretched):
            found.extend((s, e, "harassment") for s, e in self._harassment(post))
        hits = []
        for start, end, kind in found:
            what = "an insult aimed at a person or people" if kind == "insult" else "harassing"
            hits.append(Hit(start, end, f"{_quote(post, start, end)} is {what}; the policy asks for "
                                        "posts that are civil and respectful, and forbids harassment.",
                            Fix("Criticise the decision or the action, not the person: say what "
                                "is wrong and what should happen instead.")))
        yield from _no_overlaps(hits)

    @staticmethod
    def _insults(post: Post, present: frozenset[str], stretched: bool) -> Iterator[tuple[int, int]]:
        if not _INSULT_GATE.open(present, stretched):
            return
        for pattern, gate in _INSULTING:
            if gate.open(present, stretched):
                yield from ((start, end) for start, end, _ in pattern.finditer(post))
        for start, end, _ in _AFTER_NAME.finditer(post):
            # "Cllr Smith is a clown", "Smith's a prat", "@handle is an idiot": the names are
            # found (once, and shared with other rules) only when such a sentence is there.
            window = (max(0, start - 80), start + 1)
            named = [m for m in names.mentions_in(post, window, _TARGET_KINDS)
                     if m.end <= start and not post.text[m.end:start].strip(" \t'’")]
            if named:
                yield named[-1].start, end

    @staticmethod
    def _glued(post: Post) -> Iterator[tuple[int, int]]:
        # The post's words are far fewer than its characters: looking through them for one
        # that starts with "you" or "ur" costs a third of a regex over the text.
        starting = [word for word in words(post) if len(word) >= 7 and word.startswith(("you", "ur"))]
        if not starting:
            return
        sk = skeleton(post)
        glued = _GLUED.on(sk)
        for word in starting:
            if glued.fullmatch(word):
                for match in re.finditer(rf"(?<![a-z]){word}(?![a-z])", sk.text):
                    yield to_original(post, match.start(), match.end())

    @staticmethod
    def _harassment(post: Post) -> Iterator[tuple[int, int]]:
        sk = skeleton(post)
        after = _AFTER_COMMAND.on(sk)
        for start, end, match in _HARASSING.finditer(post):
            use = _HARASSMENT_USE.get(_key(match.group()), "harassment")
            if use == "imperative" and not _is_command(sk.text, match.start(), match.end(), after):
                continue
            if use == "alone" and not after.match(sk.text, match.end()):
                continue  # "nobody wants you to miss out"
            yield start, end


def _is_command(text: str, start: int, end: int, after: re.Pattern[str]) -> bool:
    """True when the phrase at ``start:end`` is said as a command: at the start of a sentence
    or after "just", "oh", "you"..., and followed by nothing, punctuation or "you"."""
    before = text[max(0, start - 40):start]
    cut = max(before.rfind(c) for c in ".!?\n;:")
    previous = _WORD_BEFORE.search(before[cut + 1:])
    if previous and previous.group(1) not in _BEFORE_COMMAND:
        return False
    return after.match(text, end) is not None
