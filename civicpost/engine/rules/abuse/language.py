"""AB001 swearing or vulgar language and AB002 slurs or discriminatory language."""

from __future__ import annotations

from collections.abc import Iterator

from civicpost.engine.evasion import Gate, Pattern, gate_words, skeleton
from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_terms
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.abuse.common import _COMMON, _GROUPS, _WORDS, _no_overlaps, _quote, _word_message


@register
class Profanity(Rule):
    """Swearing or vulgar language: swear words ("shit", "fuck", "bollocks", "wtf") and vulgar
    sexual terms, however they are disguised ("sh1t", "f*ck", "f u c k", "fuuuck").

    **Why it matters:** the policy asks everyone who posts for the council, and councillors on
    their own accounts, to be civil and tasteful (Loughton §3) and to avoid abusive
    behaviour (Ludgershall §4). Swearing in a council's name reads as unprofessional and
    can be reported as a breach of the Code of Conduct. Innocent words that contain a
    listed word (Scunthorpe, Shitterton, Cockermouth, cocktail, Dickens, Arsenal, "blue
    tits", "Dick Whittington") are left alone; a council adds its own in
    ``ab_innocent.txt``.

    **Avoid:** "The state of the bus shelter is a load of sh*t."

    **Write instead:** "The bus shelter on Forest Road has been damaged; we have reported it
    and it will be repaired next week."
    """

    code = "AB001"
    title = "Swearing or vulgar language"

    def find(self, post: Post) -> Iterator[Hit]:
        for match in _WORDS.find(post):
            if match.entry.source == "ab_profanity":
                yield Hit(match.start, match.end, _word_message(post, match,
                          "the policy asks for posts that are civil and tasteful."),
                          Fix("Remove the word, or say it another way."))


# --------------------------------------------------------------------------- AB002

_DEHUMANISING = list(load_terms("ab_dehumanising"))
_GROUP_ACTIONS = list(load_terms("ab_group_actions"))
_GROUP_STATEMENT = Pattern(
    r"<GROUP>\s+(?:(?:are|r|is|were|be)\s+(?:<QUALIFIER>\s+){0,3}<PREDICATE>|(?:all\s+)?<ACTION>)"
    r"|(?<![a-z])(?:i|we)\s+(?:really\s+|just\s+)?(?:hate|despise|loathe|can'?t\s+stand)\s+"
    r"(?:all\s+)?(?:the\s+|these\s+|those\s+)?(?:fucking\s+|bloody\s+)?<GROUP>"
    r"|(?<![a-z])(?:deport|get\s+rid\s+of|kick\s+out|round\s+up|ban)\s+(?:all\s+)?"
    r"(?:the\s+|these\s+|those\s+)?<GROUP>"
    r"|<GROUP>\s+(?:out|go\s+home|must\s+go|need\s+to\s+go)(?=\s*(?:[.!?,;:)#\n]|$))",
    GROUP=_GROUPS,
    PREDICATE=_DEHUMANISING,
    ACTION=_GROUP_ACTIONS,
    QUALIFIER=("all", "just", "nothing but", "basically", "literally", "like", "such",
               "no better than", "worse than", "total", "complete", "fucking", "dirty", "filthy",
               "bloody", "really", "so", "a bunch of", "a load of", "a pack of"),
)
_GROUP_VERBS = "hate despise loathe stand deport rid kick round ban out home go".split()
_GROUP_GATE = Gate(_GROUPS, _COMMON) & Gate(_DEHUMANISING + _GROUP_ACTIONS + _GROUP_VERBS, _COMMON)
# "We don't want Travellers here", "we don't need a mosque in Ludgershall".
_WORSHIP = "mosque mosques synagogue synagogues gurdwara gurdwaras temple temples".split()
_NOT_WANTED = Pattern(
    r"(?<![a-z])(?:don'?t|do\s+not)\s+(?:need|want)\s+(?:a\s+|an\s+|any\s+(?:more\s+)?|more\s+|no\s+)?"
    r"(?:<GROUP>|<WORSHIP>)\s+(?:here|in|round|around|near)(?![a-z])",
    GROUP=_GROUPS, WORSHIP=_WORSHIP)
_NOT_WANTED_GATE = (Gate(_GROUPS, _COMMON) | Gate(_WORSHIP)) & Gate(["need", "want"])
_HOSTILE_PHRASES = list(load_terms("ab_hostile_phrases"))
_HOSTILE = Pattern("<PHRASES>", PHRASES=_HOSTILE_PHRASES)
_HOSTILE_GATE = Gate(_HOSTILE_PHRASES, _COMMON)
_SLUR_WHY = "the policy forbids racist, sexist and discriminatory language, whatever the intent."


@register
class Discrimination(Rule):
    """Slur or discriminatory language: racist, religious, homophobic, transphobic, disablist
    and sexist slurs, and hostile or dehumanising statements about a group of people who
    share a protected characteristic ("Travellers are vermin", "immigrants should be sent
    back", "go back to your own country").

    **Why it matters:** the policy forbids racist, sexist or discriminatory language on the
    council's accounts and on councillors' own (Loughton §3 and §5, Ludgershall §4), and such
    posts can breach the Equality Act 2010 and the Public Order Act 1986. Talking about
    people's identities is fine and never flagged: "Muslim", "gay", "Black", "disabled",
    "Traveller site consultation", "women's football", "Pride event". A post that quotes a
    slur to condemn it is flagged too: describe the words ("a racist slur") instead of
    repeating them, or ask the Clerk to override.

    **Avoid:** "Travellers are vermin and should be moved on."

    **Write instead:** "An unauthorised encampment is on the recreation ground. We are
    following the legal process and will update residents on Friday."
    """

    code = "AB002"
    title = "Slur or discriminatory language"

    def find(self, post: Post) -> Iterator[Hit]:
        hits = [Hit(m.start, m.end, _word_message(post, m, _SLUR_WHY),
                    Fix("Remove it. To report or condemn abuse, describe it (\"a racist slur\") "
                        "rather than repeat it."))
                for m in _WORDS.find(post) if m.entry.source == "ab_slurs"]
        statements: list[tuple[int, int]] = []
        present, stretched = gate_words(post), skeleton(post).stretched
        if _GROUP_GATE.open(present, stretched):
            statements.extend((s, e) for s, e, _ in _GROUP_STATEMENT.finditer(post))
        if _NOT_WANTED_GATE.open(present, stretched):
            statements.extend((s, e) for s, e, _ in _NOT_WANTED.finditer(post))
        if _HOSTILE_GATE.open(present, stretched):
            statements.extend((s, e) for s, e, _ in _HOSTILE.finditer(post))
        for start, end in statements:
            hits.append(Hit(start, end,
                            f"{_quote(post, start, end)} is a hostile statement about a whole group "
                            "of people for who they are; the policy forbids discriminatory and "
                            "inflammatory language.",
                            Fix("Remove it. Criticise a specific action or decision, never a "
                                "group of people.")))
        yield from _no_overlaps(hits)
