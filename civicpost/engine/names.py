"""Who and what a post talks about: people, councillors, businesses, roles and sentences.

The political, defamation and confidentiality rules all ask the same questions of a post:
which sentences does it have, which people or businesses does it identify, and which of a
word list's phrases does it use. This module answers them once per post and shares the
answers between rules (see :func:`memo`), always in offsets of the ORIGINAL text.

A person is recognised, without any statistical model, when the text gives one of these:

* a councillor's title and a name: ``Cllr Sarah Patel``, ``Councillor Jones``, or a name in
  the council's register of councillors (``context.councillors``);
* an honorific and a name: ``Mrs Harris``, ``Dr A. Khan``, ``PC Reid``;
* a common given name followed by a capitalised surname: ``Jane Smith``, ``Tom O'Brien``
  (the given names are in ``names_given.txt``; capitalised words that are places or things,
  such as *Road*, *Hall* or *Monday*, are never taken for a surname: ``names_not_names.txt``);
* a common given name alone (``Jane in the office``), kept apart as ``GIVEN`` because it
  identifies someone only in a small place, and only some rules count it.

A business is one to four capitalised words ending in a trading word (``Smith Builders``,
``Forest Motors Ltd``, ``Hollins Hardware``: ``names_business_words.txt``), or a name in the
council's partner register. A role is a definite job or office held by one person (``the
Clerk``, ``our caretaker``, ``the council's planning officer``, ``the pub landlord``:
``names_roles.txt``, ``names_trades.txt``). ``@handles`` count too.

Two further finders are kept apart from :func:`mentions`, because only rules about what is
said of someone (defamation, service users) should treat their finds as naming a person:
:func:`descriptions` (``the taxi firm on Station Lane``, ``the Crown on Forest Road``, ``the
village shop``, ``local landlord Kev Doyle``, ``the man at number 12``, ``the bloke who runs
the chip shop``) and :func:`proper_names` (capitalised names nothing else places, ``Bella
Italia``).

Word lists may offer alternatives in one entry, ``left [the|a] [site|roof] unsafe`` (see
:func:`expand`). For speed, rules gate on :func:`word_set` with :func:`key_words` before
running any phrase regex, and :func:`phrase_pattern` builds word lists into a trie so that a
long list costs little more than a short one; a very long list can be matched on
:func:`spaced_text`, where its regex is smaller.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TypeVar

from civicpost.engine.lexicons import load_pairs, load_terms
from civicpost.engine.post import Post
from civicpost.engine.text import fold

T = TypeVar("T")

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


def memo(post: Post, key: str, compute: Callable[[Post], T]) -> T:
    """Compute an analysis of ``post`` once and share it between rules of one check."""
    cache = post.shared
    if key in cache:
        found: T = cache[key]
        return found
    result = cache[key] = compute(post)
    return result


_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def word_set(post: Post) -> frozenset[str]:
    """The folded words of the post, for cheap gates before any expensive matching."""
    return memo(post, "word_set", _word_set)


def _word_set(post: Post) -> frozenset[str]:
    text = post.folded.text
    if "’" in text:
        text = text.replace("’", "'")
    words = set(_WORD.findall(text))
    if "'" in text:
        # "clerk's" and "don't" also count as "clerk" and "don" for a gate.
        words.update([w.split("'")[0] for w in words if "'" in w])
    return frozenset(words)


def word_starts(post: Post) -> list[int]:
    """Start offsets of the post's words, to count the words between two spans."""
    return memo(post, "word_starts", _word_starts)


def _word_starts(post: Post) -> list[int]:
    folded = post.folded
    starts = [m.start() for m in _ANY_WORD.finditer(folded.text)]
    if folded.origin is not None:
        starts = [folded.origin[s] for s in starts]
    return starts


_ANY_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def words_between(post: Post, end: int, start: int) -> int:
    """How many words lie between offset ``end`` and a later offset ``start``."""
    starts = word_starts(post)
    if start <= end:
        return 0
    return max(0, bisect_left(starts, start) - bisect_left(starts, end))


# --- phrases ---------------------------------------------------------------------------

# Dashes of every kind: ASCII hyphen, U+2010 hyphen, non-breaking hyphen, figure, en, em dash.
DASHES = "\\-\u2010\u2011\u2012\u2013\u2014"
_SEPARATOR = rf"[\s{DASHES}_]+"
_Trie = dict[str, "_Trie"]
_PIECES = {" ": _SEPARATOR, "-": rf"[\s{DASHES}]?", "'": "['’]?", "’": "['’]?"}
# In spaced text every space, dash and underscore is a plain space and every apostrophe a
# straight one, so a long word list compiles to a much smaller regex.
_SPACED_PIECES = {" ": " +", "-": " ?", "'": "'?", "’": "'?"}
_TO_SPACE = str.maketrans({char: " " for char in (
    "\t\n\r\f\v\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000_-\u2010\u2011\u2012"
    "\u2013\u2014" + "".join(chr(c) for c in range(0x2000, 0x200b)))} | {"’": "'"})


def spaced_text(post: Post) -> str:
    """The folded text with every space, dash and underscore made a plain space and every
    apostrophe a straight one: the same length, so offsets are those of ``post.folded``."""
    return memo(post, "spaced_text", lambda p: p.folded.text.translate(_TO_SPACE))


def compile_spaced_terms(*names: str) -> re.Pattern[str]:
    """Like :func:`compile_terms`, for matching with :func:`find_spaced_phrases`."""
    return re.compile(phrase_pattern((t for name in names for t in load_terms(name)), spaced=True))


def find_spaced_phrases(post: Post, pattern: re.Pattern[str]) -> list[tuple[int, int, str]]:
    """:func:`find_phrases` for a pattern from :func:`compile_spaced_terms`."""
    found = []
    for match in pattern.finditer(spaced_text(post)):
        start, end = post.span_of(match.start(), match.end())
        found.append((start, end, match.group()))
    return found


def phrase_pattern(terms: Iterable[str], spaced: bool = False) -> str:
    """A regex matching any of ``terms`` as whole words in folded text (or, with
    ``spaced``, in the :func:`spaced_text` of a post).

    Spaces in a term match any run of spaces or dashes, a hyphen matches a hyphen, a space
    or nothing (``re-elect``, ``re elect``, ``reelect``), an apostrophe matches either kind.
    The terms are arranged as a trie, so matching costs about the same for ten terms or two
    hundred, and the longest phrase wins. A term may offer alternatives, ``[a|b|]`` (see
    :func:`expand`): they stay one branch of the trie rather than one term each, so a term
    with thousands of combinations costs no more than its own length.
    """
    trie: _Trie = {}
    for phrase in _trie_terms(terms):
        node = trie
        for token in _tokens(phrase):
            node = node.setdefault(token, {})
        if node is not trie:
            node[""] = {}
    body = _trie_pattern(trie, _SPACED_PIECES if spaced else _PIECES) or r"(?!x)x"
    return rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])"


_EXPAND_UP_TO = 64


def _trie_terms(terms: Iterable[str]) -> Iterator[str]:
    """The terms to put in the trie. Alternatives are written out where that is cheap, so the
    trie shares their letters and the longest phrase wins ("fiddles the books" over
    "fiddles"); a term with many combinations keeps its groups, but its leading group is
    still written out, because that is where it meets other terms."""
    for term in terms:
        term = " ".join(term.split())
        choices = expand(term) if term.count("[") else [term]
        if len(choices) <= _EXPAND_UP_TO:
            yield from choices
            continue
        lead = _CHOICE.match(term)
        if lead is None:
            yield term
            continue
        for choice in lead.group(1).split("|"):
            yield " ".join((choice + term[lead.end():]).split())


def _tokens(term: str) -> list[str]:
    """A term as trie keys: one character each, or a whole ``[a|b]`` group as one key. A
    group with an empty alternative takes the space after it (or, at the end, before it)
    into its other alternatives, so that leaving it out leaves one space, not two."""
    tokens: list[str] = []
    position = 0
    for match in _CHOICE.finditer(term):
        tokens.extend(term[position:match.start()])
        choices = match.group(1).split("|")
        position = match.end()
        if "" in choices and term[position:position + 1] == " ":
            choices = [c + " " if c else c for c in choices]
            position += 1
        elif "" in choices and position == len(term) and tokens and tokens[-1] == " ":
            tokens.pop()
            choices = [" " + c if c else c for c in choices]
        tokens.append("[" + "|".join(choices) + "]")
    tokens.extend(term[position:])
    return tokens


def _longest(token: str) -> int:
    """Length of the longest text a trie key matches (a group counts its longest alternative)."""
    return max(len(c) for c in token[1:-1].split("|")) if len(token) > 1 else 1


def _piece(token: str, pieces: dict[str, str]) -> str:
    if len(token) > 1 and token.startswith("["):
        # Longest alternative first, so that the longest phrase wins here too.
        choices = sorted(token[1:-1].split("|"), key=len, reverse=True)
        return "(?:" + "|".join("".join(_piece(c, pieces) for c in choice) for choice in choices) + ")"
    return pieces.get(token) or re.escape(token)


def _trie_pattern(node: _Trie, pieces: dict[str, str]) -> str:
    return _trie_branch(node, pieces)[0]


def _trie_branch(node: _Trie, pieces: dict[str, str]) -> tuple[str, int]:
    """The regex for a trie node, and the length of the longest phrase it can match. The
    branch that can match the longest phrase is tried first, so that a group never ends a
    match that a longer phrase would have made."""
    branches = []
    for token, child in node.items():
        if token:
            pattern, longest = _trie_branch(child, pieces)
            branches.append((-(longest + _longest(token)), token, _piece(token, pieces) + pattern))
    if not branches:
        return "", 0
    branches.sort()
    longest = -branches[0][0]
    ends_here = "" in node
    if len(branches) == 1 and not ends_here:
        return branches[0][2], longest
    body = "(?:" + "|".join(b[2] for b in branches) + ")"
    return (body + "?" if ends_here else body), longest


_CHOICE = re.compile(r"\[([^\[\]]*)\]")


def expand(term: str) -> list[str]:
    """Every phrase a lexicon entry stands for. ``[a|b|c]`` offers alternatives and an
    empty alternative makes a word optional, so that "left [the|a] [site|roof] unsafe" is
    four phrases and "fiddl[ed|ing] the books" two. An entry without brackets is itself."""
    match = _CHOICE.search(term)
    if match is None:
        return [" ".join(term.split())]
    found: list[str] = []
    for choice in match.group(1).split("|"):
        found.extend(expand(term[:match.start()] + choice + term[match.end():]))
    return found


def expanded_terms(*names: str) -> list[str]:
    """The entries of the named lexicons with their alternatives written out."""
    return [phrase for name in names for term in load_terms(name) for phrase in expand(term)]


def expanded_pairs(name: str) -> dict[str, str]:
    """``term => value`` entries of a lexicon, one key for every phrase a term stands for."""
    return {phrase: value for term, value in load_pairs(name).items() for phrase in expand(term)}


def compile_terms(*names: str) -> re.Pattern[str]:
    """One compiled phrase regex for the entries of the named lexicon files."""
    return re.compile(phrase_pattern(term for name in names for term in load_terms(name)))


# Words too common in council posts to be a useful gate; a phrase's other words are used.
_HYPHENATED = re.compile(r"[a-z0-9']+(?:-[a-z0-9']+)+")
_COMMON_WORDS = frozenset({
    "please", "public", "council", "councils", "office", "their", "there", "which", "about", "would",
    "could", "should", "after", "before", "people", "this", "that", "with", "have", "been",
    "from", "your", "will", "into", "were", "they", "them", "what", "when", "where",
})


def key_words(*names: str) -> frozenset[str]:
    """For every entry of the named lexicons, its most distinctive (longest) word, and the
    joined form of a hyphenated one: a gate on :func:`word_set` that lets ordinary text skip
    the phrase regex entirely. For an entry with alternatives (``[a|b]``) the gate is the
    most distinctive of its fixed words or of its groups (then every alternative's word)."""
    found: set[str] = set()
    for name in names:
        for term in load_terms(name):
            term = term.replace("’", "'")
            options = [[_CHOICE.sub(" ", term)]] + [g.split("|") for g in _CHOICE.findall(term)
                                                     if "" not in g.split("|")]
            best = max(options, key=lambda phrases: min(len(_best_word(p)) for p in phrases))
            if min(len(_best_word(p)) for p in best) == 0:
                best = expand(term)  # nothing distinctive: gate on each phrase's own word
            for phrase in best:
                _key(phrase, found)
    return frozenset(found)


# Words too short and common to gate on when an entry has anything better.
_FUNCTION_WORDS = frozenset({
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "by", "with", "up", "off",
    "out", "his", "her", "their", "its", "is", "are", "was", "were", "be", "been", "has", "have",
    "had", "not", "no", "my", "our", "me", "us", "him", "them", "it", "all", "down", "as", "so",
    "do", "did", "does", "get", "got", "he", "she", "we", "you", "i", "over", "into", "more",
})


def _key(phrase: str, found: set[str]) -> None:
    """Add the most distinctive word of ``phrase`` to ``found``, and the joined form of a
    hyphenated word ("re-elect" may be written "reelect")."""
    words = _WORD.findall(phrase)
    key = _best_word(phrase) or max(words, key=len, default="")
    if key:
        found.update((key, key.replace("'", "")))  # "labour's" may be written "labours"
    for hyphenated in _HYPHENATED.findall(phrase):
        found.add(hyphenated.replace("-", ""))


def _best_word(phrase: str) -> str:
    words = [w for w in _WORD.findall(phrase) if w not in _COMMON_WORDS and w not in _FUNCTION_WORDS]
    return max(words, key=len) if words else ""


_RUN_OF_LETTERS = re.compile(r"[a-z0-9]+")


def letter_runs(post: Post) -> frozenset[str]:
    """Every run of letters and digits in the folded text ("don't" gives "don" and "t").

    Without an apostrophe in the text these are exactly the words of :func:`word_set`, which
    is then reused; with one, they are found anew, because a word set keeps "don't" whole."""
    return memo(post, "letter_runs", _letter_runs)


def _letter_runs(post: Post) -> frozenset[str]:
    text = post.folded.text
    if "'" not in text and "’" not in text:
        return word_set(post)
    return frozenset(_RUN_OF_LETTERS.findall(text))


# Characters of a phrase that its pattern lets the text leave out: "re-elect" may be written
# "reelect", "council's" "councils" (see phrase_pattern).
_OPTIONAL = frozenset("-'")
_MOST_OPTIONAL = 4  # beyond this many in one phrase, those words are not required (2**4 ways)


def _letter_run_sets(phrase: str) -> list[frozenset[str]]:
    """The ways a match of ``phrase`` can be written, each as the runs of letters and digits
    it consists of. Every other character of a phrase is matched as itself or as spacing, so
    the runs are fixed except where an optional hyphen or apostrophe joins two of them."""
    phrase = phrase.replace("’", "'")
    if "-" not in phrase and "'" not in phrase:
        return [frozenset(_RUN_OF_LETTERS.findall(phrase))]
    chunks = phrase.split()
    fixed = [c for c in chunks if _OPTIONAL.isdisjoint(c)]
    joinable = [c for c in chunks if not _OPTIONAL.isdisjoint(c)]
    required = {run for chunk in fixed for run in _RUN_OF_LETTERS.findall(chunk)}
    joined = " ".join(joinable)
    places = [i for i, char in enumerate(joined) if char in _OPTIONAL]
    if len(places) > _MOST_OPTIONAL:
        return [frozenset(required)]  # require only the words that are always written alike
    ways = []
    for mask in range(2 ** len(places)):
        dropped = {place for bit, place in enumerate(places) if mask >> bit & 1}
        written = "".join(char for i, char in enumerate(joined) if i not in dropped)
        ways.append(frozenset(required | set(_RUN_OF_LETTERS.findall(written))))
    return ways


class PhraseGate:
    """A cheap and exact-enough test that lets a post skip a phrase regex: open only when
    every run of letters and digits that one of ``phrases`` is written with is among the
    post's :func:`letter_runs`.

    It never closes on a post the regex would match. A pattern from :func:`phrase_pattern`
    matches a phrase only as whole words (no letter or digit just before or after it), with
    spacing, dashes or nothing (an optional hyphen or apostrophe) between its parts and every
    other character as written; so the runs of letters and digits of the match are the
    phrase's own runs, joined only where an optional character was left out, and each is a
    whole run of the text. ``_letter_run_sets`` lists every such way of writing the phrase.
    The gate is only for patterns run over the whole folded (or spaced) text: a search cut
    short by an end position could match a phrase whose last word runs on past the cut.
    Each way is filed under its two longest runs, so that most posts are turned away by a
    set intersection or two, however long the list.
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        self._always = False
        table: dict[str, dict[str, set[frozenset[str]]]] = {}
        for phrase in phrases:
            for runs in _letter_run_sets(phrase):
                if not runs:
                    self._always = True  # a phrase with no letters or digits: cannot gate
                    continue
                first, second, *rest = sorted(runs, key=lambda run: (-len(run), run)) + [""]
                table.setdefault(first, {}).setdefault(second, set()).add(frozenset(rest) - {""})
        self._table = {first: ({second: tuple(rests) for second, rests in seconds.items()},
                               frozenset(seconds))
                       for first, seconds in table.items()}
        self._firsts = frozenset(table)

    def open(self, post: Post) -> bool:
        """True when the post may hold one of the phrases."""
        if self._always:
            return True
        runs = letter_runs(post)
        for first in runs & self._firsts:
            rests, seconds = self._table[first]
            if "" in seconds:
                return True  # a phrase of one run, and it is there
            for second in runs & seconds:
                if any(rest <= runs for rest in rests[second]):
                    return True
        return False


@cache
def phrase_gate(*names: str) -> PhraseGate:
    """The :class:`PhraseGate` of the named lexicons (every phrase their entries stand for),
    built on first use and shared."""
    return PhraseGate(expanded_terms(*names))


def find_phrases(post: Post, pattern: re.Pattern[str]) -> list[tuple[int, int, str]]:
    """``(start, end, folded phrase)`` of every match, with spans in the original text."""
    found = []
    for match in pattern.finditer(post.folded.text):
        start, end = post.span_of(match.start(), match.end())
        found.append((start, end, match.group()))
    return found


def overlaps(span: tuple[int, int], others: Sequence[tuple[int, int]]) -> bool:
    """True when ``span`` overlaps one of ``others`` (a list of spans sorted by start)."""
    start, end = span
    index = bisect_right(others, (end, end))
    return any(s < end and start < e for s, e in others[max(0, index - 8):index])


# --- sentences -------------------------------------------------------------------------

# Punctuation that ends a sentence (with any closing quotes or brackets) before a space or
# the end, or a line break. Written to open with one character class, so that the regex
# engine skips in C to the few places where a sentence can end; it matches exactly what
# r"[.!?…]+[\"'”’)\]]*(?=\s|$)|\n" matches.
_BREAK = re.compile(r"[.!?…\n](?:(?<=\n)|(?<=[.!?…])[.!?…]*[\"'”’)\]]*(?=\s|$))")
_ABBREVIATIONS = frozenset({
    "cllr", "cllrs", "mr", "mrs", "ms", "mx", "dr", "st", "no", "nos", "rev", "revd", "prof",
    "sgt", "insp", "pc", "e.g", "i.e", "approx", "tel", "ref", "vs", "cf", "fig", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "rd", "ave",
})
_LAST_WORD = re.compile(r"([A-Za-z.]+)$")


def sentences(post: Post) -> list[tuple[int, int]]:
    """Sentence spans of the original text (lines count as sentences too)."""
    return memo(post, "sentences", lambda p: _split_sentences(p.text))


def _split_sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in _BREAK.finditer(text):
        if match.group().startswith(".") and _after_abbreviation(text, match.start()):
            continue
        end = match.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _after_abbreviation(text: str, dot: int) -> bool:
    tail = _LAST_WORD.search(text[max(0, dot - 12):dot])
    if not tail:
        return False
    word = tail.group(1).lower()
    # An initial ("J. Smith") or a title ("Cllr. Jones") does not end a sentence.
    return len(word) == 1 or word in _ABBREVIATIONS


def sentence_of(post: Post, position: int) -> tuple[int, int]:
    """The span of the sentence that holds ``position``."""
    spans = sentences(post)
    starts = memo(post, "sentence_starts", lambda p: [s for s, _ in sentences(p)])
    index = bisect_right(starts, position) - 1
    if index < 0:
        return (0, len(post.text))
    return spans[index]


def window(post: Post, start: int, end: int, before: int = 200, after: int = 200) -> tuple[int, int]:
    """The part of the sentence around ``start:end``, at most ``before``/``after`` characters
    either side, so that no rule ever scans a whole megabyte-long "sentence" per match."""
    s_start, s_end = sentence_of(post, start)
    return max(s_start, start - before), min(max(s_end, end), end + after)


def previous_sentence(post: Post, sentence: tuple[int, int]) -> tuple[int, int] | None:
    spans = sentences(post)
    starts = memo(post, "sentence_starts", lambda p: [s for s, _ in sentences(p)])
    index = bisect_left(starts, sentence[0])
    return spans[index - 1] if index > 0 else None


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


def _find_mentions(post: Post) -> tuple[Mention, ...]:
    text = post.text
    found: list[Mention] = []
    for run in runs(post):
        words = run.group()
        if run.start() and (text[run.start() - 1].isalnum() or text[run.start() - 1] in "@#_"):
            continue  # the tail of a word or a hashtag ("iPhone", "#LoughtonLights")
        if " " not in words and "\t" not in words and "&" not in words:
            # One capitalised word alone: only a given name ("Jane in the office") counts.
            if _bare(words) in _given():
                end = run.start() + _name_end((words, 0, len(words)))
                found.append(Mention(run.start(), end, text[run.start():end], GIVEN))
            continue
        for start, end in _split_run(words, run.start()):
            found.extend(_people_in_run(text[start:end], start))
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


def _split_run(run: str, offset: int) -> list[tuple[int, int]]:
    """Split a run of capitalised words where a full stop ends a sentence inside it
    ("St Mary's Church. Forest Motors"), but not after an initial or a title ("Dr A. Khan")."""
    spans = []
    start = 0
    for match in _TOKEN_SPLIT.finditer(run):
        token = match.group()
        if token.endswith(".") and len(token) > 2 and _bare(token) not in _ABBREVIATIONS:
            spans.append((offset + start, offset + match.end()))
            start = match.end()
    if start < len(run):
        spans.append((offset + start, offset + len(run)))
    return spans


def _people_in_run(run: str, offset: int) -> list[Mention]:
    tokens = [(m.group(), m.start() + offset, m.end() + offset) for m in _TOKEN_SPLIT.finditer(run)]
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
    return [Mention(m.start, m.end, run[m.start - offset:m.end - offset], m.kind) for m in found]


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



# --- businesses described rather than named ---------------------------------------------

_PLACE_PREPOSITION = r"(?:on|in|at|off|by|near|opposite|behind|next\s+to|beside|along|up|down)"
# Landmarks a description may be placed by without a capitalised name: "the shop on the
# High Street" is often written "the shop on the high street".
_LANDMARK = (r"(?:the\s+)?(?:high\s+street|high\s+road|market\s+square|market\s+place|parade|"
             r"broadway|village\s+green|green|precinct|station|crossroads|roundabout|industrial\s+"
             r"estate|retail\s+park|town\s+centre|square|corner)(?![a-z])")
# Capitalised words that follow "on" or "in" but are times, not places ("the pub on Friday").
_NOT_PLACES = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "christmas", "easter", "boxing", "new", "bank", "facebook", "twitter",
    "instagram", "i",
})
# "the Crown on Forest Road", "the Rose and Crown in Church Street": a pub or shop name.
_NAMED_PLACE = re.compile(rf"[Tt]he\s+((?:{_TOKEN}\s+(?:(?:and|&)\s+)?){{1,3}}?)"
                          rf"(?:on|in|at|off|opposite|near|by)\s+(?:the\s+)?(?={_TOKEN})")


@lru_cache(maxsize=1)
def _described() -> re.Pattern[str]:
    trade = phrase_pattern(expanded_terms("names_trades"))
    return re.compile(rf"(?P<head>th(?:e|at|is)\s+(?:(?:new|old|local|little|big|"
                      rf"village|corner|late[\s-]night|[a-z]+['’]s)\s+)?(?:{trade}))"
                      rf"(?:\s+{_PLACE_PREPOSITION}\s+(?:(?P<landmark>{_LANDMARK})|(?:the\s+)?))?")


@lru_cache(maxsize=1)
def _trade_words() -> frozenset[str]:
    return key_words("names_trades")


# A description with no place ("the shop", "the surgery") identifies a business only where a
# parish usually has one of them.
_ALONE = re.compile(r"(?:the|that)\s+(?:village\s+|local\s+)?(?:shop|pub|surgery|gp\s+surgery|"
                    r"doctors['’]?\s+surgery|medical\s+centre|health\s+centre|post\s+office|"
                    r"corner\s+shop|chemist|pharmacy|garage|chippy|chip\s+shop|takeaway|"
                    r"care\s+home|nursery|school|vets?|dentists?)")


# "local landlord Kev Doyle", "builder Wayne Pike": a trade or office just before a
# capitalised name makes the name a person's, whatever the given name.
_OCCUPATIONS = (r"(?:(?:local|village|former)\s+)?(?:landlord|landlady|builder|trader|businessman|"
                r"businesswoman|shopkeeper|publican|restaurateur|developer|farmer|plumber|electrician|"
                r"mechanic|roofer|dentist|solicitor|estate\s+agent|resident|neighbour|treasurer|chairman|"
                r"chairwoman|secretary|caretaker|groundsman|owner|proprietor|director|manager|licensee|"
                r"taxi\s+driver|cabbie|headteacher|teacher|vicar|nurse)")
_OCCUPATION = re.compile(r"(?:(?<![a-z])(?:local|village|former)\s+)?" + _OCCUPATIONS + r"\s+$")
_OCCUPATION_GATE = frozenset({
    "landlord", "landlady", "builder", "trader", "businessman", "businesswoman", "shopkeeper",
    "publican", "restaurateur", "developer", "farmer", "plumber", "electrician", "mechanic", "roofer",
    "dentist", "solicitor", "agent", "resident", "neighbour", "treasurer", "chairman", "chairwoman",
    "secretary", "caretaker", "groundsman", "owner", "proprietor", "director", "manager", "licensee",
    "driver", "cabbie", "headteacher", "teacher", "vicar", "nurse"})
# "the man at number 12", "the family at the end of Pump Lane", "the couple in flat 3".
_AT_ADDRESS = re.compile(
    r"th(?:e|at|is)\s+(?:[a-z]+\s+)?(?:man|woman|lady|bloke|guy|fella|chap|family|"
    r"couple|lad|lads|girl|boy|kids|tenant|tenants|occupant|occupants|people|household|neighbour|"
    r"neighbours|resident|residents|owner|owners|landlord|landlady|builder|pensioner|widow|"
    r"gentleman|gent)\s+(?:who\s+lives?\s+|living\s+|who\s+rents?\s+)?(?:at|in|from|of|on)\s+"
    r"(?:(?P<number>(?:number|no\.?)\s*[1-9]\d{0,3}[a-z]?|flat\s*[1-9]\d{0,3}[a-z]?)(?![a-z0-9])|"
    r"(?P<house>[1-9]\d{0,3}[a-z]?\s+)|(?P<end>the\s+(?:end|top|bottom|corner)\s+of\s+(?:the\s+)?))")
# "the man who owns the field", "the bloke who runs the chippy", "whoever runs the car wash".
_WHO_RUNS = re.compile(
    r"(?:(?:the|that|this)\s+(?:[a-z]+\s+)?(?:man|woman|lady|bloke|guy|fella|chap|lad|lads|"
    r"people|couple|family|person|one|owner|owners|landlord|landlady)\s+(?:who|that)|whoever)\s+"
    r"(?:runs?|owns?|manages?|operates?|rents?|farms?|lets?|has|had|took\s+over|bought|works?\s+at|"
    r"lives?\s+(?:at|in|on|next\s+door\s+to|opposite|above|behind))\s+(?:the|that|this|a|our)\s+"
    r"(?P<noun>(?:[a-z'’]+\s+)?[a-z'’]+)")
_POINTED_AT = re.compile(
    r"(?:this|these)\s+(?:two\s+|young\s+|older\s+)?(?:man|woman|person|lad|lads|guy|guys|bloke|blokes|couple|"
    r"pair|individual|individuals|men|women|people|driver|gentleman|lady)(?![a-z])(?:\s+(?:in|from)\s+the\s+"
    r"(?:photo|photos|picture|pictures|pic|pics|video|image|images|footage|cctv|clip))?|the\s+(?:man|woman|"
    r"person|lad|lads|guy|bloke|couple|pair|men|women|people|driver)\s+(?:in|from)\s+(?:the|this)\s+(?:photo|"
    r"photos|picture|pictures|pic|pics|video|image|images|footage|cctv|clip)(?![a-z])")
_POINTED_AT_WORDS = frozenset({"this", "these", "photo", "photos", "picture", "pictures", "pic", "video",
                               "image", "footage", "cctv", "clip"})
_LOWER_TITLED = re.compile(r"(?P<title>cllr|councillor|mr|mrs|ms|miss|dr)\.?\s+(?P<name>[a-z][a-z'’-]{1,20})"
                           r"(?![a-z])")
_LOWER_TITLE_WORDS = frozenset({"cllr", "councillor", "mr", "mrs", "ms", "miss", "dr"})
# "the Smiths at number 4", "the Patels next door": a family by its surname.
_FAMILY = re.compile(rf"[Tt]he\s+({_TOKEN})s(?=\s+(?:at|in|on|from|of|next\s+door|opposite|who|,))")
_NOT_FAMILIES = frozenset({"green", "liberal", "democrat", "conservative", "socialist", "council",
                           "councillor", "resident", "friend", "volunteer", "trustee", "scout", "guide"})
# "Smith's on the High Street", "Patel's in Church Lane": a shop by its owner's name.
_OWNERS_SHOP = re.compile(rf"({_TOKEN}['’]s?)\s+(?:on|in|at|off|opposite|near|by)\s+(?:the\s+)?(?={_TOKEN})")
_POSSESSIVE_PLACE = re.compile(r"['’]s?\s+(?:on|in|at|off|opposite|near|by)\s+(?:the\s+)?[A-Z]")


def descriptions(post: Post) -> list[Mention]:
    """People and businesses a post describes rather than names, in order: businesses as
    ``BUSINESS`` ("the taxi firm on Station Lane", "the chip shop on the High Street", "the
    Crown on Forest Road", "Smith's on the High Street", "the village shop") and people as
    ``PERSON`` ("local landlord Kev Doyle", "the man at number 12", "the family at the end of
    Pump Lane"). Kept apart from :func:`mentions`, because only rules about what is said of
    someone (defamation, service users) treat a description as naming them."""
    return memo(post, "descriptions", _find_descriptions)


def _occupations_before_names(post: Post) -> Iterator[tuple[int, int]]:
    """(start of the occupation, start of the name) for "local landlord Kev Doyle" and the
    like: each capitalised run with a trade or office just before it."""
    if not word_set(post) & _OCCUPATION_GATE:
        return
    text = post.text
    for run in runs(post):
        if run.start() == 0 or not text[run.start() - 1].isspace():
            continue
        piece_start = max(0, run.start() - 40)
        match = _OCCUPATION.search(_folded_slice(post, piece_start, run.start()))
        if match is not None:
            yield piece_start + match.start(), run.start()


def _folded_slice(post: Post, start: int, end: int) -> str:
    if post.folded.origin is None:
        return post.folded.text[start:end]
    return fold(post.text[start:end]).text


def _find_people_described(post: Post) -> list[Mention]:
    text = post.text
    found: list[Mention] = []
    folded = post.folded.text
    for start, after in _occupations_before_names(post):
        tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN_SPLIT.finditer(
            text, after, min(len(text), after + 60))]
        tokens = tokens[:2] if len(tokens) > 1 and tokens[1][1] - tokens[0][2] <= 2 else tokens[:1]
        names_here = [t for t in tokens if _is_name(t[0]) and _bare(t[0]) not in _business_words()
                      and _bare(t[0]) not in _role_words() and _bare(t[0]) not in _NOT_PLACES]
        if names_here and names_here[0] is tokens[0]:
            last = names_here[-1] if len(names_here) == len(tokens) else names_here[0]
            found.append(Mention(start, _name_end(last), text[start:_name_end(last)], PERSON))
    if _PERSON_NOUNS & word_set(post) and (_ADDRESS_GATE & word_set(post) or _DIGIT.search(text)):
        for match in _AT_ADDRESS.finditer(folded):
            if not _starts_word(folded, match.start()):
                continue
            start, end = post.span_of(match.start(), match.end())
            if match.group("number") is None:
                # "at 14 Forest Road", "at the end of Pump Lane": the street must follow.
                place = _place_at(text, end)
                if place is None:
                    street = _PLACE_WORDS.match(folded, match.end())
                    if street is None:
                        continue
                    place = post.span_of(match.start(), street.end())[1]
                end = place
            found.append(Mention(start, end, text[start:end], PERSON))
    return found


_ADDRESS_GATE = frozenset({"number", "no", "flat", "end", "top", "bottom", "corner"})
_PERSON_NOUNS = frozenset({
    "man", "woman", "lady", "bloke", "guy", "fella", "chap", "family", "couple", "lad", "lads", "girl",
    "boy", "kids", "tenant", "tenants", "occupant", "occupants", "people", "household", "neighbour",
    "neighbours", "resident", "residents", "owner", "owners", "landlord", "landlady", "builder",
    "pensioner", "widow", "gentleman", "gent", "person", "one"})
_DIGIT = re.compile(r"[1-9]")
_PLACE_WORDS = re.compile(r"[a-z]+(?:\s+[a-z]+)?\s+(?:road|street|lane|close|avenue|drive|way|"
                          r"crescent|gardens|place|court|grove|hill|rise|walk|row|terrace|mews|green)"
                          r"(?![a-z])")


def _find_descriptions(post: Post) -> list[Mention]:
    found: list[Mention] = []
    text = post.text
    folded = post.folded.text
    if word_set(post) & _trade_words() and phrase_gate("names_trades").open(post):
        # every match holds one of the trades (with its own word boundaries)
        folded = post.folded.text
        for match in _described().finditer(folded):
            if not _starts_word(folded, match.start()):
                continue
            start, end = post.span_of(match.start(), match.end())
            if match.group("landmark") is not None:
                # "the taxi firm on Station Lane": a landmark word that begins a place's name.
                place = _place_at(text, post.span_of(match.start("landmark"), match.end())[0])
                end = max(end, place or end)
            else:
                place = _place_at(text, end) if match.end() > match.end("head") else None
                if place is not None:
                    end = place
                elif _ALONE.fullmatch(" ".join(match.group("head").split())):
                    end = post.span_of(match.start(), match.end("head"))[1]
                else:
                    continue
            found.append(Mention(start, end, text[start:end], BUSINESS))
    if _POSSESSIVE_PLACE.search(text):
        for match in _OWNERS_SHOP.finditer(text):
            if not _starts_word(text, match.start()):
                continue
            word = _bare(match.group(1))
            if word in _not_names() or word in _given() or word in _role_words() or not _is_name(
                    match.group(1)):
                continue
            place = _place_at(text, match.end())
            if place is not None:
                found.append(Mention(match.start(), place, text[match.start():place], BUSINESS))
    found.extend(_find_people_described(post))
    if word_set(post) & _POINTED_AT_WORDS:
        # "this man", "the woman in the photo": someone the post points at in its picture.
        for match in _POINTED_AT.finditer(folded):
            if _starts_word(folded, match.start()):
                start, end = post.span_of(match.start(), match.end())
                found.append(Mention(start, end, text[start:end], PERSON))
    if word_set(post) & _LOWER_TITLE_WORDS:
        # "cllr jones lied", "mr dawson at number 4": a title written in small letters, as
        # residents often write in comments.
        for match in _LOWER_TITLED.finditer(text):
            if _starts_word(text, match.start()) and match.group("name") not in _not_names() \
                    and match.group("name") not in _FUNCTION_WORDS:
                kind = COUNCILLOR if match.group("title") in _COUNCILLOR_TITLES else PERSON
                found.append(Mention(match.start(), match.end(), match.group(), kind))
    if "he " in text:
        for match in _FAMILY.finditer(text):
            word = _bare(match.group(1))
            if _starts_word(text, match.start()) and _is_name(match.group(1)) \
                    and word not in _NOT_FAMILIES and word not in _given() and word not in _role_words():
                found.append(Mention(match.start(), match.end(), match.group(), PERSON))
    if ("who" in word_set(post) or "whoever" in word_set(post)) and _PERSON_NOUNS & word_set(post) \
            or "whoever" in word_set(post):
        folded = post.folded.text
        for match in _WHO_RUNS.finditer(folded):
            if not _starts_word(folded, match.start()):
                continue
            start, end = post.span_of(match.start(), match.end())
            end = _described_end(post, match, end)
            found.append(Mention(start, end, text[start:end], PERSON))
    if "he " in text:
        for match in _NAMED_PLACE.finditer(text):
            if not _starts_word(text, match.start()):
                continue
            words = [_bare(t) for t in _TOKEN_SPLIT.findall(match.group(1)) if t != "&"]
            if any(w in _not_names() or w in _given() or w in _HONORIFICS or w in _COUNCILLOR_TITLES
                   or w in _role_words() or w in _NOT_PLACES for w in words):
                continue
            place = _place_at(text, match.end())
            if place is not None:
                found.append(Mention(match.start(), place, text[match.start():place], BUSINESS))
    return sorted(_dedupe(found), key=lambda m: m.start)


def _described_end(post: Post, match: re.Match[str], end: int) -> int:
    """End of "the man who runs the chip shop": two words only when they make a trade
    ("chip shop", "car wash"), else one ("the field keeps burning" ends at "field")."""
    words = match.group("noun").split()
    if len(words) == 2 and " ".join(words) not in _two_word_trades():
        end = post.span_of(match.start(), match.end() - len(words[-1]) - 1)[1]
        while end > 0 and post.text[end - 1].isspace():
            end -= 1
    return end


@lru_cache(maxsize=1)
def _two_word_trades() -> frozenset[str]:
    return frozenset(t for t in expanded_terms("names_trades") if len(t.split()) == 2)


def proper_names(post: Post) -> list[Mention]:
    """Capitalised names the other finders do not place, as ``PROPER`` mentions: two or
    more capitalised words that are not a place, a day or a heading ("Bella Italia", "Thames
    Water"), and "the" with one such word inside a sentence ("the Co-op"). A rule about what
    is said of someone may treat one as naming them; nothing else should."""
    return memo(post, "proper_names", _find_proper_names)


def _find_proper_names(post: Post) -> list[Mention]:
    text = post.text
    known = mentions(post)
    found = []
    for run in runs(post):
        if not _starts_word(text, run.start()) or (run.start() and text[run.start() - 1] in "@#_"):
            continue
        if not _SPACE_OR_AMPERSAND.search(run.group()) and (
                text[max(0, run.start() - 4):run.start()].lower() != "the "):
            continue  # one capitalised word counts only after "the" ("the Co-op")
        tokens = [m for m in _TOKEN_SPLIT.finditer(run.group()) if m.group() != "&"]
        words = [_bare(t.group()) for t in tokens]
        first = 0
        while first < len(words) and (words[first] in _NOT_IN_BUSINESS or words[first] in _NOT_PLACES):
            first += 1
        named = [w for w in words[first:] if w not in _not_names() and w not in _NOT_PLACES
                 and w not in _COUNCILLOR_TITLES and w not in _HONORIFICS and len(w) > 1]
        single = len(words) - first == 1 and text[max(0, run.start() - 4):run.start()].lower() == "the " \
            and not _sentence_start(text, run.start() - 4)
        if not named or (len(words) - first < 2 and not single) or _PUBLIC_BODY & set(words):
            continue
        start = run.start() + tokens[first].start()
        end = run.start() + _name_end((tokens[-1].group(), 0, tokens[-1].end()))
        index = bisect_left(known, end, key=lambda m: m.start)
        if not any(m.start < end and start < m.end for m in known[max(0, index - 8):index]):
            found.append(Mention(start, end, text[start:end], PROPER))
    return found


# A public body cannot sue for libel, and what is said of it is public debate: "Essex County
# Council", "Thames Valley Police", "the Highways Agency".
_PUBLIC_BODY = frozenset({
    "council", "county", "borough", "district", "police", "nhs", "agency", "authority", "department",
    "government", "ministry", "parliament", "commission", "board", "highways", "executive",
    "standards", "office", "service", "services", "trust", "ombudsman", "inspectorate", "network",
    "rail", "railway", "railways", "transport",
})


_SPACE_OR_AMPERSAND = re.compile(r"[ \t&]")


def _sentence_start(text: str, position: int) -> bool:
    before = text[max(0, position - 40):position].rstrip()
    if not before and position > 40:
        return False  # forty spaces: not the start of anything we can tell
    return not before or before[-1] in ".!?:\n\"“"


def _place_at(text: str, position: int) -> int | None:
    """End of a capitalised place name that starts at ``position`` ("Station Lane"), or None."""
    place = _RUN.match(text, position)
    if place is None or _bare(place.group().split()[0]) in _NOT_PLACES:
        return None
    return position + _name_end((place.group(), 0, len(place.group())))


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
