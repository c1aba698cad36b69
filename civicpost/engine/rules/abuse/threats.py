"""AB003 threats or incitement to violence or crime."""

from __future__ import annotations

import re
from collections.abc import Iterator

from civicpost.engine import names
from civicpost.engine.evasion import Gate, Pattern, gate_words, skeleton, squeeze, to_original
from civicpost.engine.evasion.patterns import any_keys
from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_pairs, load_terms
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.abuse.common import (
    _AFTER_COMMAND,
    _COMMON,
    _GROUPS,
    _PERSONS,
    _TARGET_KINDS,
    _both,
    _key,
    _no_overlaps,
    _quote,
)


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
_VIOLENCE_KEYS = {stretched: any_keys((gate for _, gate in _VIOLENCE), stretched)
                  for stretched in (False, True)}

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
        if _THREAT_GATE.open(gate_words(post), sk.stretched):
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
        present = gate_words(post)
        if present.isdisjoint(_VIOLENCE_KEYS[sk.stretched]):
            return  # every gate below is shut
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
