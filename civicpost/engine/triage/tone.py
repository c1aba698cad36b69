"""Questions to answer, negative comments to deal with, and praise.

Loughton's tips: "Talk to residents ... and do answer their questions - quickly and
honestly"; "if you receive a negative comment DEAL with it IMMEDIATELY".

* **question**: a sentence that ends in "?", opens like a question ("does anyone know if the
  tip is open", ``lexicons/triage_questions.txt``) or asks with a modal and a pronoun ("under
  FOI can I have ..."). A rhetorical question ("who on earth approved this?", "is this a
  joke?") is criticism, not a question, and an exclamation ("what a lovely idea") is neither.
* **negative**: criticism or hostility (``triage_negative.txt`` and the grammar of
  :mod:`civicpost.engine.triage.criticism`), sarcasm ("thanks for nothing"), swearing and
  angry emoji. Sympathy ("terrible news about the flood") is not.
* **positive**: praise, thanks, support, enthusiasm (``triage_positive.txt``) and approving
  emoji. Thanks that only sign off a question or a complaint ("Thanks in advance") are
  politeness, not praise; praise in a sarcastic sentence or after "not" does not count.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from civicpost.engine import names
from civicpost.engine.post import Post
from civicpost.engine.triage.criticism import find_criticism
from civicpost.engine.triage.cues import Cue, CueList, opens_sentence, quote
from civicpost.engine.triage.result import TriageLabel

_OPENERS = CueList("triage_questions", default_kind="opener")
_NEGATIVE = CueList("triage_negative", default_kind="criticism")
_POSITIVE = CueList("triage_positive", default_kind="praise")

# A modal before a pronoun asks something wherever it stands: "under FOI can I have ...".
_INVERSION = re.compile(r"\b(?:can|could|would|will|shall|may)\s+(?:i|you|we|someone|somebody|anyone|"
                        r"anybody|residents|people|the\s+council|the\s+clerk)\b", re.IGNORECASE)
# "What a lovely idea", "How kind": exclamations that open like questions.
_EXCLAMATION = re.compile(r"\s*(?:what\s+(?:a|an)\b|how\s+(?:lovely|kind|sad|wonderful|nice|great|"
                          r"brilliant|awful|terrible|rude|typical|embarrassing|ridiculous|pathetic|"
                          r"sweet|exciting|good|fab|cool|amazing)\b)", re.IGNORECASE)
# "Oh brilliant, another road closure": praise that means the opposite (the comma keeps it
# out of the word lists, which match words and spaces only).
_SARCASM = re.compile(r"\b(?:oh\s+)?(?:great|brilliant|fantastic|wonderful|lovely|marvellous|perfect|super|"
                      r"nice\s+one|well\s+done|cheers|thanks)[\s,!.…]+(?:another|yet\s+another|more\s+"
                      r"(?:roadworks|closures|charges|cuts|parking)|so\s+now|just\s+what)\b", re.IGNORECASE)
# "What you have posted is untrue", "When I rang, nobody answered": a clause, not a question.
_RELATIVE = re.compile(r"\s*(?:what|when|where|how|why|who)\s+"
                       r"(?:i|you|we|they|he|she|it|people|the\s+council)\s+"
                       r"(?!(?:do|does|did|can|could|will|would|should|is|are|was|were|have|has)\b)",
                       re.IGNORECASE)
_TRAILING = frozenset(")]\"'”’*_~ \t\r\n\ufe0f\u200d")
_NEGATION = re.compile(r"\b(?:not|never|no|hardly|isn'?t|wasn'?t|aren'?t|weren'?t|don'?t|didn'?t|"
                       r"doesn'?t|nothing|nowt)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_DENIED = re.compile(r"\b(?:not|never|n't|hardly)\b", re.IGNORECASE)
_THANKING = re.compile(r"(?:thank|thanks|thx|cheers|many\s+thanks|huge\s+thanks|big\s+thanks"
                       r"|massive\s+thanks)")
# "the best Remembrance service I've been to": praise the word lists cannot spell out.
_BEST_EVER = re.compile(r"\b(?:the\s+)?best\s+(?:[a-z]+\s+){0,3}(?:i'?ve|we'?ve|i\s+have|we\s+have)\s+"
                        r"(?:ever\s+)?(?:been\s+to|seen|had|attended|visited|known)\b", re.IGNORECASE)
# "explained the libel rules really well", "it's actually working really well": a thing done
# well, however many words stand between the doing and the "well".
_DONE_WELL = re.compile(r"\b(?:explained|organised|organized|run|ran|done|did|handled|managed|presented|"
                        r"put\s+together|dealt\s+with|works|working|worked|looked\s+after|planned|"
                        r"designed|laid\s+out|thought\s+out|maintained|kept)\b(?:\s+[\w'’-]+){0,4}?\s+"
                        r"(?:really|so|very|extremely|brilliantly|incredibly|remarkably|exceptionally)\s+well\b",
                        re.IGNORECASE)
# "We complained and they've added a later service, result!": the British cry of a good
# outcome, at the start of a sentence or after a comma.
_RESULT = re.compile(r"(?:^|(?<=[,.;:!]))\s*(?:result|get\s+in|bingo)\s*!", re.IGNORECASE)
_BUT = re.compile(r"\b(?:but|however|although|though|yet)\b", re.IGNORECASE)
_ANGRY = frozenset("😡🤬😠👎🙄💩😤🤦😒")
_APPROVING = frozenset("👏❤😍👍🙌🥰💚💙💜🧡💛⭐🌟🏆🎉💐🙏")
_ANGRY_PATTERN = re.compile("[" + "".join(sorted(_ANGRY)) + "]")
_APPROVING_PATTERN = re.compile("[" + "".join(sorted(_APPROVING)) + "]")


# --------------------------------------------------------------------------- questions

def find_question(post: Post, hostile: Iterable[tuple[int, int]] = ()) -> TriageLabel | None:
    """The first sentence that asks something and expects an answer, or None. Sentences
    with a rhetorical jab, sarcasm or a ``hostile`` span (a threat, an insult: "what kind of
    idiot designed this?") are not asked to be answered."""
    rhetorical = [c for c in _negative_cues(post) if c.kind in ("rhetorical", "sarcasm")]
    rhetorical.extend(_sarcasm(post))
    rhetorical.extend(Cue(start, end, "", "hostile") for start, end in hostile)
    openers = [c for c in _OPENERS.find(post) if opens_sentence(post, c.start)]
    text = post.text
    for start, end in names.sentences(post):
        if _inside_any(rhetorical, start, end):
            continue
        last = _last_mark(text, start, end)
        if last == "?":
            if not _EXCLAMATION.match(text, start) or text[start:end].count("?") > 1:
                return _question(text, start, end)
            continue
        if last == "!" or _EXCLAMATION.match(text, start):
            continue
        if _RELATIVE.match(text, start):
            continue
        if _inside_any(openers, start, end) or _INVERSION.search(text, start, min(end, start + 400)):
            return _question(text, start, end)
    return None


def _question(text: str, start: int, end: int) -> TriageLabel:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return TriageLabel("question", f"asks {quote(text, start, end)}", start, end)


def _last_mark(text: str, start: int, end: int) -> str:
    """The sentence's last character that is not a space, a closing quote or an emoji."""
    position = end - 1
    while position >= start and (text[position] in _TRAILING
                                 or unicodedata.category(text[position]) in ("So", "Sk", "Cs", "Mn")):
        position -= 1
    return text[position] if position >= start else ""


def _inside_any(cues: Sequence[Cue], start: int, end: int) -> bool:
    return any(start <= cue.start < end for cue in cues)


# --------------------------------------------------------------------------- tone

def _negative_cues(post: Post) -> list[Cue]:
    """The phrases of ``triage_negative.txt`` and the criticism grammar's findings."""
    return [*_NEGATIVE.find(post), *find_criticism(post)]


def _sarcasm(post: Post) -> list[Cue]:
    return names.memo(post, "triage:sarcasm", lambda p: [
        Cue(m.start(), m.end(), m.group(), "sarcasm") for m in _SARCASM.finditer(p.text)])


def find_negative(post: Post, swearing: Iterable[tuple[int, int, str]] = ()) -> TriageLabel | None:
    """The first criticism, rhetorical jab, sarcasm, swear word or angry emoji, or None.
    ``swearing`` gives the spans and reasons of swear words the abuse rules found."""
    found: list[tuple[int, int, str]] = []
    for cue in [*_negative_cues(post), *_sarcasm(post)]:
        what = {"rhetorical": "asks a question to criticise", "sarcasm": "is sarcastic praise"}.get(
            cue.kind, "is criticism")
        found.append((cue.start, cue.end, f"{quote(post.text, cue.start, cue.end)} {what}"))
    found.extend(swearing)
    found.extend(_emoji(post.text, _ANGRY_PATTERN, "is an angry emoji"))
    if not found:
        return None
    start, end, why = min(found)
    return TriageLabel("negative", why, start, end)


def find_positive(post: Post, only_politeness: bool,
                  hostile: Iterable[tuple[int, int]] = ()) -> TriageLabel | None:
    """The first praise, thanks or approving emoji, or None. With ``only_politeness`` (the
    message asks or complains) bare thanks are a sign-off and do not count; ``hostile``
    spans (threats, abuse) make praise in their sentences ironic ("keep it up and your
    windows will be going in")."""
    # Praise inside sarcasm or a rhetorical jab means the opposite: "who on earth thought
    # this was a good idea?"
    ironic = [c for c in _negative_cues(post) if c.kind in ("sarcasm", "rhetorical")] + _sarcasm(post)
    ironic_sentences = {names.sentence_of(post, c.start) for c in ironic}
    ironic_sentences.update(names.sentence_of(post, start) for start, _ in hostile)
    text = post.text
    found: list[tuple[int, int, str]] = []
    for cue in _POSITIVE.find(post):
        sentence = names.sentence_of(post, cue.start)
        if sentence in ironic_sentences and not _praise_then_but(text, cue.end, ironic, sentence):
            continue
        thanking = cue.kind == "thanks" or _THANKING.match(cue.phrase) is not None
        if only_politeness and thanking and (cue.kind == "thanks" or _BUT.search(text, cue.end, sentence[1])):
            continue  # "Thanks in advance", "Thanks for the reply but that doesn't answer my question"
        if _NEGATION.search(post.text, max(0, cue.start - 30), cue.start):
            continue
        what = "thanks the council" if cue.kind == "thanks" else "is praise"
        found.append((cue.start, cue.end, f"{quote(post.text, cue.start, cue.end)} {what}"))
    found.extend(_emoji(post.text, _APPROVING_PATTERN, "is an approving emoji"))
    for pattern in (_BEST_EVER, _DONE_WELL, _RESULT):
        match = pattern.search(text)
        if match is None or names.sentence_of(post, match.start()) in ironic_sentences:
            continue
        if _NEGATION.search(text, max(0, match.start() - 30), match.start()) or _DENIED.search(match.group()):
            continue  # "it isn't working very well", "not run very well at all"
        found.append((match.start(), match.end(), f"{quote(text, match.start(), match.end())} is praise"))
    if not found:
        return None
    start, end, why = min(found)
    return TriageLabel("positive", why, start, end)


def _praise_then_but(text: str, praise_end: int, ironic: Sequence[Cue], sentence: tuple[int, int]) -> bool:
    """True when "but" parts the praise from the jab that follows it: "Love the new benches
    but who decided to put them facing the car park?" praises, then criticises."""
    later = [c.start for c in ironic if sentence[0] <= c.start < sentence[1] and c.start >= praise_end]
    if not later or any(sentence[0] <= c.start < praise_end for c in ironic):
        return False
    return _BUT.search(text, praise_end, min(later)) is not None


def _emoji(text: str, which: re.Pattern[str], what: str) -> list[tuple[int, int, str]]:
    found = None if text.isascii() else which.search(text)
    if found is None:
        return []
    return [(found.start(), found.end(), f"“{found.group()}” {what}")]
