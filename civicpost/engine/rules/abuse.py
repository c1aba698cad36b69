"""AB abuse and civility: swearing, slurs and discriminatory statements, threats and
incitement, and insults or harassment aimed at a person (Loughton §3: "Be civil, tasteful
and relevant. Do not use racist, sexist or inflammatory language", "Do not post any message
that might be construed as likely to cause harassment, alarm or distress"; Ludgershall §4:
"abusive or threatening behaviour", "material that may be regarded as discriminatory",
"inciting or supporting somebody to commit a crime").

Every rule reads the post through :mod:`civicpost.engine.evasion`, so a word written
``sh1t``, ``f u c k``, ``f*ck``, ``fuuuck``, ``a$$`` or with look-alike letters is found as
surely as the plain spelling, and findings still point at the characters the author typed.
The word lists are data files (``lexicons/ab_*.txt``) that a council can extend.

Counter-speech: a post that quotes a slur or a hostile statement in order to condemn it is
still flagged. The rules cannot tell quoting from saying, and a council post should not
repeat the words either: describe them ("a racist slur was shouted at ...") instead. The
Clerk can override a finding with a recorded reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from civicpost.engine import names
from civicpost.engine.evasion import (
    Gate,
    Pattern,
    WordList,
    WordMatch,
    normal,
    skeleton,
    squeeze,
    to_original,
    words,
)
from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_pairs, load_terms
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register

_WORDS = WordList(("ab_profanity", "ab_slurs"), innocent="ab_innocent",
                  nearby="ab_innocent_nearby", also_names="ab_also_names")
_LONGEST_EXCERPT = 60
# Words too common in council posts to gate a phrase on; a phrase's rarer words are used.
_COMMON = frozenset(
    "the a an all of to be in on our this your you i we go back are is should not out "
    "people men women it its me my get up him her them they he she will where here welcome "
    "waste until children family school space home live time day week help open free".split())


# --------------------------------------------------------------------------- helpers

def _plurals(terms: Iterable[str]) -> list[str]:
    """Each term and its plural ("idiot", "idiots"); a phrase ("waste of space") as it is."""
    found = []
    for term in terms:
        found.append(term)
        if " " not in term:
            found.append(term + ("es" if term.endswith(("s", "sh", "ch", "x")) else "s"))
    return found


def _quote(post: Post, start: int, end: int) -> str:
    excerpt = " ".join(post.text[start:end].split())
    if len(excerpt) > _LONGEST_EXCERPT:
        excerpt = excerpt[:_LONGEST_EXCERPT - 1] + "…"
    return f"“{excerpt}”"


def _a(label: str) -> str:
    return ("an " if label[:1] in "aeiou" else "a ") + label


def _key(phrase: str) -> str:
    """A matched phrase as a key of a lexicon: separators made single spaces."""
    return _SEPARATORS.sub(" ", phrase.replace("’", "'")).strip()


def _both(table: dict[str, str]) -> dict[str, str]:
    """A lexicon's ``phrase => value`` table, looked up by plain or by squeezed phrase."""
    joined = {}
    for phrase, value in table.items():
        joined[normal(phrase)] = value
        joined[squeeze(normal(phrase))] = value
        joined[normal(phrase).replace("'", "")] = value
        joined[squeeze(normal(phrase)).replace("'", "")] = value
    return joined


_SEPARATORS = re.compile(r"[\s\-_]+")
_DISGUISED = " Writing it with symbols, spaces or repeated letters does not make it acceptable."
_GROUPS = list(load_terms("ab_groups"))
_PERSONS = list(load_terms("ab_person_nouns"))


# --------------------------------------------------------------------------- AB001

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


def _word_message(post: Post, match: WordMatch, why: str) -> str:
    message = f"{_quote(post, match.start, match.end)} is {_a(match.entry.label)}: {why}"
    return message + (_DISGUISED if match.disguised else "")


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
        present, stretched = words(post), skeleton(post).stretched
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


def _no_overlaps(hits: list[Hit]) -> list[Hit]:
    """One hit for one stretch of text: the widest, in order of position."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


# --------------------------------------------------------------------------- AB003

def _verbs(name: str) -> tuple[list[str], list[tuple[str, str]]]:
    """A verb list split into plain verbs ("kill", "petrol bomb") and verbs with a particle
    that the object may come before ("beat up": "beat him up" and "beat up him")."""
    plain, particle = [], []
    for verb in load_terms(name):
        parts = verb.split()
        if len(parts) == 2 and parts[1] in ("up", "over", "off", "in", "out", "down"):
            particle.append((parts[0], parts[1]))
        else:
            plain.append(verb)
    return plain, particle


# "I'll", "I'm going to", "we're gonna": saying what the writer will do ...
_INTENT = (r"(?:i'?ll|i\s+will|i\s+shall|i'?m\s+(?:going\s+to|gonna|about\s+to|coming\s+to)"
           r"|i\s+am\s+(?:going\s+to|gonna|about\s+to)|i'?d(?:\s+love\s+to)?|i\s+would|i\s+could"
           r"|i\s+want\s+to|i\s+wanna|i\s+swear\s+i'?ll|we'?ll|we\s+will|we\s+shall"
           r"|we'?re\s+(?:going\s+to|gonna)|we\s+are\s+(?:going\s+to|gonna)|we\s+could|gonna|wanna)")
# ... and "someone should", "let's": urging others to do it.
_CUE = (r"(?:some(?:one|body)\s+(?:should|needs\s+to|ought\s+to|has\s+to|must|wants\s+to|go\s+and)"
        r"|we\s+(?:should|need\s+to|must|ought\s+to|have\s+to|gotta)|let'?s|let\s+us"
        r"|people\s+should|every(?:one|body)\s+should|you\s+should(?:\s+all)?|you\s+lot\s+should"
        r"|i\s+say\s+we|go\s+and)")
# Words between the threat and the act: "I'll come round and batter you", "let's all go round
# to his house tonight and put his windows in".
_FILLER = (r"(?:(?:just|fucking|literally|personally|actually|seriously|really|bloody|go|come|"
           r"round|over|there|and|all|find\s+(?:you|him|her|them)|hunt\s+(?:you|him|her|them)\s+down"
           r"|(?:to|at)\s+(?:his|her|their|your|the)\s+(?:house|home|place|flat|door|office)"
           r"|tonight|tomorrow|later|now)\s+){0,7}")
_LEAD = rf"(?<![a-z])(?:{_INTENT}|{_CUE})\s+{_FILLER}"
_STRONG_VERBS = frozenset(squeeze(v) for v in (
    "kill murder stab strangle lynch rape behead torture maim knife batter beat string".split()))
_PLAIN_VERBS, _PARTICLE_VERBS = _verbs("ab_violent_verbs")
_LEAD_VERB = Pattern(
    _LEAD + r"(?:(<VERB>)|(<PARTICLE>)\s+(?:(up|over|off|in|out|down)\s+)?)",
    VERB=_PLAIN_VERBS, PARTICLE=sorted({v for v, _ in _PARTICLE_VERBS}))
_PARTICLE_OF = {squeeze(v): p for v, p in _PARTICLE_VERBS}
_FAMILY = ("(?:wife|husband|kids|children|family|mum|mom|mother|dad|father|son|daughter|partner|"
           "dog|cat|boyfriend|girlfriend|brother|sister|baby|grandchildren|grandkids)")
_BODY = "(?:throat|face|head|legs?|neck|jaw|nose|teeth|skull|knees?|arms?|fingers?|back)"
_TARGET = Pattern(
    r"\s*(?:you|u|ya|him|her|the\s+lot\s+of\s+you|all\s+of\s+you|every\s+one\s+of\s+you"
    r"|each\s+of\s+you|(?:your|his|their)\s+" + _FAMILY + r"|(?:your|his|her|their)\s+" + _BODY +
    r"|(?:the|that|this|those|these|our|your|every|all\s+the)\s+(?:[a-z]+\s+)?<PERSON>"
    r"|(?:all\s+)?(?:the\s+)?<GROUP>)(?![a-z])",
    PERSON=_PERSONS, GROUP=_GROUPS)
_WEAK_TARGET = Pattern(r"\s*(?:them|em|'em|all\s+of\s+them|the\s+lot\s+of\s+them"
                       r"|every\s+(?:last\s+)?one\s+of\s+them)(?![a-z])")
# "I'll shoot you an email", "I'll kill you at darts", "we'll kick them out at the election"
_NOT_A_THREAT_AFTER = Pattern(
    r"\s+(?:an?|some|back|out|off|at|with\s+kindness|the\s+(?:email|details|link|form))(?![a-z])")
_TARGET_KINDS = (names.COUNCILLOR, names.PERSON, names.ROLE, names.HANDLE, names.GIVEN)

_DAMAGE_VERBS, _DAMAGE_PARTICLES = _verbs("ab_damage_verbs")
_DAMAGE = Pattern(
    _LEAD + r"(?:burn|torch)\s+(?:[a-z'\-]+\s+){1,4}?down(?![a-z])"
    r"|" + _LEAD + r"(?:<VERB>)\s+(?:(?:the|his|her|their|your|that|this|our|those|these|every"
    r"|all\s+the|its)\s+)(?:[a-z'\-]+\s+){0,4}?<PROPERTY>(?![a-z])"
    r"|" + _LEAD + r"(?:put|kick)\s+(?:the|his|her|their|your)\s+(?:front\s+)?(?:windows?|door)\s+in(?![a-z])"
    r"|" + _LEAD + r"(?:put|throw|chuck|lob)\s+(?:a\s+)?(?:brick|bricks|stone|stones)\s+through\s+",
    VERB=_DAMAGE_VERBS + [f"{v} {p}" for v, p in _DAMAGE_PARTICLES],
    PROPERTY=load_terms("ab_property"))
# "he should be shot", "fly-tippers should be strung up". "They" may be pictures or a team
# ("they should be shot in natural light", "beaten at the election"), so after "they" only
# words that are about people count.
_HARMED = (r"hanged|strung\s+up|lynched|killed|murdered|stabbed|gassed|burned\s+alive|burnt\s+alive"
           r"|castrated|horsewhipped|shot\s+on\s+sight|put\s+up\s+against\s+a\s+wall"
           r"|tarred\s+and\s+feathered|birched|raped|tortured|knee\s*capped|beheaded|flogged")
_PASSIVE = Pattern(
    r"(?<![a-z])(?:(?:he|she|you|whoever(?:\s+[a-z']+){1,5}?|those\s+responsible"
    r"|(?:the\s+|these\s+|those\s+|all\s+)?(?:culprits|vandals|thieves|burglars|yobs|thugs|morons"
    r"|idiots|perpetrators|offenders|fly[\s\-]?tippers|litter\s+louts|paedos|paedophiles|nonces"
    r"|people\s+responsible|person\s+responsible|lot\s+of\s+them)"
    r"|people\s+like\s+(?:him|her|that|this|them|you)"
    r"|(?:the|that|this|those|these|our|all|all\s+the)\s+(?:[a-z]+\s+)?<PERSON>|<GROUP>)"
    r"\s+(?:all\s+)?<SHOULD>\s+(?:all\s+)?be\s+(?:taken\s+out\s+and\s+)?"
    r"(?:shot|beaten|beaten\s+up|" + _HARMED + r")"
    r"|they\s+(?:all\s+)?<SHOULD>\s+(?:all\s+)?be\s+(?:" + _HARMED + r")"
    r"|(?:people|person|lads|kids|yobs|idiots|those|anyone|whoever)\s+(?:who|that)(?:\s+[a-z0-9'\-]+){1,9}?"
    r"\s+(?:all\s+)?<SHOULD>\s+(?:all\s+)?be\s+(?:shot|" + _HARMED + r")"
    r"|and\s+(?:they\s+)?<SHOULD>\s+(?:all\s+)?be\s+(?:" + _HARMED + r"))(?![a-z])",
    PERSON=_PERSONS, GROUP=_GROUPS,
    SHOULD=r"(?:should|ought\s+to|deserves?\s+to|needs?\s+to|must)")
# "If they come near the fete, I'll be waiting with my bat", "I'll be waiting for you with a
# knife": a veiled threat of a weapon. A plain "we'll be waiting with the cricket bats" is not.
_WEAPON = (r"(?:a|my|our|the)\s+(?:[a-z]+\s+)?(?:bat|knife|gun|shotgun|crowbar|hammer|machete|axe"
           r"|pitchfork)(?![a-z])")
_WAITING = Pattern(
    r"(?<![a-z])if\s[^.!?\n]{0,120}?(?:i'?ll|i\s+will|we'?ll|we\s+will)\s+be\s+waiting\s+with\s+" + _WEAPON
    + r"|(?<![a-z])(?:i'?ll|i\s+will|we'?ll|we\s+will)\s+be\s+waiting\s+for\s+(?:you|them|him|her)\s+with\s+"
    + _WEAPON)
_DESERVES = Pattern(
    r"(?<![a-z])(?:(?:he|she|they|you|someone|somebody)\s+)?(?:deserves?|needs?|wants?|is\s+asking\s+for"
    r"|are\s+asking\s+for|could\s+do\s+with|is\s+owed)\s+(?:a\s+)?(?:good\s+|proper\s+|real\s+|right\s+)?"
    r"(?:beating|kicking|slap|smack|punch|hiding|thrashing|battering|slapping|leathering|bullet|knife)"
    r"(?!\s+of)(?![a-z])")
_DEATH_TO = Pattern(r"(?<![a-z])death\s+to\s+(?:all\s+(?:the\s+)?[a-z]+|(?:the\s+)?(?:<GROUP>|<PERSON>)"
                    r"|him|her|them|you)(?![a-z])", GROUP=_GROUPS, PERSON=_PERSONS)
_KILLING_VERBS = "kill gas shoot hang lynch exterminate burn nuke bomb".split()
_KILL_GROUP = Pattern(r"(?<![a-z])(?:<KILLING>)\s+"
                      r"(?:all\s+)?(?:the\s+|these\s+|those\s+)?(?:fucking\s+|bloody\s+)?<GROUP>(?![a-z])",
                      GROUP=_GROUPS, KILLING=_KILLING_VERBS)
_THREAT_TABLE = load_pairs("ab_threat_phrases")
_THREAT_KINDS = _both(_THREAT_TABLE)
_THREATS = Pattern("<PHRASES>", PHRASES=_THREAT_TABLE)
_THREAT_GATE = Gate(_THREAT_TABLE, _COMMON)
# Each pattern runs only when a post has one of the words it needs.
_VIOLENCE = (
    (_LEAD_VERB, Gate(_PLAIN_VERBS + [v for v, _ in _PARTICLE_VERBS], _COMMON)),
    (_DAMAGE, Gate(_DAMAGE_VERBS + [v for v, _ in _DAMAGE_PARTICLES]
                   + "burn torch windows window door brick bricks stone stones".split(), _COMMON)),
    (_PASSIVE, Gate("shot hanged strung lynched killed murdered stabbed beaten flogged gassed burned "
                    "burnt castrated horsewhipped tarred birched raped tortured capped kneecapped "
                    "beheaded wall".split(), _COMMON)),
    (_DESERVES, Gate("beating kicking slap smack punch hiding thrashing battering slapping leathering "
                     "bullet knife".split(), _COMMON)),
    (_DEATH_TO, Gate(["death"])),
    (_WAITING, Gate(["waiting"]) & Gate("bat knife gun shotgun crowbar hammer machete axe pitchfork"
                                        .split())),
    (_KILL_GROUP, Gate(_KILLING_VERBS) & Gate(_GROUPS, _COMMON)),
)

_MESSAGES = {
    "threat": "reads as a threat of violence",
    "wish": "wishes death or harm on someone",
    "self-harm": "tells someone to harm or kill themselves",
    "incitement": "encourages violence or crime",
}


@register
class ThreatOrIncitement(Rule):
    """Threat or incitement to violence or crime: threats ("I will kill you", "I know where
    you live", "watch your back", "you'll get what's coming"), wishing death or harm on
    someone, telling someone to harm themselves, and encouraging violence or damage ("someone
    should burn the council offices down", "let's smash their windows", "he deserves a
    beating", "fly-tippers should be shot").

    **Why it matters:** the policy forbids threatening behaviour, posts likely to cause alarm
    or distress, and "inciting or supporting somebody to commit a crime or other unlawful
    acts" (Loughton §3, Ludgershall §4). Threats can be offences in themselves (Malicious
    Communications Act 1988, Online Safety Act 2023), whether or not they were meant. Ordinary
    words of violence used figuratively stay clear: "kill two birds with one stone", "this
    heat is killing me", "a killer deal", "fire safety talk", "the bins were smashed by the
    wind", "dead end".

    **Avoid:** "Whoever keeps dumping rubbish here deserves a good kicking."

    **Write instead:** "Fly-tipping on Forest Road has been reported to the district council.
    If you saw who did it, please tell us in confidence."
    """

    code = "AB003"
    title = "Threat or incitement to violence or crime"

    def find(self, post: Post) -> Iterator[Hit]:
        found: list[tuple[int, int, str]] = []
        sk = skeleton(post)
        if _THREAT_GATE.open(words(post), sk.stretched):
            for start, end, match in _THREATS.finditer(post):
                kind, _, alone = _THREAT_KINDS.get(_key(match.group()), "threat").partition(",")
                if alone and not _AFTER_COMMAND.on(sk).match(sk.text, match.end()):
                    continue  # "you'll pay for this year's permit", "hope you die laughing"
                found.append((start, end, kind.strip()))
        found.extend(self._violence(post))
        hits = [Hit(start, end, f"{_quote(post, start, end)} {_MESSAGES[kind]}; the policy forbids "
                                "threatening language and posts likely to cause alarm or distress.",
                    Fix("Remove it. If you are reporting a threat you received, send it to the "
                        "Town Clerk (and the police if anyone is in danger) rather than repeating "
                        "it in a post."))
                for start, end, kind in found]
        yield from _no_overlaps(hits)

    @staticmethod
    def _violence(post: Post) -> Iterator[tuple[int, int, str]]:
        sk = skeleton(post)
        present = words(post)
        for pattern, gate in _VIOLENCE:
            if not gate.open(present, sk.stretched):
                continue
            for start, end, match in pattern.finditer(post):
                if pattern is _LEAD_VERB:
                    target_end = _target_end(post, match)
                    if target_end is not None:
                        kind = "incitement" if _CUE_ONLY.on(sk).search(match.group()) else "threat"
                        yield start, to_original(post, match.end(), target_end)[1], kind
                    continue
                threat = pattern is _WAITING or (
                    pattern is _DAMAGE and not _CUE_ONLY.on(sk).search(match.group()))
                yield start, end, "threat" if threat else "incitement"


_CUE_ONLY = Pattern(_CUE)


def _target_end(post: Post, match: re.Match[str]) -> int | None:
    """End (in the skeleton's text) of the person a violent verb is aimed at, or None."""
    sk = skeleton(post)
    text = sk.text
    at = match.end()
    verb = squeeze(match.group(1) or match.group(2) or "")
    target = _TARGET.on(sk).match(text, at)
    if target is None and verb in _STRONG_VERBS:
        target = _WEAK_TARGET.on(sk).match(text, at)
    end = target.end() if target else _mention_end(post, at)
    if end is None:
        return None
    if match.group(2) and not match.group(3):
        # "beat him up": the particle must follow the object.
        particle = _PARTICLE_OF.get(verb, "")
        after = re.compile(rf"\s+{squeeze(particle) if sk.stretched else particle}(?![a-z])").match(text, end)
        if after is None:
            return None
        end = after.end()
    if _NOT_A_THREAT_AFTER.on(sk).match(text, end):
        return None
    return end


def _mention_end(post: Post, at: int) -> int | None:
    """End (in the skeleton's text) of a named person or role that starts at ``at``."""
    text = skeleton(post).text
    while at < len(text) and text[at] == " ":
        at += 1
    if at >= len(text):
        return None
    start = to_original(post, at, at + 1)[0]
    for mention in names.mentions_in(post, (start, start + 80), _TARGET_KINDS):
        if mention.start == start:
            end = at
            while end < len(text) and to_original(post, end, end + 1)[1] <= mention.end:
                end += 1
            return end
    return None


# --------------------------------------------------------------------------- AB004

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
# r"(?<![a-z])(?:you|ur)[a-z]{4,}", with the look-behind moved after the first letter
# ("not a letter before this y"), so that the regex engine skips in C to each "y" and "u".
_GLUED_HINT = Pattern(r"(?:y(?<![a-z]y)ou|u(?<![a-z]u)r)[a-z]{4,}")

_HARASSMENT = load_pairs("ab_harassment")
_HARASSING = Pattern("<PHRASES>", PHRASES=_HARASSMENT)
_HARASSMENT_USE = _both(_HARASSMENT)
_HARASSMENT_GATE = Gate(_HARASSMENT, _COMMON)
# A command, not a description: "Get lost!", "oh just go away", "will you shut up". A phrase
# used "alone" must end its sentence: "nobody wants you!" but not "nobody wants you to miss it".
_BEFORE_COMMAND = frozenset(w for word in "just so now oh please and go you u ya then mate well why do"
                            .split() for w in (word, squeeze(word)))
_AFTER_COMMAND = Pattern(
    r"\s*(?:$|[^\sa-z]|(?:you|u|ya|and|already|now|then|mate|pal|love|woman|man|idiot|please|forever"
    r"|back|lol)(?![a-z]))")
_WORD_BEFORE = re.compile(r"([a-z']+)[\s,]*$")


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
        present, stretched = words(post), skeleton(post).stretched
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
        sk = skeleton(post)
        if not _GLUED_HINT.on(sk).search(sk.text):
            return
        glued = _GLUED.on(sk)
        for word in words(post):
            if len(word) >= 7 and word.startswith(("you", "ur")) and glued.fullmatch(word):
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
