"""People, councillors, businesses, roles and @handles a post names (:func:`mentions`)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from civicpost.engine.lexicons import load_terms
from civicpost.engine.names.gates import key_words, phrase_gate
from civicpost.engine.names.phrases import expanded_terms, phrase_pattern
from civicpost.engine.names.sentences import _ABBREVIATIONS
from civicpost.engine.names.shared import _WORD, memo, word_set
from civicpost.engine.post import Post
from civicpost.engine.text import fold

# Kinds of mention, from the most to the least specific.
COUNCILLOR = "councillor"
PERSON = "person"
BUSINESS = "business"
ROLE = "role"
HANDLE = "handle"
GIVEN = "given name"  # a given name alone ("Jane in the office"): identifies in a small place
PROPER = "proper name"  # capitalised words no other finder places ("Bella Italia"): see proper_names


@dataclass(frozen=True)
class Mention:
    """Someone or something the text identifies; ``start``/``end`` index the original text."""

    start: int
    end: int
    text: str
    kind: str


# --- people, businesses and roles ------------------------------------------------------

# Capital and small letters of Latin-1 and Latin Extended-A ("Zoë", "Łukasz", "Ŝmith").
_EXTENDED = [chr(c) for c in range(0x100, 0x180)]
_UPPER = "A-ZÀ-ÖØ-Þ" + "".join(c for c in _EXTENDED if c.isupper())
_LOWER = "a-zß-öø-ÿ" + "".join(c for c in _EXTENDED if c.islower())
_TOKEN = rf"(?:[{_UPPER}][{_UPPER}{_LOWER}]*(?:['’\-][{_UPPER}{_LOWER}]+)*\.?)"
# A run of capitalised words on one line, which may hold "&" ("Smith & Sons").
_RUN = re.compile(rf"{_TOKEN}(?:(?:[ \t]+|[ \t]*&[ \t]*){_TOKEN})*")
_TOKEN_SPLIT = re.compile(rf"{_TOKEN}|&")
_COUNCILLOR_TITLES = frozenset({"cllr", "cllrs", "councillor", "councillors", "cr"})
_HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "rev", "revd", "reverend",
    "sir", "dame", "lord", "lady", "pc", "pcso", "sgt", "sergeant", "inspector", "canon",
    "father", "ald", "alderman",
})
_HANDLE = re.compile(r"@[A-Za-z0-9_]{2,30}")


@lru_cache(maxsize=1)
def _given() -> frozenset[str]:
    return frozenset(load_terms("names_given"))


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    return frozenset(load_terms("names_not_names"))


@lru_cache(maxsize=1)
def _business_words() -> frozenset[str]:
    return frozenset(load_terms("names_business_words"))


# Words that make a definite description: "the Clerk", "our old caretaker", "the council's
# planning officer", "the club's treasurer". Patterns here start with their literal words,
# not with a look-behind, so that the regex engine can skip ahead to them quickly; the word
# boundary before a match is checked with :func:`_starts_word`.
_DETERMINER = (r"(?:the|our|your|their|his|her|this|that)\s+(?:(?:town\s+|parish\s+)?(?:council|club|"
               r"committee|school|company|firm|practice|surgery)['’]s\s+)?")


def _starts_word(text: str, position: int) -> bool:
    """True when ``position`` starts a word (nothing alphanumeric just before it)."""
    return position == 0 or not text[position - 1].isalnum()


@lru_cache(maxsize=1)
def _roles() -> re.Pattern[str]:
    # "the Clerk", "our caretaker", "the Town Clerk's", "the pub landlord", "the bowls club
    # treasurer": a definite role held by one person, perhaps of a kind of business.
    body = phrase_pattern(load_terms("names_roles"))
    trade = phrase_pattern(expanded_terms("names_trades"))
    return re.compile(rf"{_DETERMINER}(?:new\s+|former\s+|previous\s+|acting\s+|old\s+|ex[\s-]?)?"
                      rf"(?:{_ROLE_MODIFIER}\s+)?(?:{trade}\s+)?(?:{body})")


# "the Labour candidate", "the local landlord", "the senior partner": one word that narrows a
# role without making it anyone else's.
_ROLE_MODIFIER = (r"(?:labour|tory|conservative|lib\s+dem|liberal\s+democrat|green|reform|independent|"
                  r"ukip|local|village|interim|senior|chief|head|lead)")


@lru_cache(maxsize=1)
def _role_words() -> frozenset[str]:
    return key_words("names_roles")


@lru_cache(maxsize=8192)  # capitalised words are few and come back again and again
def _bare(token: str) -> str:
    """A capitalised token as a plain lower-case word: "Smith's" and "Cllr." to "smith", "cllr"."""
    word = token.rstrip(".")
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    elif word.endswith(("'", "’")):
        word = word[:-1]
    return word.lower()


def mentions(post: Post) -> tuple[Mention, ...]:
    """Every person, councillor, business, role and handle the post identifies, in order."""
    return memo(post, "mentions", _find_mentions)


def runs(post: Post) -> list[re.Match[str]]:
    """Runs of capitalised words in the original text, found once per post."""
    return memo(post, "capitalised_runs", lambda p: list(_RUN.finditer(p.text)))


def may_name_a_person(post: Post) -> bool:
    """False when :func:`mentions` certainly holds no ``PERSON``: only a run of capitalised
    words makes one, so a rule about people can skip the other finders on most posts."""
    return any(kind == PERSON for run in runs(post) for _, _, kind in _run_mentions(run.group()))


def _find_mentions(post: Post) -> tuple[Mention, ...]:
    text = post.text
    found: list[Mention] = []
    for run in runs(post):
        offset = run.start()
        if offset and (text[offset - 1].isalnum() or text[offset - 1] in "@#_"):
            continue  # the tail of a word or a hashtag ("iPhone", "#LoughtonLights")
        for start, end, kind in _run_mentions(run.group()):
            start += offset
            end += offset
            found.append(Mention(start, end, text[start:end], kind))
    found.extend(_register(post, [m for m in found if m.kind in (PERSON, COUNCILLOR)]))
    found.extend(_partners(post))
    if word_set(post) & _role_words() and phrase_gate("names_roles").open(post):
        # every match ends in one of the roles (with its own word boundaries)
        folded = post.folded.text
        for match in _roles().finditer(folded):
            if not _starts_word(folded, match.start()):
                continue
            start, end = post.span_of(match.start(), match.end())
            found.append(Mention(start, end, text[start:end], ROLE))
    if "@" in text:
        for match in _HANDLE.finditer(text):
            before = text[match.start() - 1] if match.start() else " "
            if not (before.isalnum() or before in "@."):  # not an e-mail address
                found.append(Mention(match.start(), match.end(), match.group(), HANDLE))
    return tuple(_dedupe(found))


@lru_cache(maxsize=8192)  # runs of capitalised words ("Town Council", "High Road") recur
def _run_mentions(words: str) -> tuple[tuple[int, int, str], ...]:
    """``(start, end, kind)`` of the people and businesses in one run of capitalised words,
    with offsets into the run: they depend on nothing but the run."""
    if " " not in words and "\t" not in words and "&" not in words:
        # One capitalised word alone: only a given name ("Jane in the office") counts.
        if _bare(words) in _given():
            return ((0, _name_end((words, 0, len(words))), GIVEN),)
        return ()
    return tuple((m.start, m.end, m.kind) for tokens in _split_run(words, 0)
                 for m in _people_in_run(tokens))


def _split_run(run: str, offset: int) -> list[list[tuple[str, int, int]]]:
    """The tokens of a run of capitalised words, as ``(token, start, end)`` in the text, in
    pieces split where a full stop ends a sentence inside the run ("St Mary's Church. Forest
    Motors"), but not after an initial or a title ("Dr A. Khan")."""
    pieces: list[list[tuple[str, int, int]]] = []
    piece: list[tuple[str, int, int]] = []
    for match in _TOKEN_SPLIT.finditer(run):
        token = match.group()
        piece.append((token, offset + match.start(), offset + match.end()))
        if token.endswith(".") and len(token) > 2 and _bare(token) not in _ABBREVIATIONS:
            pieces.append(piece)
            piece = []
    if piece:
        pieces.append(piece)
    return pieces


def _people_in_run(tokens: list[tuple[str, int, int]]) -> list[Mention]:
    """The people and businesses in one run's tokens, without their text."""
    found: list[Mention] = []
    index = 0
    while index < len(tokens):
        token, start, _ = tokens[index]
        word = _bare(token)
        if word in _COUNCILLOR_TITLES or word in _HONORIFICS:
            end = _surname_end(tokens, index + 1, titled=True)
            if end is not None:
                kind = COUNCILLOR if word in _COUNCILLOR_TITLES else PERSON
                found.append(Mention(start, end, "", kind))
        elif word in _given():
            end = _surname_end(tokens, index + 1) if not token.endswith(("'s", "’s")) else None
            if end is not None:
                found.append(Mention(start, end, "", PERSON))
                index += 1
            elif index == len(tokens) - 1 and (
                    index == 0 or _bare(tokens[index - 1][0]) not in _NOT_BEFORE_GIVEN):
                # "Thanks Jane", but not "Victoria Road", "St Mary's" or "Cllr Jane Smith".
                found.append(Mention(start, _name_end(tokens[index]), "", GIVEN))
        index += 1
    found.extend(_business_in_run(tokens))
    return found


_NOT_BEFORE_GIVEN = _HONORIFICS | _COUNCILLOR_TITLES | {"st", "saint", "queen", "king", "prince",
                                                        "princess"}


def _is_name(token: str) -> bool:
    word = _bare(token)
    return len(word) > 1 and word not in _not_names() and word not in _COUNCILLOR_TITLES


# Place words that are also common surnames: after a title ("Cllr Ward", "Mrs Hall") they
# are the surname; after a given name only the few that never end a place's name do ("Dave
# Marsh", but "Victoria Park" and "Victoria Cross" stay places).
_SURNAMES_AFTER_TITLE = frozenset({
    "ward", "green", "hall", "marsh", "wood", "woods", "hill", "field", "fields", "brook", "lane",
    "park", "bridge", "cross", "heath", "gate", "house", "pool", "lake", "grove", "court", "street",
    "church", "row", "may", "day", "march",
})
_SURNAMES_AFTER_GIVEN = frozenset({"ward", "marsh", "wood", "woods", "field", "fields", "brook",
                                   "heath"})


def _surname_end(tokens: list[tuple[str, int, int]], index: int,
                 titled: bool = False) -> int | None:
    """End offset of a surname that starts at ``tokens[index]`` (initials may come first)."""
    while index < len(tokens) and len(tokens[index][0].rstrip(".")) == 1 and tokens[index][0] != "&":
        index += 1  # initials: "Dr A. Khan", "Jane M Smith"
    if index >= len(tokens):
        return None
    relaxed = _SURNAMES_AFTER_TITLE if titled else _SURNAMES_AFTER_GIVEN
    if not _is_name(tokens[index][0]) and not (
            _bare(tokens[index][0]) in relaxed and (index + 1 == len(tokens) or not titled
                                                    or _bare(tokens[index + 1][0]) not in _not_names())):
        return None
    # "Cllr Jane Smith": a given name after a title is followed by the surname.
    if _bare(tokens[index][0]) in _given() and index + 1 < len(tokens) \
            and _is_name(tokens[index + 1][0]):
        index += 1
    return _name_end(tokens[index])


def _name_end(token: tuple[str, int, int]) -> int:
    """End of a name token without a full stop or a possessive: "Smith." or "Smith's"."""
    word, _, end = token
    if word.endswith((".", "'", "’")):
        return end - 1
    if word.endswith(("'s", "’s")):
        return end - 2
    return end


# Capitalised words that open a sentence rather than a business name.
_NOT_IN_BUSINESS = frozenset({
    "the", "a", "an", "and", "thanks", "thank", "to", "from", "by", "at", "yesterday", "today",
    "tonight", "please", "our", "we", "if", "when", "after", "before", "sadly", "i", "my",
    "unfortunately", "congratulations", "well", "done", "welcome", "visit", "support", "&",
})


def _business_in_run(tokens: list[tuple[str, int, int]]) -> list[Mention]:
    found = []
    index = 1
    while index < len(tokens):
        if _bare(tokens[index][0]) not in _business_words():
            index += 1
            continue
        first = index
        while first > 0 and index - first < 4 and _bare(tokens[first - 1][0]) not in _NOT_IN_BUSINESS:
            first -= 1
        # "Smith & Sons": the "&" belongs inside the name, never at its start.
        while first < index and tokens[first][0] == "&":
            first += 1
        # "Smith Builders Ltd": keep extending over a following trading word.
        while index + 1 < len(tokens) and _bare(tokens[index + 1][0]) in _business_words():
            index += 1
        if first < index:
            found.append(Mention(tokens[first][1], _name_end(tokens[index]), "", BUSINESS))
        index += 1
    return found


def _register(post: Post, people: list[Mention]) -> list[Mention]:
    """Councillors named from the register, and people whose surname is a councillor's."""
    names = tuple(n for n in post.context.councillors if n.strip())
    if not names:
        return []
    pattern, surnames = _register_pattern(names)
    found = []
    if pattern is not None and word_set(post) & _register_keys(names):
        for match in pattern.finditer(post.folded.text):
            start, end = post.span_of(match.start(), match.end())
            found.append(Mention(start, end, post.text[start:end], COUNCILLOR))
    for person in people:
        # "Mrs Patel" when Sarah Patel is a councillor: treat as the councillor.
        if person.kind == PERSON and _bare(person.text.split()[-1]) in surnames:
            found.append(Mention(person.start, person.end, person.text, COUNCILLOR))
    return found


@lru_cache(maxsize=64)
def _register_pattern(names: tuple[str, ...]) -> tuple[re.Pattern[str] | None, frozenset[str]]:
    folded = [" ".join(fold(n).text.split()) for n in names]
    terms = [n for n in folded if re.search(r"[a-z]{2}", n)]
    surnames = frozenset(n.split()[-1] for n in terms if len(n.split()) > 1)
    return (re.compile(phrase_pattern(terms)) if terms else None), surnames


@lru_cache(maxsize=64)
def _register_keys(names: tuple[str, ...]) -> frozenset[str]:
    """Every word of the registered names: one must be in the post for any to match."""
    return frozenset(w for n in names for w in _WORD.findall(fold(n).text.replace("’", "'")))


def _partners(post: Post) -> list[Mention]:
    names = tuple(p.name for p in post.context.partners if p.name.strip())
    if not names:
        return []
    pattern, _ = _register_pattern(names)
    if pattern is None or not word_set(post) & _register_keys(names):
        return []
    found = []
    for match in pattern.finditer(post.folded.text):
        start, end = post.span_of(match.start(), match.end())
        found.append(Mention(start, end, post.text[start:end], BUSINESS))
    return found


_RANK = {COUNCILLOR: 0, PERSON: 1, BUSINESS: 2, ROLE: 3, HANDLE: 4, GIVEN: 5, PROPER: 6}


def _dedupe(found: list[Mention]) -> list[Mention]:
    """Keep the widest mention where two overlap, with the more specific kind of the two
    (a person's name that is also a registered councillor's is a councillor)."""
    ordered = sorted(found, key=lambda m: (m.start, -(m.end - m.start), _RANK[m.kind]))
    kept: list[Mention] = []
    for mention in ordered:
        if kept and mention.start < kept[-1].end:
            last = kept[-1]
            if mention.kind == COUNCILLOR and last.kind == PERSON:
                kept[-1] = Mention(last.start, last.end, last.text, COUNCILLOR)
            continue
        kept.append(mention)
    return kept


def inside(found: Sequence[Mention], span: tuple[int, int]) -> list[Mention]:
    """The members of ``found`` (sorted by start) that lie inside ``span``, found by
    bisection so that a long text with many of them costs no more per question."""
    first = bisect_left(found, span[0], key=lambda m: m.start)
    last = bisect_left(found, span[1], key=lambda m: m.start)
    return [m for m in found[first:last] if m.end <= span[1]]


def mentions_in(post: Post, span: tuple[int, int], kinds: Iterable[str] | None = None) -> list[Mention]:
    """Mentions that lie inside ``span``, optionally only of the given kinds."""
    wanted = None if kinds is None else frozenset(kinds)
    found = mentions(post)
    starts = memo(post, "mention_starts", lambda p: [m.start for m in mentions(p)])
    first = bisect_left(starts, span[0])
    last = bisect_left(starts, span[1])
    return [m for m in found[first:last] if m.end <= span[1] and (wanted is None or m.kind in wanted)]


def describe(mention: Mention) -> str:
    """How a message names the target: the text, or "the person you are replying to"."""
    text = " ".join(mention.text.split())
    return text or "the person addressed"
