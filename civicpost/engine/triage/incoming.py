"""Abuse in the forms that incoming messages take and council posts do not.

The abuse rules are written for what a council might post; what residents send in is
blunter and less careful ("Idiots.", "lazy councillors, parasites the lot of you"). These
patterns add those forms. They read the message through the engine's evasion layer
(:class:`civicpost.engine.evasion.Pattern`), so disguised spellings are found too, and they
use the abuse rules' own word lists (insults, insulting adjectives, person nouns) with the
triage list ``lexicons/triage_insults.txt``. Threats have a grammar of their own
(:mod:`civicpost.engine.triage.threat`).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from civicpost.engine.evasion import AllOf, Gate, Pattern, skeleton, words
from civicpost.engine.lexicons import load_pairs, load_terms
from civicpost.engine.post import Post
from civicpost.engine.triage.cues import CueList


def _plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u"):
        return word[:-1] + "ies"  # "numpty", "numpties"
    return word + ("es" if word.endswith(("s", "sh", "ch", "x")) else "s")


_INSULTS = load_pairs("ab_insults")
_NAMING = sorted({w for w, strength in _INSULTS.items() if strength == "strong"}
                 | {_plural(w) for w, strength in _INSULTS.items() if strength == "strong" and " " not in w}
                 | set(load_terms("triage_insults")))
# Insults that also name ordinary things ("the clown at the party was fantastic", "a jerk
# chicken stall"): the looser patterns below leave them to the abuse rules.
_LITERAL = frozenset("clown clowns jerk jerks fool fools freak freaks knob knobs prick pricks muppet muppets "
                     "bat bats creep creeps dunce dunces rat rats pig pigs snake snakes cow cows".split())
_FIGURATIVE = [w for w in _NAMING if w not in _LITERAL]
_ADJECTIVES = list(load_pairs("ab_insult_adjectives"))
_ADJ_INSULT = [w for w, use in load_pairs("ab_insult_adjectives").items() if use == "insult"]
_PEOPLE = sorted(set(load_terms("ab_person_nouns")) | {"staff", "officers", "councillors", "clerk",
                                                        "receptionist", "warden", "wardens"})
# Words that make an insult of the name after them ("a lying toad", "thieving crooks") and the
# animals and things that insult only with one of them before ("a spineless weasel").
_DESCRIBERS = sorted(set(_ADJ_INSULT) | set(load_terms("triage_insulting")))
_ANIMALS = sorted(set(load_terms("triage_insult_animals")) | _LITERAL)
# Names that are also forms of address or things ("Madam Chair", "thick mugs for the tea urn",
# a car park that is "a useless waste of space"): insults only where the looser patterns
# below do not reach.
_ALSO_ORDINARY = frozenset({"madam", "little madam", "mugs", "waste of space"})
_BEFORE_PEOPLE = [w for w in _FIGURATIVE if w not in _ALSO_ORDINARY]
# "The car park is a waste of space" says nothing of a person; the abuse rule (AB004) finds
# it where a person is named ("the mayor is a waste of space").
_SAID_OF = [w for w in _FIGURATIVE if w != "waste of space"]
_PLACES = ["council", "town council", "parish council", "town hall", "council offices", "offices", "office",
           "planning department", "department", "depot", "committee", "civic centre", "chambers"]
_ABUSE_PHRASES = CueList("triage_abuse_phrases")

# Words that end an insult: the phrase stops there ("you idiot!", "is a liar and a crook").
_ENDS = r"(?=\s*(?:[.!?,;:)]|$|and\s|who\s|that\s|lol|mate|m8|pal))"
_NOT_BETWEEN = (r"(?!(?:the|a|an|see|saw|know|knew|get|got|have|has|had|are|is|were|was|my|your|his|her"
                r"|their|our|this|that|to|of|in|on|at|and|for|can|could|will|would|should|do|did)\s)")

@lru_cache(maxsize=1)
def _abuse_patterns() -> tuple[tuple[Pattern, Gate | AllOf], ...]:
    return (
        # "they're all liars", "is a liar and a crook", "the clerk is a jumped-up little Hitler"
        (Pattern(r"(?:(?<![a-z])(?:is|are|was|were|r)|'s|'re)\s+(?:all\s+)?(?:(?:such|just|nothing\s+but|"
                 r"a\s+bunch\s+of|a\s+load\s+of|a\s+pack\s+of|a\s+shower\s+of)\s+)?(?:an?\s+)?"
                 r"(?:" + _NOT_BETWEEN + r"[a-z'\-]+\s+){0,2}<NAMING>" + _ENDS, NAMING=_SAID_OF),
         Gate(_SAID_OF)),
        # "you sanctimonious prat", "ya lying snake!"
        (Pattern(r"(?<![a-z])(?:you|ya|u)\s+(?:" + _NOT_BETWEEN + r"[a-z'\-]+\s+){0,2}<NAMING>" + _ENDS,
                 NAMING=_NAMING),
         Gate(_NAMING) & Gate(["you", "ya", "u"])),
        # "lazy councillors", "the incompetent clerk", "useless staff"
        (Pattern(r"(?<![a-z])<ADJ_INSULT>\s+(?:[a-z]+\s+)?<PEOPLE>(?![a-z'’\-])",
                 ADJ_INSULT=_ADJ_INSULT, PEOPLE=_PEOPLE),
         Gate(_ADJ_INSULT) & Gate(_PEOPLE)),
        # "parasites the lot of you", "morons, every one of them"
        (Pattern(r"(?<![a-z])<NAMING>,?\s+(?:the\s+lot\s+of\s+(?:you|them|em|'em|ya)|all\s+of\s+(?:you|them)"
                 r"|every\s+(?:last\s+)?one\s+of\s+(?:you|them))(?![a-z])", NAMING=_NAMING),
         Gate(_NAMING) & Gate(["lot", "all", "every"])),
        # "you are the thickest person I've ever met", "the most useless clerk"
        (Pattern(r"(?<![a-z])(?:you\s+are|you'?re|ur|u\s+r|(?:he|she)\s+is|(?:he|she)'?s|they\s+are|they'?re)\s+"
                 r"(?:easily\s+|by\s+far\s+|genuinely\s+)?the\s+(?:<SUPERLATIVE>)(?![a-z])",
                 SUPERLATIVE=["thickest", "stupidest", "dumbest", "laziest", "ugliest", "nastiest", "rudest",
                              "worst", "biggest idiot", "biggest moron", "biggest clown", "most useless",
                              "most stupid", "most incompetent", "most arrogant", "most ignorant",
                              "most pathetic", "most clueless", "most disgusting"]),
         Gate(["thickest", "stupidest", "dumbest", "laziest", "ugliest", "nastiest", "rudest", "worst",
               "biggest", "most"])),
        # "what a complete and utter moron"
        (Pattern(r"(?<![a-z])what\s+(?:an?\s+)?(?:(?:<ADJ>|and)\s+){0,4}<NAMING>" + _ENDS,
                 ADJ=_ADJECTIVES, NAMING=_NAMING),
         Gate(_NAMING) & Gate(["what"])),
        # "Idiots." "Absolute clowns!" as a sentence of its own
        (Pattern(r"(?:^|(?<=[.!?\n])[ \t]*)(?:(?:<ADJ>)\s+){0,3}<NAMING>(?=[ \t]*(?:[.!?]+|$))",
                 ADJ=_ADJECTIVES, NAMING=_NAMING),
         Gate(_NAMING)),
        # "what kind of brain-dead idiot designed this", "a council full of idiots"
        (Pattern(r"(?<![a-z])(?:what\s+(?:kind|sort|type)\s+of|full\s+of|run\s+by)\s+(?:[a-z'\-]+\s+){0,2}<NAMING>"
                 r"(?![a-z'’\-])", NAMING=_FIGURATIVE),
         Gate(_FIGURATIVE) & Gate(["kind", "sort", "type", "full", "run"])),
        # "the receptionist is a miserable old bag", "Cllr Moss is a spineless weasel", "the
        # committee are brainless sheep": an animal or a thing is an insult only with an
        # insulting word before it, said of someone ("there are nasty rats" is not)
        (Pattern(r"(?<!there\s)(?:(?<![a-z])(?:is|are|was|were|r|you|ya|u)|(?<!there)'s|'re)\s+(?:all\s+)?"
                 r"(?:(?:such|just|nothing\s+but|"
                 r"a\s+bunch\s+of|a\s+load\s+of|a\s+pack\s+of|a\s+shower\s+of)\s+)?(?:an?\s+)?"
                 r"(?:(?:<ADJ>)\s+){0,2}<DESCRIBER>\s+(?:(?:old|little|fat|big)\s+)?<NAME>" + _ENDS,
                 ADJ=_ADJECTIVES, DESCRIBER=_DESCRIBERS, NAME=_ANIMALS + _BEFORE_PEOPLE),
         Gate(_DESCRIBERS) & Gate(_ANIMALS + _BEFORE_PEOPLE)),
        # "typical useless numpties", "useless bunch of wasters", "thieving crooks at that town
        # hall": an insult made plainer by the word before it, wherever it stands
        (Pattern(r"(?<![a-z])<DESCRIBER>\s+(?:(?:old|little|bunch\s+of|load\s+of|pack\s+of|shower\s+of)\s+){0,2}"
                 r"<NAMING>(?![a-z'’\-])", DESCRIBER=_DESCRIBERS, NAMING=_BEFORE_PEOPLE),
         Gate(_DESCRIBERS) & Gate(_BEFORE_PEOPLE)),
        # "sh1t-for-brains clerk", "idiot councillors": an insult put before the people it names
        (Pattern(r"(?<![a-z])<NAMING>\s+<PEOPLE>(?![a-z'’\-])", NAMING=_BEFORE_PEOPLE, PEOPLE=_PEOPLE),
         Gate(_BEFORE_PEOPLE) & Gate(_PEOPLE)),
        # "the next idiot from the council", "the clowns at the town hall"
        (Pattern(r"(?<![a-z])<NAMING>\s+(?:from|at|in|on|running|down\s+at|up\s+at)\s+(?:the|that|this|our|your)\s+"
                 r"(?:[a-z]+\s+)?<PLACE>(?![a-z])", NAMING=_BEFORE_PEOPLE, PLACE=_PLACES),
         Gate(_BEFORE_PEOPLE) & Gate(_PLACES)),
        # "you're talking rubbish as usual, idiot": an insult said to the reader at the end
        (Pattern(r"(?<=,)\s*(?:(?:<ADJ>)\s+){0,3}<NAMING>(?=[ \t]*(?:[.!?]+|$))",
                 ADJ=_ADJECTIVES, NAMING=_FIGURATIVE),
         Gate(_FIGURATIVE)),
        # "stop being such a snowflake", "don't be such a muppet"
        (Pattern(r"(?<![a-z])(?:(?:stop|quit)\s+(?:being|acting\s+like)|don'?t\s+be|do\s+not\s+be)\s+"
                 r"(?:so\s+)?(?:such\s+)?(?:an?\s+)?(?:(?:<ADJ>)\s+){0,2}<NAMING>(?![a-z'’\-])",
                 ADJ=_ADJECTIVES, NAMING=_FIGURATIVE),
         Gate(_FIGURATIVE) & Gate(["stop", "quit", "don't", "dont", "not"])),
        # "imagine being this stupid", "how can you be so thick"
        (Pattern(r"(?<![a-z])(?:imagine\s+(?:being|having\s+to\s+be)|how\s+(?:can|could)\s+(?:you|u)\s+be)\s+"
                 r"(?:this|that|so|as)\s+<ADJ_INSULT>(?![a-z])",
                 ADJ_INSULT=_ADJ_INSULT),
         Gate(_ADJ_INSULT) & Gate(["imagine", "how"])),
    )

def incoming_abuse(post: Post) -> Iterator[tuple[int, int]]:
    """Spans of insults aimed at people in the forms the abuse rules leave alone."""
    yield from _spans(post, _abuse_patterns())
    yield from ((cue.start, cue.end) for cue in _ABUSE_PHRASES.find(post))


def _spans(post: Post, patterns: tuple[tuple[Pattern, Gate | AllOf], ...]) -> Iterator[tuple[int, int]]:
    present, stretched = words(post), skeleton(post).stretched
    for pattern, gate in patterns:
        if not gate.open(present, stretched):
            continue
        for start, end, _ in pattern.finditer(post):
            yield start, end
