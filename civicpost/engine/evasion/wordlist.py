"""Words from lexicon files found however they are disguised (:class:`WordList`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from civicpost.engine import names
from civicpost.engine.evasion.entries import (
    _BROKEN,
    _ENDINGS,
    _HANDLE,
    _JUNCTION,
    _LINK,
    _SENTENCE_END,
    _STAR_RUN,
    _STARRED,
    _VETO_WINDOW,
    _WORD_SEPARATORS,
    Entry,
    WordMatch,
    _capitalised_beside,
    _common_words,
    _disguised,
    _entries,
    _innocents,
    _word_around,
)
from civicpost.engine.evasion.patterns import Gate, Pattern, gate_words, normal
from civicpost.engine.evasion.skeleton import (
    _SINGLE_LETTERS,
    _SPACED,
    _TOKEN,
    Skeleton,
    original_span,
    skeleton,
    squeeze,
    stretch_pattern,
    stretches,
    words,
)
from civicpost.engine.lexicons import load_pairs, load_terms
from civicpost.engine.post import Post


class WordList:
    """Words from lexicon files (``word => label``), found however they are disguised.

    In a lexicon, ``word`` matches the whole word only, ``word*`` also at the start of a
    longer word ("arse*": arsehole, arsed), and ``*word*`` anywhere inside a word
    ("*fuck*": motherfucker, fuckoff). The innocent words and phrases that contain a listed
    word are listed in ``innocent`` (Scunthorpe, Shitterton, "spick and span"), and words that
    are innocent near certain other words in ``nearby`` ("tits => bird nest feeder": blue tits
    in a nature post). Words that are also names (``also_names``) are left alone when written
    as a name beside another capitalised word ("Dick Whittington", "Offa's Dyke").
    """

    def __init__(self, sources: Sequence[str], innocent: str, nearby: str, also_names: str) -> None:
        self.key = "wordlist:" + ",".join(sources)
        entries = _entries(sources)
        self._forms: dict[str, list[tuple[str, Entry]]] = {}  # squeezed form -> (form, entry)
        phrase_entries: list[Entry] = []
        grows: list[Entry] = []
        for entry in entries:
            if " " in entry.word:
                phrase_entries.append(entry)
                continue
            for ending in ("",) if entry.mode == "word" else _ENDINGS:
                form = entry.word + ending
                self._forms.setdefault(squeeze(form), []).append((form, entry))
            if entry.mode != "word":
                grows.append(entry)
        self._key_of = {form: key for key, forms in self._forms.items() for form, _ in forms}
        self._plain_keys = frozenset(self._key_of)
        self._squeezed_keys = frozenset(self._forms)
        self._word_patterns: dict[str, re.Pattern[str]] = {}
        self._grows(grows)
        self._phrase_setup(phrase_entries)
        self._split_setup()
        self._innocent = _innocents(innocent, [e.word for e in entries])
        self._nearby = {squeeze(normal(word)): frozenset(squeeze(w) for w in vetoes.split())
                        for word, vetoes in load_pairs(nearby).items()}
        self._names = frozenset(squeeze(w) for w in load_terms(also_names))
        self._by_first: dict[str, list[str]] = {}
        for form in self._key_of:
            self._by_first.setdefault(form[0], []).append(form)

    def _grows(self, grows: list[Entry]) -> None:
        """Words that may grow are found on the mapped text with their letters stretched,
        after a cheap test that their spelling is in the text at all."""
        starts = sorted({e.word for e in grows if e.mode == "start"}, key=len, reverse=True)
        insides = sorted({e.word for e in grows if e.mode == "inside"}, key=len, reverse=True)
        parts = [f"(?<![a-z])(?:{'|'.join(map(stretch_pattern, starts))})"] if starts else []
        if insides:
            parts.append("|".join(map(stretch_pattern, insides)))
        self._grow_pattern = re.compile("|".join(parts)) if parts else None
        self._grow_plain = tuple(sorted({e.word for e in grows}))
        self._grow_hint = re.compile("|".join(map(re.escape, self._grow_plain))) if grows else None
        self._grow_squeezed = tuple(sorted({squeeze(e.word) for e in grows}))
        # A starred word inside a longer one ("bullsh*t"): each letter may be a star.
        self._starred_inside = re.compile("|".join(
            "".join(f"[{re.escape(c)}*#%]" for c in word) for word in sorted(
                {e.word for e in grows}, key=len, reverse=True))) if grows else None
        self._grown_by_key: dict[str, list[Entry]] = {}
        for entry in grows:
            self._grown_by_key.setdefault(squeeze(entry.word), []).append(entry)

    def _phrase_setup(self, entries: list[Entry]) -> None:
        terms = [e.word for e in entries]
        self._phrases = Pattern("<TERMS>", TERMS=terms) if terms else None
        self._phrase_gate = Gate(terms, frozenset({"the", "a", "an", "off", "up", "of", "in"}))
        self._phrase_entries = {key: e for e in entries for key in (e.word, squeeze(e.word))}

    def _split_setup(self) -> None:
        # A listed word split in two by a space ("fu ck", "sh it"), but never where the first
        # piece is an everyday word ("pen is", "the rapist", "push it").
        common = _common_words()
        plain = {f"{form[:cut]} {form[cut:]}" for form in self._key_of if len(form) >= 4
                 for cut in range(2, len(form) - 1) if form[:cut] not in common}
        self._split = Pattern("<PAIRS>", PAIRS=sorted(plain)) if plain else None
        self._heads_plain = frozenset(pair.split()[0] for pair in plain)
        self._heads_squeezed = frozenset(squeeze(head) for head in self._heads_plain)

    # -- finding ------------------------------------------------------------------------

    def find(self, post: Post) -> tuple[WordMatch, ...]:
        """Every listed word in the post, in order, once each (shared by the rules)."""
        return names.memo(post, self.key, self._find)

    def _find(self, post: Post) -> tuple[WordMatch, ...]:
        sk = skeleton(post)
        present = words(post)
        found: list[tuple[int, int, Entry]] = []  # spans in the MAPPED text
        if sk.stretched:
            keys = present & self._squeezed_keys
        else:
            listed = present & self._plain_keys  # most posts hold none
            keys = frozenset([self._key_of[form] for form in listed]) if listed else frozenset()
        if keys:
            found.extend(self._whole_words(sk, keys))
        if self._grow_pattern is not None and self._may_grow(sk, present):
            found.extend(self._grown_words(sk))
        if self._phrases is not None and self._phrase_gate.open(gate_words(post), sk.stretched):
            found.extend(self._phrase_words(post, sk))
        heads = self._heads_squeezed if sk.stretched else self._heads_plain
        if self._split is not None and not present.isdisjoint(heads):
            found.extend(self._split_words(sk))
        found.extend(self._disguised_words(post, sk.mapped))
        if "@" in sk.mapped:
            found = self._handles(sk.mapped, found)
        if not found:
            return ()
        return self._keep(post, sk, found)

    def _may_grow(self, sk: Skeleton, present: frozenset[str]) -> bool:
        """Cheap test for a word that may sit inside a longer word ("motherfucker"): look
        only in the post's words that are not everyday words, joined."""
        if sk.stretched:
            return any(key in sk.text for key in self._grow_squeezed)
        unusual = " ".join(present - _common_words())
        return self._grow_hint is not None and self._grow_hint.search(unusual) is not None

    def _grown(self, piece: str) -> Entry | None:
        """The word-start or inside-a-word entry that ``piece`` spells, allowing stretched
        letters."""
        for entry in self._grown_by_key.get(squeeze(piece), ()):
            if stretches(piece, entry.word):
                return entry
        return None

    def _lookup(self, mapped_word: str) -> Entry | None:
        """The entry whose form ``mapped_word`` is, allowing stretched letters."""
        for form, entry in self._forms.get(squeeze(mapped_word), ()):
            if stretches(mapped_word, form):
                return entry
        return None

    def _whole_words(self, sk: Skeleton, keys: Iterable[str]) -> Iterator[tuple[int, int, Entry]]:
        for key in keys:
            pattern = self._word_patterns.get(key)
            if pattern is None:
                body = "|".join(stretch_pattern(form) for form, _ in self._forms[key])
                pattern = self._word_patterns[key] = re.compile(rf"(?<![a-z])(?:{body})(?![a-z])")
            for match in pattern.finditer(sk.mapped):
                entry = self._lookup(match.group())
                if entry is not None:
                    yield match.start(), match.end(), entry

    def _grown_words(self, sk: Skeleton) -> Iterator[tuple[int, int, Entry]]:
        """Words that may start a longer word or sit inside one: reported as the whole word."""
        assert self._grow_pattern is not None
        text = sk.mapped
        for match in self._grow_pattern.finditer(text):
            entry = self._grown(match.group())
            if entry is None or self._innocent_at(text, match.start(), match.end(), entry.word):
                continue
            yield (*_word_around(text, match.start(), match.end()), entry)

    def _phrase_words(self, post: Post, sk: Skeleton) -> Iterator[tuple[int, int, Entry]]:
        assert self._phrases is not None
        for match in self._phrases.on(sk).finditer(sk.text):
            entry = self._phrase_entries.get(_WORD_SEPARATORS.sub(" ", match.group()))
            if entry is not None:
                yield (*sk.to_mapped(match.start(), match.end()), entry)

    def _split_words(self, sk: Skeleton) -> Iterator[tuple[int, int, Entry]]:
        """A listed word split in two by a space or a dash: "fu ck", "sh it"."""
        assert self._split is not None
        for match in self._split.on(sk).finditer(sk.text):
            start, end = sk.to_mapped(match.start(), match.end())
            entry = self._lookup("".join(_TOKEN.findall(sk.mapped[start:end])))
            if entry is not None:
                yield start, end, entry

    def _disguised_words(self, post: Post, mapped: str) -> Iterator[tuple[int, int, Entry]]:
        """Spelled out ("f u c k"), broken ("sh.it") and starred ("f*ck") words."""
        if skeleton(post).text is not mapped or not words(post).isdisjoint(_SINGLE_LETTERS):
            for match in _SPACED.finditer(mapped):
                start = match.start()
                if mapped[start] in "ai" and mapped[start + 1] == " " and match.end() - start >= 9:
                    start += 2  # "a f u c k i n g": the article is a word of its own
                joined = "".join(_TOKEN.findall(mapped[start:match.end()]))
                entry = self._lookup(joined)
                if entry is None and self._grow_pattern is not None:
                    # "f u c k i n g h e l l": a listed word inside a longer spelled-out run
                    inside = self._grow_pattern.search(joined)
                    entry = self._grown(inside.group()) if inside else None
                if entry is not None:
                    yield start, match.end(), entry
        done = -1
        for junction in _JUNCTION.finditer(mapped):
            if junction.start() < done:
                continue
            start = junction.start()
            while start > 0 and "a" <= mapped[start - 1] <= "z":
                start -= 1
            broken = _BROKEN.match(mapped, start)
            if broken is None:
                continue
            done = broken.end()
            entry = self._lookup("".join(_TOKEN.findall(broken.group())))
            if entry is not None:
                yield broken.start(), broken.end(), entry
        if "*" in mapped or "#" in mapped or "%" in mapped:
            for match in _STARRED.finditer(mapped):
                entry = self._starred(match.group())
                if entry is not None:
                    yield match.start(), match.end(), entry

    def _starred(self, word: str) -> Entry | None:
        """The entry a starred word stands for: "f*ck" (a whole form) or "bullsh*t" (a word
        that may sit inside a longer one)."""
        if sum(len(t) for t in _TOKEN.findall(word)) < 2:
            return None  # "f***" could be several words
        pattern = re.compile(_STAR_RUN.sub(lambda m: f"[a-z]{{0,{len(m.group())}}}", word))
        for form in self._by_first.get(word[0], ()):
            if pattern.fullmatch(form):
                return self._lookup(form)
        if self._starred_inside is None:
            return None
        for inside in self._starred_inside.finditer(word):
            piece = inside.group()
            if _STAR_RUN.search(piece) and sum(c.isalpha() for c in piece) >= 2:
                for entries in self._grown_by_key.values():
                    for entry in entries:
                        if len(entry.word) == len(piece) and all(
                                a == b or a in "*#%" for a, b in zip(piece, entry.word, strict=True)):
                            return entry
        return None

    def _handles(self, mapped: str, found: list[tuple[int, int, Entry]]) -> list[tuple[int, int, Entry]]:
        """An @handle is someone's account name, not the author's words, so nothing inside
        one counts, except an "@" that stands for an "a": "@rse" read as "arse"."""
        handles = [(m.start(), m.end()) for m in _HANDLE.finditer(mapped)]
        kept = [f for f in found if not any(s <= f[0] < e for s, e in handles)]
        for start, end in handles:
            body = mapped[start + 1:end]
            if body.isalpha():
                entry = self._lookup("a" + body)
                if entry is not None:
                    kept.append((start, end, entry))
        return kept

    # -- what to keep -------------------------------------------------------------------

    def _keep(self, post: Post, sk: Skeleton, found: list[tuple[int, int, Entry]]) -> tuple[WordMatch, ...]:
        mapped = sk.mapped
        links = [(m.start(), m.end()) for m in _LINK.finditer(mapped)] \
            if "/" in mapped or "www." in mapped else []
        kept: list[WordMatch] = []
        last_end = -1
        for start, end, entry in sorted(found, key=lambda f: (f[0], -f[1])):
            if start < last_end:
                continue  # one finding for one word, the widest
            if any(s <= start < e for s, e in links):
                continue
            if self._innocent_at(mapped, start, end, entry.word):
                continue
            if self._vetoed(mapped, start, end, entry) or self._is_name(post, start, end, entry):
                continue
            first, last = original_span(post, start, end)
            kept.append(WordMatch(first, last, entry, _disguised(post.text[first:last], entry)))
            last_end = end
        return tuple(kept)

    def _innocent_at(self, mapped: str, start: int, end: int, word: str) -> bool:
        for pattern, size in self._innocent.get(word, ()):
            for match in pattern.finditer(mapped, max(0, start - size), min(len(mapped), end + size)):
                if match.start() <= start and end <= match.end():
                    return True
        return False

    def _vetoed(self, mapped: str, start: int, end: int, entry: Entry) -> bool:
        vetoes = self._nearby.get(squeeze(entry.word))
        if not vetoes:
            return False
        lo = max(0, start - _VETO_WINDOW)
        hi = min(len(mapped), end + _VETO_WINDOW)
        before = _SENTENCE_END.split(mapped[lo:start])[-1]
        after = _SENTENCE_END.split(mapped[end:hi])[0]
        nearby = {squeeze(w) for w in _TOKEN.findall(before + " " + after)}
        return not nearby.isdisjoint(vetoes)

    def _is_name(self, post: Post, start: int, end: int, entry: Entry) -> bool:
        """"Dick Turpin", "Offa's Dyke": a listed word written as part of a name."""
        if squeeze(entry.word) not in self._names:
            return False
        first, last = post.span_of(start, end)
        word = post.text[first:last]
        if not (word[:1].isupper() and word[1:].islower()):
            return False
        return _capitalised_beside(post.text, first, last)
