"""Threats and abuse in the forms that incoming messages take and council posts do not.

The abuse rules are written for what a council might post; what residents send in is
blunter and less careful ("ur dead meat m8", "I'll be waiting with my shotgun", "Idiots.",
"lazy councillors, parasites the lot of you"). These patterns add those forms. They read the
message through the engine's evasion layer (:class:`civicpost.engine.evasion.Pattern`), so
disguised spellings are found too, and they use the abuse rules' own word lists (insults,
insulting adjectives, person nouns, violent verbs) with the triage list
``lexicons/triage_insults.txt``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from civicpost.engine.evasion import AllOf, Gate, Pattern, skeleton, words
from civicpost.engine.lexicons import load_pairs, load_terms
from civicpost.engine.post import Post
from civicpost.engine.triage.cues import CueList


def _plural(word: str) -> str:
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
_VERBS = sorted({v for v in load_terms("ab_violent_verbs") if " " not in v}
                | set(load_terms("triage_assault_verbs")))
_ABUSE_PHRASES = CueList("triage_abuse_phrases")

# Words that end an insult: the phrase stops there ("you idiot!", "is a liar and a crook").
_ENDS = r"(?=\s*(?:[.!?,;:)]|$|and\s|who\s|that\s|lol|mate|m8|pal))"
_NOT_BETWEEN = (r"(?!(?:the|a|an|see|saw|know|knew|get|got|have|has|had|are|is|were|was|my|your|his|her"
                r"|their|our|this|that|to|of|in|on|at|and|for|can|could|will|would|should|do|did)\s)")

@lru_cache(maxsize=1)
def _abuse_patterns() -> tuple[tuple[Pattern, Gate | AllOf], ...]:
    return (
        # "the woman on reception is a rude cow", "they're all liars", "is a liar and a crook"
        (Pattern(r"(?:(?<![a-z])(?:is|are|was|were|r)|'s|'re)\s+(?:all\s+)?(?:(?:such|just|nothing\s+but|"
                 r"a\s+bunch\s+of|a\s+load\s+of|a\s+pack\s+of|a\s+shower\s+of)\s+)?(?:an?\s+)?"
                 r"(?:" + _NOT_BETWEEN + r"[a-z'\-]+\s+){0,2}<NAMING>" + _ENDS, NAMING=_FIGURATIVE),
         Gate(_FIGURATIVE)),
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
    )

_PERSON_TARGET = (r"(?:whoever|anyone\s+who|anybody\s+who|the\s+next\s+(?:[a-z]+\s+)?<PEOPLE>"
                  r"|(?:his|her|their|your)\s+(?:face|head|teeth|legs|jaw|nose|skull|lights)"
                  r"|(?:that|this|the|those|these)\s+(?:[a-z]+\s+)?<PEOPLE>)(?![a-z])")
_INTENT = (r"(?:i'?ll|i\s+will|i'?m\s+(?:going\s+to|gonna)|i\s+am\s+going\s+to|im\s+(?:going\s+to|gonna)"
           r"|gonna|i\s+swear\s+i'?ll|we'?ll|we\s+will|we'?re\s+going\s+to|i\s+could|i'?d\s+(?:love\s+to|like\s+to)"
           r"|i\s+want\s+to|i\s+wanna)")
@lru_cache(maxsize=1)
def _threat_patterns() -> tuple[tuple[Pattern, Gate | AllOf], ...]:
    return (
        # "I'm going to strangle whoever designed this", "I'll punch the next councillor"
        (Pattern(r"(?<![a-z])" + _INTENT + r"\s+(?:[a-z]+\s+){0,2}?(?:<VERB>)\s+" + _PERSON_TARGET,
                 VERB=_VERBS, PEOPLE=_PEOPLE),
         Gate(_VERBS)),
        # "knock his block off", "smash his face in", "kick your head in"
        (Pattern(r"(?<![a-z])(?:knock|kick|smash|punch|bash|cave)\s+(?:[a-z'’]+\s+){0,3}?"
                 r"(?:block|head|face|teeth|lights|brains?)\s+(?:off|in)(?![a-z])"),
         Gate(["knock", "kick", "smash", "punch", "bash", "cave"]) & Gate(["block", "head", "face", "teeth",
                                                                              "lights", "brain", "brains"])),
        # "ur dead meat m8", "you're dead if you tow my van"
        (Pattern(r"(?<![a-z])(?:ur|youre|you're|you\s+are|u\s+r|u\s+are|ure)\s+(?:so\s+)?dead"
                 r"(?:\s+(?:meat|man|men))?(?=\s*(?:[.!?,;:]|$|if\s|when\s|m8|mate|pal))"),
         Gate(["dead"])),
        # "we know where the chairman lives"
        (Pattern(r"(?<![a-z])(?:i|we)\s+know\s+where\s+(?:[a-z'\-]+\s+){1,3}(?:lives|live|works|parks|sleeps)"
                 r"(?![a-z])"),
         Gate(["know"]) & Gate(["lives", "live", "works", "parks", "sleeps"])),
        # "I'll be waiting with my shotgun"
        (Pattern(r"(?<![a-z])(?:i'?ll|i\s+will|we'?ll|we\s+will|i'?m|i\s+am)\s+be\s+waiting\s+"
                 r"(?:for\s+(?:you|them|him|her)\s+)?with\s+(?:a|my|our|the)\s+(?:[a-z]+\s+)?"
                 r"(?:shotgun|gun|rifle|knife|machete|crowbar|axe|hammer|baseball\s+bat)(?![a-z])"),
         Gate(["waiting"])),
        # "I'm coming down there to sort your warden out", "I'll sort him out"
        (Pattern(r"(?<![a-z])(?:" + _INTENT + r"|i'?m\s+coming\s+(?:down|round|over)(?:\s+there)?\s+to)\s+"
                 r"sort\s+(?:you|him|her|them|(?:your|that|the|this)\s+(?:[a-z]+\s+)?<PEOPLE>)\s+out(?![a-z])",
                 PEOPLE=_PEOPLE + ["lot", "warden", "wardens"]),
         Gate(["sort"])),
        # "I'll burn the whole depot to the ground"
        (Pattern(r"(?<![a-z])" + _INTENT + r"\s+(?:[a-z]+\s+)?(?:burn|torch|raze|firebomb|petrol\s+bomb)\s+"
                 r"(?:[a-z'’]+\s+){1,4}?(?:down|to\s+the\s+ground)(?![a-z])"),
         Gate(["burn", "torch", "raze", "firebomb", "bomb"])),
        # "someone should teach that councillor a lesson"
        (Pattern(r"(?<![a-z])teach\s+(?:him|her|them|you|(?:that|the|this|those|these)\s+(?:[a-z]+\s+){0,2}?"
                 r"<PEOPLE>)\s+a\s+lesson(?![a-z])", PEOPLE=_PEOPLE),
         Gate(["teach"]) & Gate(["lesson"])),
        # "you won't be smiling when I catch up with you", "wait till I get my hands on him"
        (Pattern(r"(?<![a-z])(?:when|once|till|until|wait\s+till|wait\s+until)\s+i\s+(?:catch\s+up\s+with|"
                 r"get\s+hold\s+of|get\s+my\s+hands\s+on|catch|track\s+down|find)\s+(?:you|him|her|them)(?![a-z])"),
         Gate(["catch", "hold", "hands", "track", "find"])),
        # "go and throw yourself off the church tower"
        (Pattern(r"(?<![a-z])(?:hang|top|drown|gas|off)\s+(?:yourself|yourselves|urself)(?![a-z])"
                 r"|(?<![a-z])throw\s+(?:yourself|yourselves|urself)\s+(?:off|under|in\s+front\s+of|out\s+of)(?![a-z])"
                 r"|(?<![a-z])(?:go\s+and\s+|just\s+|why\s+don'?t\s+you\s+)jump\s+off\s+(?:a|the)\s+"
                 r"(?:[a-z]+\s+)?(?:bridge|cliff|tower|building|roof)(?![a-z])"),
         Gate(["yourself", "yourselves", "urself", "jump"])),
        # "council staff should all be lined up and shot"
        (Pattern(r"(?<![a-z])(?:[a-z]+\s+)?<PEOPLE>\s+(?:all\s+)?(?:should|ought\s+to|deserve\s+to|need\s+to|"
                 r"must)\s+(?:all\s+)?be\s+(?:lined\s+up\s+and\s+|taken\s+out\s+and\s+)?(?:shot|hanged|hung|"
                 r"strung\s+up|lynched|killed|stabbed|gassed|beaten|flogged|horsewhipped|put\s+down)(?![a-z])",
                 PEOPLE=_PEOPLE),
         Gate(["shot", "hanged", "hung", "strung", "lynched", "killed", "stabbed", "gassed", "beaten",
               "flogged", "horsewhipped", "put"])),
        # "I'm gonna bottle the next idiot who ...", "I'll lamp whoever did this"
        (Pattern(r"(?<![a-z])" + _INTENT + r"\s+(?:[a-z]+\s+)?(?:<VERB>|hunt\s+down|track\s+down|find)\s+"
                 r"(?:the\s+next|whoever|anyone\s+who|anybody\s+who)(?![a-z])[^.!?\n]{0,60}?\b(?:and\s+)?"
                 r"(?:<VERB>|break|hurt|make\s+them\s+pay)(?![a-z])"
                 r"|(?<![a-z])" + _INTENT + r"\s+(?:[a-z]+\s+)?(?:<VERB>)\s+"
                 r"(?:the\s+next|whoever|anyone\s+who|anybody\s+who)(?![a-z])", VERB=_VERBS),
         Gate(_VERBS + ["hunt", "track", "find"]) & Gate(["next", "whoever", "anyone", "anybody"])),
        # "your windows will be going in", "your car might get torched"
        (Pattern(r"(?<![a-z])your\s+(?:windows?|car|van|tyres|house|door|shop|face|legs|kneecaps)\s+(?:will|are\s+going\s+to|"
                 r"is\s+going\s+to|might|could|may)\s+(?:be\s+going\s+in|go\s+in|get\s+(?:smashed|done|slashed|burnt|"
                 r"burned|torched|kicked\s+in)|be\s+(?:smashed|done\s+in|slashed|burnt|burned|torched|kicked\s+in))(?![a-z])"),
         Gate(["your"])),
        # "I'll be waiting for you after the meeting"
        (Pattern(r"(?<![a-z])(?:i'?ll|i\s+will|we'?ll|we\s+will)\s+be\s+waiting\s+for\s+(?:you|him|her|them)\s+"
                 r"(?:after|outside|when|at\s+the\s+(?:next\s+)?meeting|tonight)(?![a-z])"),
         Gate(["waiting"])),
        # "it's going to get nasty"
        (Pattern(r"(?<![a-z])(?:it'?s|it\s+is|things\s+are|this\s+is)\s+(?:going\s+to|gonna|about\s+to)\s+get\s+"
                 r"(?:nasty|ugly|violent|bloody)(?![a-z])"),
         Gate(["nasty", "ugly", "violent", "bloody"])),
        # "would be a shame if the new planters got smashed up"
        (Pattern(r"(?<![a-z])(?:would|it'?d|it\s+would)\s+be\s+a\s+(?:real\s+)?shame\s+if\s+(?:[a-z'’]+\s+){1,6}?"
                 r"(?:got|were|was|happened|accidentally)\s+(?:[a-z]+\s+)?(?:smashed|damaged|burnt|burned|broken|vandalised|"
                 r"torched|hurt|destroyed|to\s+(?:them|it|him|her|you))(?![a-z])"),
         Gate(["shame"])),
        # "keep pushing the plan and see what happens to your nice new offices"
        (Pattern(r"(?<![a-z])(?:keep|carry\s+on|go\s+ahead|try\s+it|just\s+try)\b[^.!?\n]{0,80}?\band\s+see\s+what\s+"
                 r"happens(?![a-z])"),
         Gate(["happens"])),
        # "I'll knock the clerk's teeth down his throat", "break their legs"
        (Pattern(r"(?<![a-z])(?:" + _INTENT + r"|i\s+could|i'?d|i\s+would"
                 r"|someone\s+(?:should|needs\s+to|ought\s+to)|and)\s+(?:[a-z]+\s+)?(?:knock|kick|punch|smash|break|snap|rip|pull|bash|cave)\s+(?:[a-z'’]+\s+){0,3}?"
                 r"(?:teeth|legs|arms|neck|jaw|nose|fingers|skull|kneecaps|head|face|block|lights)(?![a-z])"),
         Gate(["teeth", "legs", "arms", "neck", "jaw", "nose", "fingers", "skull", "kneecaps", "head", "face",
               "block", "lights"])),
        # "someone is going to get a slap", "you'll get a kicking"
        (Pattern(r"(?<![a-z])(?:someone|somebody|you|u|he|she|they|people|whoever(?:\s+[a-z']+){1,4}?)\s+"
                 r"(?:is|are|'s|'re|will|'ll|is\s+gonna|are\s+gonna)?\s*(?:going\s+to\s+|gonna\s+)?get\s+"
                 r"(?:a\s+(?:slap|smack|kicking|beating|hiding|good\s+hiding|punch|thumping|battering|leathering|"
                 r"right\s+hander|bullet)|their\s+head\s+kicked\s+in|battered|glassed|bottled|stabbed|shot)(?![a-z])"),
         Gate(["slap", "smack", "kicking", "beating", "hiding", "punch", "thumping", "battering",
               "leathering", "hander", "bullet", "kicked", "battered", "glassed", "bottled", "stabbed",
               "shot"])),
        # "will get a shotgun in their face"
        (Pattern(r"(?<![a-z])get\s+(?:a|my|the)\s+(?:shotgun|gun|knife|fist|boot|brick|bat|hammer|bottle)\s+"
                 r"(?:in|to|across|round|through)\s+(?:the|their|your|his|her|ur)\s+(?:face|head|teeth|skull|window)"
                 r"(?![a-z])"),
         Gate(["shotgun", "gun", "knife", "fist", "boot", "brick", "bat", "hammer", "bottle"])),
        # "you deserve to be beaten"
        (Pattern(r"(?<![a-z])(?:should|ought\s+to|deserves?\s+to|needs?\s+to)\s+(?:all\s+)?be\s+"
                 r"(?:beaten(?:\s+up)?|hanged|strung\s+up|lynched|murdered|stabbed|battered|kicked\s+in|flogged|"
                 r"horsewhipped|tortured|knee\s*capped|taken\s+out\s+and\s+shot|lined\s+up\s+and\s+shot)(?![a-z])"),
         Gate(["beaten", "hanged", "strung", "lynched", "murdered", "stabbed", "battered", "kicked",
               "flogged", "horsewhipped", "tortured", "capped", "kneecapped", "shot"])),
        # "watch yourself", "you've been warned"
        (Pattern(r"(?<![a-z])(?:watch\s+yourself|watch\s+yourselves|you'?ve\s+been\s+warned|consider\s+yourself\s+warned"
                 r"|don'?t\s+say\s+you\s+weren'?t\s+warned|you\s+have\s+been\s+warned)(?![a-z])"),
         Gate(["watch", "warned"])),
        # "put that planning officer in hospital"
        (Pattern(r"(?<![a-z])put\s+(?:him|her|you|them|(?:that|the|this|your)\s+(?:[a-z]+\s+){0,2}?<PEOPLE>)\s+"
                 r"in\s+(?:hospital|a\s+wheelchair|the\s+ground|an\s+early\s+grave|a\s+box|intensive\s+care)(?![a-z])",
                 PEOPLE=_PEOPLE + ["officer", "warden"]),
         Gate(["hospital", "wheelchair", "ground", "grave", "box", "intensive"])),
        # "the next warden who tickets my van is getting it"
        (Pattern(r"(?<![a-z])(?:is|are|'s|'re)\s+(?:getting|gonna\s+get|going\s+to\s+get)\s+it(?=\s*(?:[.!?]|$))"),
         Gate(["getting", "get"])),
        # "hope ur house burns down with u in it"
        (Pattern(r"(?<![a-z])(?:burns?|burnt|burned)\s+down\s+with\s+(?:you|u|him|her|them|the\s+lot\s+of\s+you)\s+"
                 r"(?:in|inside)(?![a-z])"),
         Gate(["burn", "burns", "burnt", "burned"])),
        # "I hope you all get what's coming to you"
        (Pattern(r"(?<![a-z])hope\s+(?:you|u)\s+(?:all\s+|lot\s+)?get\s+what'?s\s+coming(?![a-z])"),
         Gate(["hope"]) & Gate(["coming"])),
        # "I hope the councillor's house floods and he drowns in it"
        (Pattern(r"(?<![a-z])hope\s+(?:[a-z'’]+\s+){1,8}?(?:dies|die|drowns|drown|gets\s+run\s+over"
                 r"|get\s+run\s+over|burns?\s+(?:alive|to\s+death)|rots?\s+in\s+hell|gets?\s+(?:cancer|stabbed"
                 r"|beaten\s+up|killed|hurt))(?!\s+(?:out|down|off|away|laughing))(?![a-z])"),
         Gate(["hope"]) & Gate(["die", "dies", "drown", "drowns", "run", "burn", "burns", "rot", "rots",
                                "cancer", "stabbed", "beaten", "killed", "hurt"])),
    )


def incoming_abuse(post: Post) -> Iterator[tuple[int, int]]:
    """Spans of insults aimed at people in the forms the abuse rules leave alone."""
    yield from _spans(post, _abuse_patterns())
    yield from ((cue.start, cue.end) for cue in _ABUSE_PHRASES.find(post))


def incoming_threats(post: Post) -> Iterator[tuple[int, int]]:
    """Spans of threats in the forms the abuse rules leave alone."""
    yield from _spans(post, _threat_patterns())


def _spans(post: Post, patterns: tuple[tuple[Pattern, Gate | AllOf], ...]) -> Iterator[tuple[int, int]]:
    present, stretched = words(post), skeleton(post).stretched
    for pattern, gate in patterns:
        if not gate.open(present, stretched):
            continue
        for start, end, _ in pattern.finditer(post):
            yield start, end
