"""People and businesses a post describes rather than names (:func:`descriptions`), and
capitalised names nothing else places (:func:`proper_names`)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache

from civicpost.engine.names.gates import _FUNCTION_WORDS, key_words, phrase_gate
from civicpost.engine.names.people import (
    _COUNCILLOR_TITLES,
    _HONORIFICS,
    _NOT_IN_BUSINESS,
    _RUN,
    _TOKEN,
    _TOKEN_SPLIT,
    BUSINESS,
    COUNCILLOR,
    PERSON,
    PROPER,
    Mention,
    _bare,
    _business_words,
    _dedupe,
    _given,
    _is_name,
    _name_end,
    _not_names,
    _role_words,
    _starts_word,
    mentions,
    runs,
)
from civicpost.engine.names.phrases import expanded_terms, phrase_pattern
from civicpost.engine.names.shared import folded_slice, memo, word_set
from civicpost.engine.post import Post

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
        match = _OCCUPATION.search(folded_slice(post, piece_start, run.start()))
        if match is not None:
            yield piece_start + match.start(), run.start()




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
