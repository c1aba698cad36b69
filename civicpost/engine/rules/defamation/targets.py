"""Who an allegation is said of: the person, business or body before or after it, a pronoun
that points back to one, or "you" in a reply."""

from __future__ import annotations

import re
from collections.abc import Sequence

from civicpost.engine import names
from civicpost.engine.post import Post
from civicpost.engine.rules.defamation.grammar import (
    _ACCUSED_OF,
    _AFTER,
    _AGAINST,
    _BREAK,
    _BY_OR_OF,
    _CALLING,
    _CHAINED,
    _COORDINATOR,
    _DEED_MODS,
    _IN_COMMAS,
    _LABEL_MODS,
    _MAX_GAP_WORDS,
    _NAMED,
    _POINTING,
    _REPORTING,
    _REST,
)
from civicpost.engine.rules.defamation.phrases import (
    _APPOSED,
    _COLLECTIVE,
    _COLLECTIVE_GATE,
    _CONTRACTION,
    _HEADED,
    _IMPLIED_CATEGORY,
    _NOT_ABOUT,
    _PASSIVE_BEFORE,
    _POSSESSIVE_PRONOUNS,
    _PRONOUN,
    _REPEATED,
    _TARGET_KINDS,
    _VICTIM_VERBS,
    _YOU,
    ACT,
    DEED,
    LABEL,
    MANNER,
    _Candidate,
)
from civicpost.engine.text import fold


def _target(post: Post, item: _Candidate) -> str | None:
    """Who the allegation is said of, or None when nobody identifiable."""
    start, end = item.start, item.end
    w_start, w_end = names.window(post, start, end, 200, 120)
    inside = _targets(post, start, end) if item.category == _IMPLIED_CATEGORY else []
    if inside:
        return names.describe(inside[0])  # "complaints about Cllr Ward's conduct"
    passive = _PASSIVE_BEFORE.search(names.folded_slice(post, max(w_start, start - 30), start))
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
    if after and _ACCUSED_OF.search(names.folded_slice(post, max(0, start - 40), start)) \
            and _AGAINST.fullmatch(names.folded_slice(post, end, after[0].start)):
        return names.describe(after[0])  # "allegations of fraud against the treasurer"
    if after and _vocative(post, end, after[0]):
        return names.describe(after[0])  # "Stop lying to residents, Cllr Shaw."
    if after and _said_of_next(post, item, after[0], victim):
        return names.describe(after[0])
    return None


def _said_of_next(post: Post, item: _Candidate, target: names.Mention, victim: bool) -> bool:
    """True when the allegation is tied to the target just after it: "fraud by Forest
    Motors", "bullied by the Clerk", "drug dealing at the Crown", "rogue trader Dave Marsh"."""
    between = names.folded_slice(post, item.end, target.start)
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
                         names.folded_slice(post, max(0, item.start - 8), item.start)) is not None
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
    before = names.folded_slice(post, max(0, start - 8), start)
    return target.kind == names.BUSINESS and _POINTING.search(before) is not None


def _subjectless(post: Post, item: _Candidate) -> bool:
    """True when a deed starts its sentence with no subject: "Hillside Roofing came out in
    May. Botched the whole job."."""
    s_start = names.sentence_of(post, item.start)[0]
    before = names.folded_slice(post, s_start, item.start).strip(" \"'“‘-–—*")
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
    piece = names.folded_slice(post, w_start, start)
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
        _CALLING.search(names.folded_slice(post, max(0, anchor.start - 20), anchor.start)) is not None


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
