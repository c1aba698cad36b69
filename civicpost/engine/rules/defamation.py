"""DF defamation risk: allegations about identifiable people or businesses, the same in
shared or quoted content, and statements of someone's status that could be malicious
falsehoods (Loughton §5; Defamation Act 2013 s.1).

An allegation is flagged only when it is said of someone a reader can identify: a named person
or councillor, a named business ("Hollins Hardware"), a business described by its trade and
place ("the taxi firm on Station Lane", "the village shop"), a role held by one person ("the
Clerk", "the treasurer of the bowls club", "the pub landlord"), a body of office-holders
("this council", "the committee"), an @handle, "you" in a reply or direct message, or
"he/she/they" pointing back to one of these.

"Said of" is checked with a little grammar rather than by nearness alone, because council
posts are full of wrongdoing words that are about nobody ("report fly-tipping", "PC Reid warns
of rogue traders", "the council will prosecute fly-tippers"):

* a deed the subject did ("the Clerk has been fiddling the books", "Hollins Hardware
  overcharges pensioners"): the target is the subject just before it, with only auxiliaries,
  adverbs, a place ("the landlord of the Red Lion") or a clause in commas between;
* a label ("liar", "cowboys", "corrupt"): only after "is/are/was", "run by", "full of", set
  beside the name ("Dave Smith, a known thief") or just before it ("rogue trader Dave Smith");
* a kind of wrongdoing named as a thing ("fraud", "an illegal HMO", "backhanders"): only with
  "by/of/at" and the target after it, "the Clerk's lies", or a verb that ties the subject to it
  ("is involved in", "is running", "was caught", "is guilty of");
* how something was done ("illegally", "for personal gain"): said of the clause's subject.

Denials ("there is no evidence the Clerk lied", "Cllr Jones has never lied") stay clear;
hearsay ("rumour has it", "I've heard") excuses nothing and is reported as a repetition.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from civicpost.engine import names
from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_terms
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.text import fold


def _lower(post: Post, start: int, end: int) -> str:
    """The folded text of ``post.text[start:end]``, sliced from the post's folded text when
    folding kept every offset."""
    if post.folded.origin is None:
        return post.folded.text[start:end]
    return fold(post.text[start:end]).text


def _norm(phrase: str) -> str:
    """A phrase with its separators made uniform, to look up what the regex matched."""
    return re.sub(rf"[\s{names.DASHES}'’]+", " ", phrase).strip()


# The forms an allegation takes, each from its own word list (see the module docstring).
ACT, LABEL, DEED, MANNER = "act", "label", "deed", "manner"
_LEXICONS = {ACT: "df_allegations", LABEL: "df_labels", DEED: "df_deeds", MANNER: "df_manner"}
_ALLEGATIONS = names.compile_spaced_terms(*_LEXICONS.values())
_DF_GATE = names.key_words(*_LEXICONS.values())


def _squeeze(phrase: str) -> str:
    """A phrase without spaces, dashes or apostrophes: how a match is looked up."""
    return re.sub(r"[\s'’_\-\u2010-\u2014]+", "", phrase)


@lru_cache(maxsize=1)
def _phrases() -> dict[str, tuple[frozenset[str], str]]:
    """Every phrase of the lists, written out, with its forms and what it suggests: built on
    the first allegation found (a few hundredths of a second), to tell which list a match
    came from."""
    table: dict[str, tuple[set[str], str]] = {}
    for form, lexicon in _LEXICONS.items():
        for phrase, category in names.expanded_pairs(lexicon).items():
            forms, _ = table.setdefault(_squeeze(phrase), (set(), category or "wrongdoing"))
            forms.add(form)
    return {key: (frozenset(forms), category) for key, (forms, category) in table.items()}


def _classify(phrase: str) -> tuple[frozenset[str], str]:
    """The forms a matched phrase takes, and what it suggests."""
    return _phrases().get(_squeeze(phrase), (frozenset({ACT}), "wrongdoing"))


_GENERAL_USE = names.compile_spaced_terms("df_general_use")
_NOT_ABOUT = names.compile_terms("df_not_about_target")
_VICTIM_VERBS = frozenset(_norm(t) for t in load_terms("df_victim_verbs"))
_REPEATED = names.compile_terms("df_repeated")
_STATUS = names.compile_terms("df_status")
_STATUS_OF = names.compile_terms("df_status_of")
_STATUS_GATE = names.key_words("df_status", "df_status_of")

# "complaints about her conduct", "resigned after the allegations about his expenses": an
# allegation made by implication. "Complaints about a councillor's conduct go to the
# Monitoring Officer" names nobody: the conduct must be someone's ("her", "Cllr Ward's").
_IMPLIED = re.compile(
    r"(?<![a-z])(?:(?:resigned|quit|left|stepped\s+down|stood\s+down|went|departed|walked\s+out|"
    r"(?:was|were|been)\s+(?:suspended|sacked|fired|dismissed|removed|let\s+go|asked\s+to\s+leave|"
    r"moved\s+on|escorted\s+(?:out|off|from)))\s+(?:[a-z]+\s+){0,3}?(?:after|following|amid|over|"
    r"because\s+of|due\s+to)\s+)?(?:(?:the|a|an|several|numerous|repeated|multiple|serious|many|those|"
    r"some|various|more|further|formal|persistent)\s+)?(?:complaints?|allegations?|concerns?|questions?|"
    r"rumou?rs?|accusations?|issues?|problems?|an?\s+investigation|an?\s+inquiry|an?\s+enquiry|"
    r"an?\s+probe|grievances?)\s+(?:about|over|regarding|concerning|into|around|of|with|against)\s+"
    r"(?:his|her|their|(?:the\s+)?[a-z.]+(?:\s+[a-z.]+){0,2}['’]s?)\s+(?:[a-z]+\s+)?(?:conduct|"
    r"behaviou?r|honesty|integrity|expenses|finances|accounts|relationships?|treatment\s+of|language|"
    r"attitude|professionalism|competence|performance|dealings|drinking|temper|handling\s+of)(?![a-z])")
# "took £5,000 off my mum", "had £300 out of the club": money taken, not a discount.
_TOOK_MONEY = re.compile(r"(?<![a-z])(?:took|takes|taken|taking|had|conned|scammed|swindled|diddled|"
                         r"fleeced|got|gets|nicked|pinched)\s+(?:me|us|her|him|them|people)?\s*(?:for\s+)?"
                         r"£\s?\d[\d,.]*k?\s+(?:off|out\s+of|from)(?=\s+(?!the\s+(?:price|bill|cost|total|"
                         r"fee|fees|invoice|rent|hire)))")
_IMPLIED_GATE = frozenset({
    "conduct", "behaviour", "behavior", "honesty", "integrity", "expenses", "finances", "accounts",
    "relationship", "relationships", "treatment", "language", "attitude", "professionalism",
    "competence", "performance", "dealings", "drinking", "temper", "handling"})
_IMPLIED_CATEGORY = "wrongdoing (by implication)"
_IMPLIED_OTHERS = re.compile(
    r"(?<![a-z])(?:(?:left|went|departed|resigned)\s+under\s+a\s+cloud|(?:was|were|been|being)\s+"
    r"(?:forced|made|pushed)\s+to\s+(?:resign|quit|leave|step\s+down|stand\s+down)|(?:was|were|been|"
    r"being)\s+escorted\s+(?:off|out\s+of|from)\s+the\s+(?:premises|building|site|office|meeting))"
    r"(?![a-z])")

# Bodies of office-holders, a small group whose members a reader can identify: "this council
# is run by crooks", "the committee covered it up".
_COLLECTIVE = re.compile(
    r"(?<![a-z])(?:(?:this|the|our|your|that|these|those|all\s+the|most\s+of\s+the|half\s+the|"
    r"some\s+of\s+the)\s+(?:whole\s+|entire\s+|current\s+|previous\s+|last\s+|new\s+|ruling\s+|"
    r"local\s+)?(?:(?:town|parish|district|county|borough|city|club|planning|finance|allotment|"
    r"management|parish\s+council|town\s+council)\s+)?(?:council|councillors|committee|"
    r"administration|cabinet|trustees|board|management|directors|leadership|executive)|"
    r"(?:town|parish)\s+councillors|councillors)(?![a-z])")
_COLLECTIVE_GATE = frozenset({"council", "councillors", "committee", "administration", "cabinet",
                              "trustees", "board", "management", "directors", "leadership",
                              "executive"})

_PASSIVE_BEFORE = re.compile(r"(?<![a-z])(?:was|were|been|being|got|get|gets|is|are)\s+(?:\w+ly\s+)?$")
_PRONOUN = re.compile(r"(?<![a-z])(?:he|she|they|his|her|their)(?:['’](?:s|re|ve|d|ll))?(?![a-z'’])")
# What a contracted pronoun stands for: "you're a liar", "he's a crook", "they've lied".
_CONTRACTION = {"s": " is ", "re": " are ", "ve": " have ", "d": " had ", "ll": " will "}
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "your"})
_YOU = re.compile(r"(?<![a-z])(?:you['’](?:re|ve|ll|d)|your\s+lot|you\s+(?:lot|people|guys|two|all)|your|you)"
                  r"(?![a-z])")
# A label after a dash or colon, set beside the name: "Avoid Forest Roofing – total cowboys".
_APPOSED = re.compile(r"(?:[:–—]|\s-\s)\s*(?P<rest>[^:–—]*)$")
# After a name and a dash, a deed may begin at once: "Forest Roofing – took our deposit".
_HEADED = re.compile(r"(?:(?:has|have|had|just|also|always|never|then|they|they['’]ve)\s+)*")
_RETWEET = re.compile(r"(?:^|\s)RT\s*@\w+")
_QUOTED = re.compile(r"“[^”]{1,1000}”|\"[^\"\n]{1,1000}\"")
_TARGET_KINDS = (names.COUNCILLOR, names.PERSON, names.BUSINESS, names.ROLE, names.HANDLE,
                 names.GIVEN)
_LAWYER = ("This risks the policy's rule on defamation: a statement that causes, or is likely "
           "to cause, serious harm to the reputation of an identifiable person (for a business, "
           "serious financial loss) is defamatory (Defamation Act 2013 s.1).")

# Denials and findings of innocence in the sentence before an allegation: "there is no
# evidence that", "it is not true that", "was cleared of", "Cllr Jones has never lied".
_DENIED = re.compile(
    r"(?<![a-z])(?:(?:no|without|not\s+a\s+shred\s+of|not\s+any)\s+(?:\w+\s+)?(?:evidence|suggestion|"
    r"proof|indication|finding|sign|truth)|(?:not|never|isn['’]t|wasn['’]t)\s+(?:true|the\s+case|correct|"
    r"accurate|fair|right)\s+(?:to\s+say\s+)?that|(?:false|untrue|unfounded|baseless|wrong|malicious)\s+"
    r"(?:to\s+say|claims?|allegations?|rumou?rs?|suggestions?|accusations?)|deny|denies|denied|"
    r"(?:reject|rejects|rejected|refute|refutes|refuted)\s+(?:any|the|all)|(?:cleared|exonerated)\s+of|"
    r"(?:do|does|did|would)\s*(?:not|n['’]t)\s+(?:believe|think|accept|suggest|say)|"
    r"(?:not|never|no\s+one|nobody)\s+(?:\w+\s+)?(?:accused|suggesting|suggested|saying|alleging))"
    r"(?![a-z])")
_NEGATED = re.compile(r"(?<![a-z])(?:not|never|no|without|n['’]t|nothing|nor|neither|hardly)\s+"
                      r"(?:(?:been|being|be|ever|once|even|a|an|the|any)\s+){0,2}$")
# A kind of wrongdoing named as the subject of a campaign or service, not as anyone's deed:
# "the fly-tipping team", "a drink-driving campaign", "our bullying policy".
_ABOUT_A_SUBJECT = re.compile(
    r"\s*(?:campaign|awareness|prevention|week|team|unit|policy|policies|strategy|hotline|line|"
    r"officer|officers|enforcement|patrols?|initiative|crackdown|clampdown|talk|workshop|session|"
    r"course|training|leaflet|advice|helpline|scheme|project|charity|support|service|services|"
    r"survivors?|victims?|hotspots?|reports?|cases|figures|statistics|rates?|laws?|rules|offences?|"
    r"fines?|penalty|penalties)(?![a-z])")


# --- how an allegation is tied to its target --------------------------------------------

_AUX = (r"(?:has|have|had|['’]s|['’]ve|['’]d|will|would|could|should|might|may|must|can|did|does|do|"
        r"is|are|was|were|am|be|been|being|['’]re|got|gets|get|getting|also|always|really|"
        r"definitely|clearly|just|still|now|probably|obviously|certainly|apparently|allegedly|"
        r"reportedly|supposedly|regularly|repeatedly|routinely|constantly|again|openly|deliberately|"
        r"even|actually|basically|literally|totally|completely|simply|often|once|twice|then|later|"
        r"previously|recently|secretly|quietly|knowingly|ever|already|keeps|kept|tried|tries|trying|"
        r"to|went|goes|going|caught|seen|spotted|filmed|found|known|both|all|and|also|too|himself|"
        r"herself|themselves|itself|accused\s+of|suspected\s+of|guilty\s+of|convicted\s+of|"
        r"charged\s+with|admitted|admits|admitted\s+to|(?:arrested|jailed|sacked|fired|dismissed|"
        r"suspended|done|nicked|banned|investigated|reported|cautioned|prosecuted|fined|struck\s+off|"
        r"disciplined|known|notorious|famous|infamous)\s+for|"
        r"(?:was|were|been|is|are)\s+heard|\w+ly)")
_COPULA = (r"(?:is|are|was|were|am|be|been|being|['’]s|['’]re|become|became|becomes|seems?|seemed|"
           r"remains?|remained|proved|proven|looks?\s+like|sounds?\s+like|acts?\s+like|acting\s+like|"
           r"behaves?\s+like|behaving\s+like|is\s+like|run\s+by|owned\s+by|staffed\s+by|managed\s+by|"
           r"led\s+by|full\s+of|nothing\s+but|employs?|employed|employing|hires?|hired|hiring|uses|"
           r"used|using)")
_LABEL_MODS = (r"(?:a|an|the|such|nothing|but|just|really|total|complete|utter|absolute|proper|real|"
               r"right|bunch|pack|load|lot|lots|gang|set|of|and|or|known|convicted|serial|compulsive|"
               r"pathological|self-confessed|notorious|typical|bloody|big|bigger|biggest|little|nasty|"
               r"vile|shameless|rotten|greedy|lying|thieving|two-faced|useless|no|better|than|more|most|"
               r"always|still|now|also|another|one|as|being|like|well-known|local|very|so|too|quite|"
               r"rather|pretty|run|by|full|with|same|old|dodgy|shady|corrupt|crooked|incompetent|cowboy|"
               r"all|both|bit|sort|kind|pair|couple|family|crew|nest|den|pathetic|disgraceful|disgusting|"
               r"shameful|downright|plain|yet|again|even|worse|worst|that|those|these|owned|managed|led|"
               r"staffed|chaired|\w+ly)")
_DEED_LINK = (r"(?:involved\s+in|behind|guilty\s+of|accused\s+of|convicted\s+of|charged\s+with|"
              r"(?:arrested|jailed|done|nicked|sacked|fired|dismissed|suspended|investigated|reported|"
              r"prosecuted|fined|cautioned|struck\s+off|banned|blamed)\s+(?:for|over)|under\s+"
              r"investigation\s+for|to\s+blame\s+for|(?:(?:was|were|been|got|being|is|are)\s+caught)|"
              r"committed|commits|committing|commit|runs|ran|running|run|operates|operated|operating|"
              r"does|did|doing|done|up\s+to|into|engaged\s+in|carried\s+out|carrying\s+out|carries\s+out|"
              r"(?:known|notorious|famous|infamous)\s+for|(?:a\s+)?(?:history|record)\s+of|riddled\s+with|"
              r"rife\s+with|full\s+of|mired\s+in|at\s+the\s+heart\s+of|part\s+of|in\s+on|"
              r"(?:deals|dealing|dealt)\s+in|(?:rents|renting|rented|lets|letting)\s+out|sells|selling|sold|"
              r"sell|handles|handling|handled|fences|fencing|owns|owning|owned|uses|using|used|employs|"
              r"employing|employed|hires|hiring|hired|keeps|keeping|kept|harbours|harbouring|flogging|"
              r"flogs|flogged|pushing|pushes|supplying|supplies|supplied|practising|practices|"
              r"(?:indulging|indulges|indulged)\s+in|tells|told|telling|spreads|spreading|spread|"
              r"peddling|peddles|peddled|hiding|hid|hides|covering\s+up|covered\s+up|organised|organising|"
              r"organises|(?:benefiting|benefitting|profiting|profited|profits)\s+from|"
              r"(?:makes|made|making)\s+money\s+(?:from|out\s+of)|(?:lives|living|lived)\s+off|"
              r"(?:got|get|gets|getting)\s+away\s+with|admitted|admits|confessed\s+to)")
_DEED_MODS = (r"(?:a|an|the|some|more|any|this|that|his|her|their|its|blatant|massive|huge|serious|"
              r"systematic|widespread|organised|petty|outright|bit|of|years|all|sorts|kinds|total|"
              r"complete|utter|absolute|proper|real|right|regular|repeated|constant|endless|same|old|"
              r"another|several|two|three|many|lots|lot|loads|load|small|little|big|large|illegal|dodgy|"
              r"shady|out-and-out|downright|clear|obvious|own|such|and|or|other|nothing|but|just|\w+ly)")
# What may stand between a subject and its verb: a place or organisation ("the landlord of
# the Red Lion"), or for labels and deeds a short relative clause ("the man who runs it").
_PLACE_GAP = r"(?:(?:of|from|at|on|in|near|behind|opposite|off|down|up|over|with)\s+(?:\S+\s+){1,4}?)?"
_RELATIVE_GAP = r"(?:(?:who|that)\s+(?:\S+\s+){1,6}?)?"
# A deed sold or handed to someone may have its buyer in between: "sold my dad a car with a
# fake MOT", "gave half the street food poisoning".
_COMMERCE = (r"(?:sells|selling|sold|sell|supplied|supplies|supplying|fitted|fits|fitting|gave|gives|"
             r"giving|given|issued|issues|issuing|rented|rents|renting|let|lets|letting|charged|charges|"
             r"charging)\s+(?:\S+\s+){0,6}?")
_REST = {
    ACT: re.compile(rf"{_PLACE_GAP}(?:{_AUX}\s+)*"),
    LABEL: re.compile(rf"{_PLACE_GAP}{_RELATIVE_GAP}(?:{_AUX}\s+)*?{_COPULA}\s+(?:{_LABEL_MODS}\s+){{0,6}}"),
    DEED: re.compile(rf"{_PLACE_GAP}{_RELATIVE_GAP}(?:{_AUX}\s+)*?(?:(?:{_DEED_LINK}|{_COPULA})\s+|"
                     rf"{_COMMERCE})(?:{_DEED_MODS}\s+){{0,3}}"),
}
# After a coordinator ("cowboys who botched", "a liar and a cheat", "corrupt and takes
# backhanders") the second allegation needs no new copula.
_CHAINED = {
    ACT: _REST[ACT],
    LABEL: re.compile(rf"(?:{_AUX}\s+)*?(?:{_COPULA}\s+)?(?:{_LABEL_MODS}\s+){{0,6}}"),
    DEED: re.compile(rf"(?:{_AUX}\s+)*?(?:(?:{_DEED_LINK}|{_COPULA})\s+)?(?:{_DEED_MODS}\s+){{0,3}}"),
    MANNER: re.compile(r"(?:\S+\s+){0,10}"),
}
_COORDINATOR = re.compile(r"(?:^|\s)(?:and|or|but|who|which|then|plus|&|,)(?:\s|$)")
_BREAK = re.compile(r"[.;:!?()\[\]]|\s[-–—]\s|\n")
_IN_COMMAS = re.compile(r",[^,.;:!?\n]{1,80},")
_REPORTING = re.compile(r"(?<![a-z])(?:say|says|said|saying|told|tells|think|thinks|thought|believe|"
                        r"believes|claims?|claimed|reported|warned|warns|asked|asks|wants|urged|urges|"
                        r"know|knows|explained|that|whether|if|because|when|while|after|before)(?![a-z])")
_CALLING = re.compile(r"(?<![a-z])(?:call|calls|called|calling|branded|brand|brands|labelled|label|"
                      r"think|thinks|thought|consider|considers|considered|reckon|reckons|find|finds|"
                      r"found)\s+$")
_AFTER = {
    ACT: re.compile(r"\s*(?:(?:in|on|at|near|behind|along|outside)\s+(?:the\s+)?(?:\S+\s+){1,3}?)?"
                    r"(?:by|of)\s*"),
    DEED: re.compile(r"\s*(?:(?:in|on|at|near|behind|along|outside)\s+(?:the\s+)?(?:\S+\s+){1,3}?by|by|of|at|"
                     r"from|in|within|inside|involving|out\s+of|among|amongst|"
                     r"(?:run|organised|operated|set\s+up|dreamt\s+up|cooked\s+up|orchestrated)\s+by)\s*"),
    LABEL: re.compile(r"\s*(?:like|at|from|(?:run|organised|operated|set\s+up)\s+by)?\s*"),
    MANNER: re.compile(r"(?!x)x"),
}
_MAX_GAP_WORDS = 15
_BY_OR_OF = re.compile(r"\s*(?:by|of)\s*")
# Kinds a label can stand just before: a name ("rogue trader Dave Marsh", "crooked Cllr Jones").
_NAMED = frozenset({names.PERSON, names.COUNCILLOR, names.GIVEN, names.HANDLE})
_POINTING = re.compile(r"(?<![a-z])(?:that|those)\s+$")
_ACCUSED_OF = re.compile(r"(?<![a-z])(?:allegations?|accusations?|complaints?|claims?|charges?|evidence|"
                         r"reports?|suspicions?|rumou?rs?)\s+of\s+(?:\S+\s+){0,2}$")
_AGAINST = re.compile(r"\s*(?:against|by|about)\s*")
_FIDDLING_WITH = re.compile(r" +(?:with|about|around|on)(?![a-z])")
# "is dealing" alone means drugs only at the end of a clause or before where it is done.
_DEALING_DRUGS = re.compile(r" *(?:[.!?,;)]|$| again| from| out of| round| behind| outside| to kids|"
                            r" to children| to teenagers| on the| at the| openly)")
_LYING_ELSEWHERE = re.compile(r" +(?:on|in|down|around|about\s+(?:on|in)|there|here|low|flat|face|"
                              r"dead|at|under|by|beside|near|across|outside|inside|injured|hurt|"
                              r"unconscious|awake|asleep|still|empty|idle|fallow|derelict|unused|"
                              r"abandoned|open|in\s+wait)(?![a-z])")
# A word joined by a hyphen to the allegation makes a different word: "joke-free",
# "anti-fraud", "non-negligent". ("ex-con" and "two-faced" are in the lists whole.)
_COMPOUND_AFTER = re.compile(rf"[{names.DASHES}][A-Za-z]")
_COMPOUND_BEFORE = re.compile(rf"(?<![A-Za-z])(?![Ee]x[{names.DASHES}])[A-Za-z]+[{names.DASHES}]\Z")


@dataclass(frozen=True)
class Allegation:
    """An allegation word said of an identifiable target; ``repeated`` says how it was
    repeated from someone else (a share, a retweet, a quotation, reported speech) or is
    empty when the author says it in their own voice."""

    start: int
    end: int
    category: str
    target: str
    repeated: str


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    phrase: str
    forms: frozenset[str]
    category: str


def allegations(post: Post) -> list[Allegation]:
    """Every allegation about an identifiable target in the post, computed once per post."""
    return names.memo(post, "df_allegations", _find_allegations)


def _find_allegations(post: Post) -> list[Allegation]:
    words = names.word_set(post)
    candidates = _candidates(post, words)
    if not candidates:
        return []
    retweet = _RETWEET.search(post.text)
    quotes = [(m.start(), m.end()) for m in _QUOTED.finditer(post.text)] if '"' in post.text \
        or "“" in post.text else []
    found: list[Allegation] = []
    previous: tuple[int, str, tuple[int, int]] | None = None  # end, target, sentence
    for item in candidates:
        replaces = False
        if found and item.start < found[-1].end:
            # Inside an allegation already found; one that runs on past it says more ("has
            # been fiddling expenses" over "been fiddling") and takes its place.
            if item.end <= found[-1].end or item.end - item.start <= found[-1].end - found[-1].start:
                continue
            replaces = True
        if _denied(post, item.start):
            previous = None
            continue
        target = _target(post, item)
        sentence = names.sentence_of(post, item.start)
        if target is None and previous is not None and previous[2] == sentence \
                and _chained(post, previous[0], item):
            target = previous[1]
        if target is None:
            continue
        previous = (item.end, target, sentence)
        if replaces:
            found.pop()
        found.append(Allegation(item.start, item.end, item.category, target,
                                _how_repeated(post, item.start, item.end, retweet, quotes)))
    return found


def _candidates(post: Post, words: frozenset[str]) -> list[_Candidate]:
    found: list[_Candidate] = []
    if words & _DF_GATE and names.phrase_gate(*_LEXICONS.values()).open(post):
        spaced = names.spaced_text(post)
        general: list[tuple[int, int]] | None = None
        for match in _overlapping(_ALLEGATIONS, spaced):
            start, end = post.span_of(match.start(), match.end())
            if general is None:
                general = [(s, e) for s, e, _ in names.find_spaced_phrases(post, _GENERAL_USE)]
            if names.overlaps((start, end), general) or _ABOUT_A_SUBJECT.match(spaced, match.end()) \
                    or _COMPOUND_AFTER.match(post.text, end) \
                    or _COMPOUND_BEFORE.search(post.text[max(0, start - 24):start]):
                continue  # "a joke-free zone", "our anti-fraud policy", "a stress-free"
            if match.group().endswith("lying") and _LYING_ELSEWHERE.match(spaced, match.end()):
                continue  # "was lying on the pavement"
            if match.group().endswith("fiddling") and _FIDDLING_WITH.match(spaced, match.end()):
                continue  # "fiddling with the microphone"
            if match.group().endswith("dealing") and not _DEALING_DRUGS.match(spaced, match.end()):
                continue  # "is dealing with it", but "everyone knows he is dealing"
            forms, category = _classify(match.group())
            found.append(_Candidate(start, end, _norm(match.group()), forms, category))
    if "£" in post.text:
        for start, end, phrase in names.find_phrases(post, _TOOK_MONEY):
            found.append(_Candidate(start, end, _norm(phrase), frozenset({ACT}), "dishonesty"))
    if words & _IMPLIED_GATE or "cloud" in words or "escorted" in words or "forced" in words:
        for pattern in (_IMPLIED, _IMPLIED_OTHERS):
            for start, end, phrase in names.find_phrases(post, pattern):
                found.append(_Candidate(start, end, _norm(phrase), frozenset({ACT}), _IMPLIED_CATEGORY))
    found.sort(key=lambda c: (c.start, -c.end))
    return found


_NEXT_WORD = re.compile(r"[a-z0-9]+[^a-z0-9]+")


def _overlapping(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Every match, including one that starts inside a longer match before it: "a fake MOT"
    holds both "a fake" (a label) and "fake MOT" (a deed), and only one of them may turn out
    to be said of someone."""
    position = 0
    while True:
        match = pattern.search(text, position)
        if match is None:
            return
        yield match
        inner = _NEXT_WORD.match(text, match.start())
        position = inner.end() if inner and inner.end() < match.end() else match.end()
        if position <= match.start():
            position = match.start() + 1


def _denied(post: Post, start: int) -> bool:
    s_start = names.sentence_of(post, start)[0]
    before = _lower(post, max(s_start, start - 160), start)
    return _DENIED.search(before) is not None or _NEGATED.search(before[-40:]) is not None


def _target(post: Post, item: _Candidate) -> str | None:
    """Who the allegation is said of, or None when nobody identifiable."""
    start, end = item.start, item.end
    w_start, w_end = names.window(post, start, end, 200, 120)
    inside = [m for m in _targets(post, start, end) if item.category == _IMPLIED_CATEGORY]
    if inside:
        return names.describe(inside[0])  # "complaints about Cllr Ward's conduct"
    passive = _PASSIVE_BEFORE.search(_lower(post, max(w_start, start - 30), start))
    # "Jane Smith was bullied": the subject of a passive victim verb is not the one accused.
    victim = passive is not None and item.phrase in _VICTIM_VERBS
    if not victim:
        for anchor in _anchors(post, w_start, start):
            forms = item.forms - {LABEL} if anchor.kind == names.PROPER else item.forms
            # A capitalised name is too uncertain a subject for a label ("Trading Standards
            # say the cowboys ..."); only a deed done by it counts.
            if forms and _linked(post, anchor, start, forms):
                if anchor.kind == names.ROLE and item.category in _NOT_OF_A_BODY \
                        and _COLLECTIVE.fullmatch(fold(anchor.text).text):
                    return None
                return _resolve(post, anchor)
    if not victim and (LABEL in item.forms and _fragment(post, item)
                       or ACT in item.forms and _subjectless(post, item)):
        previous = names.previous_sentence(post, names.sentence_of(post, start))
        earlier = _targets(post, previous[0], previous[1]) if previous else []
        if earlier:
            return names.describe(earlier[-1])  # "Avoid Forest Roofing. Total cowboys!"
    after = _targets(post, end, w_end)
    if after and item.phrase.endswith(" trust") and not post.text[end:after[0].start].strip():
        return names.describe(after[0])  # "I wouldn't trust Cllr Smith"
    if after and _ACCUSED_OF.search(_lower(post, max(0, start - 40), start)) \
            and _AGAINST.fullmatch(_lower(post, end, after[0].start)):
        return names.describe(after[0])  # "allegations of fraud against the treasurer"
    if after and _vocative(post, end, after[0]):
        return names.describe(after[0])  # "Stop lying to residents, Cllr Shaw."
    if after and _said_of_next(post, item, after[0], victim):
        return names.describe(after[0])
    return None


def _said_of_next(post: Post, item: _Candidate, target: names.Mention, victim: bool) -> bool:
    """True when the allegation is tied to the target just after it: "fraud by Forest
    Motors", "bullied by the Clerk", "drug dealing at the Crown", "rogue trader Dave Marsh"."""
    between = _lower(post, item.end, target.start)
    forms = item.forms if not victim else frozenset({ACT})
    linked = [f for f in forms if f in _AFTER and _AFTER[f].fullmatch(between)]
    if target.kind == names.PROPER:
        # A capitalised name after a label is too often a heading or an example ("Toxic
        # Blue-Green Algae", "scams like Royal Mail texts") to be the one labelled.
        linked = [f for f in linked if f != LABEL and _BY_OR_OF.fullmatch(between)]
    if LABEL in linked and not between.strip() and not _named_after_label(post, item.start, target):
        linked.remove(LABEL)
    if not linked or (LABEL in forms and not between.strip() and victim):
        return False
    if linked == [LABEL] and between.strip() in ("at", "from"):
        # "Thieves at the bakery" names nobody; "those cowboys at Smith Builders" does.
        return re.search(r"(?:the|those|these|them)\s+$",
                         _lower(post, max(0, item.start - 8), item.start)) is not None
    return True


def _vocative(post: Post, end: int, target: names.Mention) -> bool:
    """True when the target is addressed at the end of the sentence, after a comma: "You
    lied to us, Cllr Shaw.", "Stop lying to residents, Cllr Shaw!"."""
    between = post.text[end:target.start]
    if len(between) > 120 or not between.rstrip().endswith(","):
        return False
    s_end = min(names.sentence_of(post, target.start)[1], target.end + 12)
    return len(between.split()) <= 8 and not _BREAK.search(between) \
        and not post.text[target.end:s_end].strip(" .!?\n\"'”’")


def _named_after_label(post: Post, start: int, target: names.Mention) -> bool:
    """True when a label just before a name is put on it: "rogue trader Dave Marsh", and for
    a business only after "that/those" ("that cowboy outfit Hillside Roofing"), because a
    business name is often a heading that merely starts with such a word."""
    if target.kind in _NAMED:
        return True
    before = _lower(post, max(0, start - 8), start)
    return target.kind == names.BUSINESS and _POINTING.search(before) is not None


def _subjectless(post: Post, item: _Candidate) -> bool:
    """True when a deed starts its sentence with no subject: "Hillside Roofing came out in
    May. Botched the whole job."."""
    s_start = names.sentence_of(post, item.start)[0]
    before = _lower(post, s_start, item.start).strip(" \"'“‘-–—*")
    return not before or bool(_HEADED.fullmatch(before + " "))


def _fragment(post: Post, item: _Candidate) -> bool:
    """True when the allegation is a sentence of its own with at most a few words around it:
    "Total cowboys!", "Liars, the lot of them."."""
    s_start, s_end = names.sentence_of(post, item.start)
    if item.start - s_start > 80 or s_end - item.end > 80:
        return False
    around = fold(post.text[s_start:item.start] + " " + post.text[item.end:s_end]).text
    words = re.findall(r"[a-z'’-]+", around)
    return len(words) <= 5 and all(re.fullmatch(_LABEL_MODS, w) or w in ("lot", "them", "all", "of")
                                   for w in words)


def _targets(post: Post, start: int, end: int) -> list[names.Mention]:
    """Mentions, described businesses and bodies of office-holders inside ``start:end``."""
    found = names.mentions_in(post, (start, end), _TARGET_KINDS)
    found += names.inside(names.descriptions(post), (start, end))
    found += names.inside(_collectives(post), (start, end))
    found += names.inside(names.proper_names(post), (start, end))
    return sorted(found, key=lambda m: (m.end, m.end - m.start))


# A council or committee criticised for how it does its job is ordinary democratic debate
# (and a council cannot sue for libel); only allegations of wrongdoing are said of a body.
_NOT_OF_A_BODY = frozenset({"incompetence", "failing in a duty", "lack of professionalism",
                            "breaking the rules"})


def _collectives(post: Post) -> list[names.Mention]:
    return names.memo(post, "df_collectives", _find_collectives)


def _find_collectives(post: Post) -> list[names.Mention]:
    if not names.word_set(post) & _COLLECTIVE_GATE:
        return []
    return [names.Mention(s, e, post.text[s:e], names.ROLE)
            for s, e, _ in names.find_phrases(post, _COLLECTIVE)]


# A pronoun or "you" standing for a target, at ``start:end`` of the text.
_PRONOUN_KIND = "pronoun"
_YOU_KIND = "you"


def _anchors(post: Post, w_start: int, start: int) -> list[names.Mention]:
    """Things before an allegation it may be said of, nearest first (at most three): targets,
    and "he/she/they" or, in a reply, "you" standing for one."""
    found = _targets(post, w_start, start)
    piece = _lower(post, w_start, start)
    if piece.isascii() or len(piece) == start - w_start:
        offset = w_start
        last_end = found[-1].end if found else w_start
        if post.context.kind in ("reply", "dm"):
            found += [names.Mention(offset + m.start(), offset + m.end(), m.group(), _YOU_KIND)
                      for m in _YOU.finditer(piece) if offset + m.start() >= last_end]
        found += [names.Mention(offset + m.start(), offset + m.end(), m.group(), _PRONOUN_KIND)
                  for m in _PRONOUN.finditer(piece) if offset + m.start() >= last_end]
    found.sort(key=lambda m: m.end)
    return found[::-1][:3]


def _resolve(post: Post, anchor: names.Mention) -> str | None:
    if anchor.kind == _YOU_KIND:
        return "the person you are replying to"
    if anchor.kind != _PRONOUN_KIND:
        return names.describe(anchor)
    sentence = names.sentence_of(post, anchor.start)
    earlier = _targets(post, sentence[0], anchor.start)
    if not earlier:
        previous = names.previous_sentence(post, sentence)
        earlier = _targets(post, previous[0], previous[1]) if previous else []
    return names.describe(earlier[-1]) if earlier else None


def _linked(post: Post, anchor: names.Mention, start: int, forms: Sequence[str] | frozenset[str]) -> bool:
    """True when the words between ``anchor`` and an allegation at ``start`` make the
    allegation said of the anchor (see the module docstring)."""
    raw = post.text[anchor.end:start]
    if len(raw) > 200:
        return False
    if _BREAK.search(raw):
        # "Avoid Forest Roofing – total cowboys", "Forest Roofing: took our deposit and ran":
        # a label set beside the name, or a deed with no subject of its own after it.
        apposed = _APPOSED.search(raw)
        if apposed is None or _BREAK.search(apposed.group("rest")):
            return False
        rest = fold(apposed.group("rest")).text.split()
        if LABEL in forms and len(rest) <= 3 and all(re.fullmatch(_LABEL_MODS, w) for w in rest):
            return True
        return ACT in forms and bool(_HEADED.fullmatch(" ".join(rest) + " " if rest else ""))
    between = _IN_COMMAS.sub(" ", fold(raw).text.replace("’", "'"))
    if anchor.kind in (_PRONOUN_KIND, _YOU_KIND) and "'" in anchor.text.replace("’", "'"):
        between = _CONTRACTION.get(anchor.text.replace("’", "'").split("'")[-1], " ") + between
    if anchor.kind in (_PRONOUN_KIND, _YOU_KIND) and anchor.text in _POSSESSIVE_PRONOUNS:
        return _possessed(" " + between, forms, after_possessive=True)
    if between.startswith(("'s", "'")):
        return _possessed(between, forms)
    tokens = between.replace(",", " , ").split()
    if len(tokens) > _MAX_GAP_WORDS:
        return False
    if tokens and tokens[0] == "," and LABEL in forms and all(
            re.fullmatch(_LABEL_MODS, t) for t in tokens[1:4]) and len(tokens) <= 4:
        return True  # "Dave Smith, a known thief"
    tokens = [t for t in tokens if t != ","]
    joined = " ".join(tokens) + " " if tokens else ""
    if MANNER in forms and not _REPORTING.search(joined) and not _NOT_ABOUT.search(joined) \
            and len(tokens) <= 10:
        return True
    if any(f in _REST and _REST[f].fullmatch(joined) for f in forms):
        # A longer gap must not be a report or a warning about the deed: "gave residents
        # advice on fake goods".
        return len(tokens) <= 4 or not _NOT_ABOUT.search(joined)
    # "I'd call Cllr Jones a liar"
    return LABEL in forms and len(tokens) <= 3 and bool(_CHAINED[LABEL].fullmatch(joined)) and \
        _CALLING.search(_lower(post, max(0, anchor.start - 20), anchor.start)) is not None


def _possessed(between: str, forms: Sequence[str] | frozenset[str],
               after_possessive: bool = False) -> bool:
    """"the Clerk's lies", "Forest Motors' prices are a rip-off", "his blatant hypocrisy"."""
    rest = between if after_possessive else between[2:] if between.startswith("'s") else between[1:]
    tokens = rest.split()
    if len(tokens) <= 3 and all(re.fullmatch(_DEED_MODS, t) or re.fullmatch(_LABEL_MODS, t)
                                for t in tokens):
        return DEED in forms or LABEL in forms or ACT in forms
    for owned in (1, 2):
        remainder = " ".join(tokens[owned:]) + " " if tokens[owned:] else ""
        if any(f in _REST and _REST[f].fullmatch(remainder) for f in forms):
            return True
    return False


def _chained(post: Post, previous_end: int, item: _Candidate) -> bool:
    """The previous allegation's target, when this one is joined to it: "cowboys who botched
    the roof", "a liar and a cheat", "is corrupt and takes backhanders"."""
    raw = post.text[previous_end:item.start]
    if _BREAK.search(raw) or _targets(post, previous_end, item.start):
        return False
    between = fold(raw).text.replace("’", "'")
    coordinators = list(_COORDINATOR.finditer(between))
    if not coordinators or len(between.split()) > 8:
        return False
    rest = between[coordinators[-1].end():].split()
    joined = " ".join(rest) + " " if rest else ""
    return any(_CHAINED[f].fullmatch(joined) for f in item.forms)


def _how_repeated(post: Post, start: int, end: int, retweet: re.Match[str] | None,
                  quotes: list[tuple[int, int]]) -> str:
    if post.context.kind == "share":
        return "a share"
    if retweet is not None and retweet.start() <= start:
        return "a retweet"
    if names.overlaps((start, end), quotes):
        return "a quotation"
    w_start, w_end = names.window(post, start, end, 150, 150)
    # The allegation's own words do not count: "says one thing and does another".
    context = fold(post.text[w_start:start] + " | " + post.text[end:w_end]).text
    if _REPEATED.search(context):
        return "reported speech"
    return ""


@register
class AllegationAboutSomeone(Rule):
    """An allegation of wrongdoing about a person or business readers can identify.

    Looks for what suggests criminal activity, dishonesty, fraud, hypocrisy, immorality,
    lack of professionalism, incompetence, failing in a duty, sexual impropriety or bullying,
    in the words people really use: "stole", "has his hand in the till", "cooking the books",
    "takes backhanders", "dealing drugs", "running an illegal HMO", "unlicensed drivers",
    "rips off pensioners", "short-changes", "cowboys", "liar", "covered up", "says one thing
    and does another", "misdiagnosed", "should be struck off", "left the site unsafe",
    "turns up to work drunk", "groped", "bully", and what is said by implication ("resigned
    after the complaints about her conduct"). It is flagged when said of a named person,
    councillor or business ("Hollins Hardware"), a business described by trade and place ("the
    taxi firm on Station Lane", "the Crown on Forest Road", "the village shop"), a person
    described ("local landlord Kev Doyle", "the man at number 12", "the treasurer of the bowls
    club"), a body of office-holders ("this council is run by crooks"), an @handle, "you" in a
    reply, or "he/she/they" referring back to one. Hearsay ("everyone knows", "rumour has it")
    excuses nothing. General statements stay clear: "Fraud awareness week", "Report
    fly-tipping, a criminal offence", "the council will prosecute fly-tippers", "PC Reid warns
    of rogue traders", "anti-bullying workshop", and so do denials ("there is no evidence that
    the treasurer acted dishonestly") and victims ("Jane Smith was short-changed").

    **Why it matters:** Loughton §5: "Defamatory meaning covers any suggestion of criminal
    activity, dishonesty, fraud, hypocrisy, immorally, lack of professionalism, incompetence,
    failing in a duty, sexual impropriety and bullying." Since the Defamation Act 2013 the
    claimant must show serious harm to reputation (serious financial loss for a business),
    and damages and costs can be large. Libel complaints go to the Town Clerk at once.

    **Avoid:** "Smith Builders are cowboys who botched the pavilion roof."

    **Write instead:** "The pavilion roof repairs are not finished. We are in touch with the
    contractor and will update residents by Friday."
    """

    code = "DF001"
    title = "Allegation about an identifiable person or business"

    def find(self, post: Post) -> Iterator[Hit]:
        for item in allegations(post):
            if item.repeated:
                continue
            word = " ".join(post.text[item.start:item.end].split())
            yield Hit(item.start, item.end,
                      f"“{word}” suggests {item.category} by {item.target}. {_LAWYER} Do not "
                      "publish it unless you can prove it is true; ask the Town Clerk, who will "
                      "take legal advice.",
                      Fix("Remove the allegation, or hold the post until the Town Clerk has "
                          "taken legal advice."))


@register
class RepeatedAllegation(Rule):
    """Shares, retweets or quotes someone else's allegation about an identifiable person.

    The same detection as DF001, applied to content the council repeats: a share (the
    context's ``kind`` is ``share``), a retweet ("RT @..."), words inside quotation marks, or
    a sentence that reports what someone else says ("according to", "X said", "allegedly",
    "people are saying"). When the post is a share every allegation in it is reported here
    under DF002 and not under DF001, because the council's act is the repeating.

    **Why it matters:** Loughton §5, the repetition rule: "it is not a defence to say that you
    are just repeating what others have said ... anyone who repeats a libel has a liability for
    it. This is particularly true of sharing (this includes liking on Facebook and
    re-tweeting)."

    **Avoid:** sharing a resident's post that says "the Clerk has been fiddling expenses".

    **Write instead:** do not share it; pass it to the Town Clerk.
    """

    code = "DF002"
    title = "Repeated allegation in shared or quoted content"

    def find(self, post: Post) -> Iterator[Hit]:
        for item in allegations(post):
            if not item.repeated:
                continue
            word = " ".join(post.text[item.start:item.end].split())
            yield Hit(item.start, item.end,
                      f"“{word}” repeats, in {item.repeated}, an allegation of {item.category} "
                      f"about {item.target}. Repeating or sharing a libel publishes it again, "
                      f"and the council becomes liable for it too (the repetition rule). "
                      f"{_LAWYER}",
                      Fix("Do not share or quote it; pass it to the Town Clerk."))


@register
class StatusStatement(Rule):
    """Says that a named person or business has retired, died, left, been sacked, moved away,
    closed down or gone bust.

    **Why it matters:** Loughton §5, malicious falsehood: "you might say someone has retired,
    or they are dead, when they are neither ... if they are not true they could have a serious
    impact on the claimant's livelihood." A failure to check properly is enough to make it
    malicious. Statements about places and services ("the library will close at 5pm", "the
    road is closed", "the consultation has closed") stay clear.

    **Avoid:** "Sadly Smith's Bakery has closed down, so the Christmas market needs a new
    cake stall."

    **Write instead:** check with the business first; then, if it is true, "Smith's Bakery
    has told us it will not be at this year's market."
    """

    code = "DF003"
    title = "Statement of someone's status"

    def find(self, post: Post) -> Iterator[Hit]:
        if not names.word_set(post) & _STATUS_GATE:
            return
        for pattern, lexicon, subject_first in ((_STATUS, "df_status", True),
                                                (_STATUS_OF, "df_status_of", False)):
            if not names.phrase_gate(lexicon).open(post):
                continue
            for start, end, phrase in names.find_phrases(post, pattern):
                if phrase == "rip" and post.text[start:end] != "RIP":
                    continue  # "rip out the brambles"
                target = _status_subject(post, start, end, subject_first)
                if target is None:
                    continue
                said = " ".join(post.text[start:end].split())
                claim = f"{target} {said}" if subject_first else f"{said} {target}"
                yield Hit(start, end,
                          f"Says “{claim}”. This risks the policy's rule on malicious "
                          "falsehood: if it is not true, publishing it without checking properly "
                          "can make the council liable for the harm it does. Check it with the "
                          "person or business, or another reliable source, before publishing.",
                          Fix("Confirm the facts with the person or business before posting."))


_STATUS_BEFORE_WORDS = 5
_STATUS_AFTER_WORDS = 3


# "has closed the road", "is closing early", "has shut for the holidays": a closure that is
# not the end of a business.
_NOT_THE_END = re.compile(r"\s+(?:the|a|an|our|their|his|her|this|that|these|those|some|all|its\s+"
                          r"(?!doors)|for\s+(?!good|ever)|until|till|today|tonight|tomorrow|early|"
                          r"on|at|from|over|temporarily|while|between|during|due|because|this|next|"
                          r"briefly|at\s+\d)(?![a-z])")


def _status_subjects(post: Post, start: int, end: int) -> list[names.Mention]:
    """People and businesses (not bodies like "the council") in ``start:end``."""
    found = names.mentions_in(post, (start, end), _TARGET_KINDS)
    found += names.inside(names.descriptions(post), (start, end))
    return sorted(found, key=lambda m: m.end)


def _status_subject(post: Post, start: int, end: int, subject_first: bool) -> str | None:
    w_start, w_end = names.window(post, start, end, 160, 100)
    said = _lower(post, start, end)
    if said.endswith(("closed", "closing", "shut", "shutting")) and _NOT_THE_END.match(
            _lower(post, end, end + 30)):
        return None
    if subject_first:
        before = _status_subjects(post, w_start, start)
        if before and _subject_gap(post, before[-1].end, start) <= _STATUS_BEFORE_WORDS:
            return names.describe(before[-1])
        if not before:
            # "Cllr Brown could not come. She has moved away."
            implicit = [a for a in _anchors(post, max(w_start, start - 25), start)
                        if a.kind in (_PRONOUN_KIND, _YOU_KIND)]
            return _resolve(post, implicit[0]) if implicit else None
        return None
    after = _status_subjects(post, end, w_end)
    if after and names.words_between(post, end, after[0].start) <= _STATUS_AFTER_WORDS:
        return names.describe(after[0])
    return None


def _subject_gap(post: Post, end: int, start: int) -> int:
    """Words between a subject and its verb, not counting a clause set off by commas:
    "Tom Brown, who ran the newsagents for 30 years, has sadly passed away"."""
    between = post.text[end:start]
    if between.lstrip().startswith(",") and between.count(",") >= 2:
        end += between.rindex(",") + 1
    return names.words_between(post, end, start)
