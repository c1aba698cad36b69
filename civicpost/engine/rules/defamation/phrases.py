"""The DF word lists and patterns: the allegations and what each suggests, words said in
general, denials, bodies of office-holders, pronouns and the words that report speech."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from civicpost.engine import names
from civicpost.engine.lexicons import load_terms

# The forms an allegation takes, each from its own word list (see the module docstring).
ACT, LABEL, DEED, MANNER = "act", "label", "deed", "manner"
_LEXICONS = {ACT: "df_allegations", LABEL: "df_labels", DEED: "df_deeds", MANNER: "df_manner"}
_ALLEGATIONS = names.compile_spaced_terms(*_LEXICONS.values())
_ALLEGATIONS_PHRASE_GATE = names.phrase_gate(*_LEXICONS.values())
_DF_GATE = names.key_words(*_LEXICONS.values())




@lru_cache(maxsize=1)
def _phrases() -> dict[str, tuple[frozenset[str], str]]:
    """Every phrase of the lists, written out, with its forms and what it suggests: built on
    the first allegation found (a few hundredths of a second), to tell which list a match
    came from."""
    table: dict[str, tuple[set[str], str]] = {}
    for form, lexicon in _LEXICONS.items():
        for phrase, category in names.expanded_pairs(lexicon).items():
            forms, _ = table.setdefault(names.squeezed_phrase(phrase), (set(), category or "wrongdoing"))
            forms.add(form)
    return {key: (frozenset(forms), category) for key, (forms, category) in table.items()}


def _classify(phrase: str) -> tuple[frozenset[str], str]:
    """The forms a matched phrase takes, and what it suggests."""
    return _phrases().get(names.squeezed_phrase(phrase), (frozenset({ACT}), "wrongdoing"))


_GENERAL_USE = names.compile_spaced_terms("df_general_use")
_NOT_ABOUT = names.compile_terms("df_not_about_target")
_VICTIM_VERBS = frozenset(names.spaced_phrase(t) for t in load_terms("df_victim_verbs"))
_REPEATED = names.compile_terms("df_repeated")
_STATUS = names.compile_terms("df_status")
_STATUS_PHRASE_GATE = names.phrase_gate("df_status")
_STATUS_OF = names.compile_terms("df_status_of")
_STATUS_OF_PHRASE_GATE = names.phrase_gate("df_status_of")
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


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    phrase: str
    forms: frozenset[str]
    category: str
