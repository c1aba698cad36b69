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

from civicpost.engine.parts import names_of_parts
from civicpost.engine.rules.defamation.allegations import (
    Allegation,
    AllegationAboutSomeone,
    RepeatedAllegation,
    allegations,
)
from civicpost.engine.rules.defamation.phrases import ACT, DEED, LABEL, MANNER
from civicpost.engine.rules.defamation.status import StatusStatement

__all__ = [
    "ACT",
    "Allegation",
    "AllegationAboutSomeone",
    "allegations",
    "DEED",
    "LABEL",
    "MANNER",
    "RepeatedAllegation",
    "StatusStatement",
]

# Every other name the single module had (its helpers, what it imported), from its parts.
__getattr__ = names_of_parts(__name__, ("phrases", "grammar", "targets", "allegations", "status"))
