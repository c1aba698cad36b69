"""How an allegation is tied to its target: the words that may stand between a subject and
what is said of it (auxiliaries, adverbs, a place, a clause in commas), for each form of
allegation."""

from __future__ import annotations

import re

from civicpost.engine import names
from civicpost.engine.rules.defamation.phrases import ACT, DEED, LABEL, MANNER

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
