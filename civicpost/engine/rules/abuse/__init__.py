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

from civicpost.engine.parts import names_of_parts
from civicpost.engine.rules.abuse.insults import InsultOrHarassment
from civicpost.engine.rules.abuse.language import Discrimination, Profanity
from civicpost.engine.rules.abuse.threats import ThreatOrIncitement

__all__ = [
    "Discrimination",
    "InsultOrHarassment",
    "Profanity",
    "ThreatOrIncitement",
]

# Every other name the single module had (its helpers, what it imported), from its parts.
__getattr__ = names_of_parts(__name__, ("common", "language", "threats", "insults"))
