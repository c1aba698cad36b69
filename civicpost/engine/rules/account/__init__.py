"""AC account and authorship: the right account for the right words.

Loughton §4: "You must never use your personal social media account to undertake business on
behalf of LTC"; §5 (personal accounts): do not give "the impression that you are speaking for
the authority, or stating council policy". Ludgershall §7: "Do not use personal social media to
raise or discuss a complaint or grievance about the council, Cllrs or Staff."

These rules detect the words; the policy pack decides that they matter on a personal account
(and, for AC001, that sharing the council's own post from a personal account is fine).
"""

from __future__ import annotations

from civicpost.engine.parts import names_of_parts
from civicpost.engine.rules.account.business import CouncilBusinessOnPersonalAccount
from civicpost.engine.rules.account.complaints import ComplaintAboutCouncil
from civicpost.engine.rules.account.cues import Accept, Cue
from civicpost.engine.rules.account.speaking import SpeakingForCouncil

__all__ = [
    "Accept",
    "ComplaintAboutCouncil",
    "CouncilBusinessOnPersonalAccount",
    "Cue",
    "SpeakingForCouncil",
]

# Every other name the single module had (its helpers, what it imported), from its parts.
__getattr__ = names_of_parts(__name__, ("cues", "business", "complaints", "speaking"))
