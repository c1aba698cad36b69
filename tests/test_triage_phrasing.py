"""Families of wording that triage recognises as abuse or as praise, each with the innocent
look-alikes that must stay clear. The sentences are written for this test, not taken from
the corpus, so that a rule that only fits one corpus sentence fails here.
Cases are data: (text, labels that must be given, labels that must not be)."""

from __future__ import annotations

import pytest
from triage_support import assert_labels

CASES = [
    # an animal or a thing is an insult with an insulting word before it, said of someone
    ("Cllr Jones is a lying toad", {"abuse", "negative"}, set()),
    ("the planning officers are spineless weasels.", {"abuse"}, set()),
    ("The receptionist is a miserable old cow", {"abuse"}, set()),
    ("There are nasty rats in the alley behind the chip shop.", set(), {"abuse"}),
    ("There are nasty rats.", set(), {"abuse"}),
    ("The snake at the reptile show was a big old snake.", set(), {"abuse"}),
    ("The cow parsley on the verges needs cutting", set(), {"abuse"}),
    # an insult made plainer by the word before it, or put before the people it names
    ("Useless idiots at the council have done it again", {"abuse"}, set()),
    ("Greedy troughers the lot of them, and two-faced liars too", {"abuse"}, set()),
    ("Another letter from the muppet mayor's office", set(), set()),
    ("Idiot councillors voted for it anyway", {"abuse"}, set()),
    ("We need some thick mugs for the tea urn at the village hall", set(), {"abuse"}),
    ("Madam Chair, thank you for your reply", {"positive"}, {"abuse"}),
    ("Dear Madam Clerk, please find attached my objection", set(), {"abuse"}),
    ("The car park is a waste of space", {"negative"}, {"abuse"}),
    ("the clerk is a waste of space", {"abuse"}, set()),
    # said to the reader: a trailing insult, an order, "imagine being this ..."
    ("You never read the minutes, numpty.", {"abuse"}, set()),
    ("Don't be such a moron, read the agenda", {"abuse"}, set()),
    ("Don't be a stranger, come to the coffee morning!", set(), {"abuse"}),
    ("Imagine being this lazy and still drawing a salary", {"abuse"}, set()),
    ("Imagine being this close to the sea! Lovely photos", {"positive"}, {"abuse"}),
    ("you lot are as thick as two short planks", {"abuse"}, set()),
    # praise in the words of violence, as people say it of a good show
    ("The choir absolutely killed it on Sunday", {"positive"}, {"threat", "abuse"}),
    ("The Christmas market was an absolute blast", {"positive"}, {"threat"}),
    ("There was a blast at the substation last night, is everyone ok?", set(), {"positive"}),
    ("We were blown away by the storm damage", set(), {"positive"}),
    ("You lot outdid yourselves with the bunting", {"positive"}, set()),
    # enjoyment, support, good wishes, things done well
    ("My kids loved the new playground", {"positive"}, set()),
    ("We had a brilliant time at the duck race", {"positive"}, set()),
    ("Fully support the new crossing, about time", {"positive"}, set()),
    ("Good luck to the under-12s at the county final!", {"positive"}, set()),
    ("Good luck with that, the council never listens", {"negative"}, {"positive"}),
    ("The litter pickers deserve a medal", {"positive"}, set()),
    ("The recycling day was organised really well", {"positive"}, set()),
    ("The new crossing is working really well", {"positive"}, set()),
    ("It isn't working very well, the lights keep flickering", set(), {"positive"}),
    ("The car park has not been run very well since the change", set(), {"positive"}),
    ("We asked for a bench and they put one in. Result!", {"positive"}, set()),
]


@pytest.mark.parametrize("text, must, must_not", CASES, ids=[c[0][:40] for c in CASES])
def test_labels(text: str, must: set[str], must_not: set[str]) -> None:
    assert_labels(text, must, must_not)
