"""Freedom of Information requests: recognising one, and saying whether it is valid.

A request for recorded information made in writing to a public authority is a request under
the Freedom of Information Act whether or not it names the Act (FOIA s.8), and a Facebook
comment, a tweet or a direct message is writing. So a request is recognised three ways:

* the Act named in a request's words: "FOI request:", "under the Freedom of Information
  Act", "please treat this as an FOI request" (``lexicons/triage_foi_named.txt``);
* words that ask for something to be provided (``triage_foi_asks.txt``) followed in the same
  sentence by recorded information (``triage_foi_records.txt``): "please send me all the
  invoices for ...", "can you provide a copy of the minutes", "I'd like to see the contract";
  a routine item ("a copy of the application form", "the bus timetable",
  ``triage_foi_routine.txt``) is not recorded information in this sense;
* a question about what the council spent, paid or received: "how much did the council pay
  for the new website?", "what did the jubilee cost?".

A request is valid (s.8) when it gives the requester's real name, an address for
correspondence and a description of the information. :func:`foi_validity` says which of the
three a message has, and what the Clerk should ask for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from civicpost.engine import names
from civicpost.engine.context import Context
from civicpost.engine.lexicons import load_terms
from civicpost.engine.post import Post
from civicpost.engine.triage.cues import Cue, CueList, quote
from civicpost.engine.triage.result import FoiValidity

_NAMED = CueList("triage_foi_named")
_ASKS = CueList("triage_foi_asks")
_RECORDS = CueList("triage_foi_records", default_kind="record")
_ROUTINE = CueList("triage_foi_routine")
_MOST_WORDS_BETWEEN = 8
_ROUTINE_WITHIN = 4

# "FOI request:", "Freedom of Information request - ...", "FOI please:", "EIR request for ..."
_FRAME_AFTER = re.compile(
    r"\s*(?:act\s*(?:2000|2004)?\s*)?(?:(?:request|requests|req|enquiry)\s*(?:please\s*)?"
    r"(?:[:\-–—]|(?:for|regarding|about|concerning|re)\b)|[:\-–—]|please\b)", re.IGNORECASE)
# "Under the Freedom of Information Act", "please treat this as an FOI request", "I'd like to
# make a Freedom of Information request".
_FRAME_BEFORE = re.compile(
    r"(?:\b(?:under|using|via|in\s+line\s+with|in\s+accordance\s+with|pursuant\s+to)\s+"
    r"(?:the\s+|section\s+1\s+of\s+the\s+|s\.?\s*1\s+of\s+the\s+)?"
    r"|\b(?:treat|treated|consider|considered|regard|take|accept|log|handle|deal\s+with)\s+"
    r"(?:this|it|my\s+\w+|the\s+above|the\s+following)\s+as\s+(?:a|an)\s+(?:formal\s+|new\s+)?"
    r"|\b(?:this\s+is|i\s+am\s+making|i['’]?m\s+making|(?:i['’]?d|i\s+would|i\s+wish|i\s+want)\s+"
    r"(?:like\s+)?to\s+(?:make|submit|put\s+in|raise|lodge)|i['’]?m\s+submitting|i\s+am\s+submitting)"
    r"\s+(?:a|an|my)\s+(?:formal\s+|new\s+)?)$", re.IGNORECASE)
_SPENDING = (
    # "how much did the council pay for ...", "how much has been paid to ...", "how much the
    # party cost the taxpayer" (but not "how much does it cost to hire the hall").
    re.compile(r"\bhow\s+much\s+(?:money\s+)?(?:(?:did|has|have|had|was|were)\b[^.?!\n]{0,80}?"
               r"\b(?:spend|spent|cost|pay|paid|charge|charged|budget(?:ed)?|allocated?|receive[d]?"
               r"|award(?:ed)?|give|given|gave|raised?|owed?|lost)\b"
               r"|[^.?!\n]{0,80}?\b(?:spent|paid|costed|budgeted|allocated|awarded)\b"
               r"|(?!does\b|do\b|will\b|would\b|is\b|are\b|it\b)[^.?!\n]{0,80}?\bcost\b(?!\s+to\b))",
               re.IGNORECASE),
    # "what did the jubilee celebrations cost?", "what was the winning tender price?"
    re.compile(r"\bwhat\s+(?:did|was|were|has|have|had)\b[^.?!\n]{0,60}?"
               r"\b(?:cost|costs|price|spend|spending|bill|budget|fee|fees|total|paid)\b", re.IGNORECASE),
    # "how many parking fines were issued last month?"
    re.compile(r"\bhow\s+many\b[^.?!\n]{0,60}?\b(?:were|was|have\s+been|has\s+been|had\s+been)\s+"
               r"(?:issued|received|made|reported|recorded|employed|awarded|given|sold|logged|submitted"
               r"|lodged|spent|paid|fined|removed|felled|closed)\b", re.IGNORECASE),
)
_SPENDING_GATE = frozenset({"much", "what", "many"})


@dataclass(frozen=True)
class FoiRequest:
    """Where a message makes an FOI request, how, and the words that describe what it asks for."""

    start: int
    end: int
    why: str
    description: str | None


def find_foi(post: Post) -> FoiRequest | None:
    """The FOI request the message makes, or None (computed once per message)."""
    return names.memo(post, "triage:foi", _find_foi)


def _find_foi(post: Post) -> FoiRequest | None:
    asked = _asked_for(post)
    named = _named_in_request(post)
    if named is not None:
        description = asked.description if asked else _rest_of_sentence(post, named.end)
        why = f"{quote(post.text, named.start, named.end)} names the Act in a request"
        return FoiRequest(named.start, named.end, why, description)
    return asked


def _named_in_request(post: Post) -> Cue | None:
    text = post.text
    for cue in _NAMED.find(post):
        sentence_start = names.sentence_of(post, cue.start)[0]
        before = text[max(sentence_start, cue.start - 60):cue.start]
        if _FRAME_BEFORE.search(before) or _FRAME_AFTER.match(text, cue.end):
            return cue
    return None


def _asked_for(post: Post) -> FoiRequest | None:
    found = _asked_for_records(post)
    if found is not None:
        return found
    if _SPENDING_GATE.isdisjoint(names.word_set(post)):
        return None
    for pattern in _SPENDING:
        match = pattern.search(post.text)
        if match:
            start, end = match.span()
            why = (f"{quote(post.text, start, end)} asks what the council spent or paid: a request "
                   "for recorded information (FOIA s.8)")
            return FoiRequest(start, end, why, _sentence_text(post, start))
    return None


def _asked_for_records(post: Post) -> FoiRequest | None:
    asks = _ASKS.find(post)
    if not asks:
        return None
    records = _RECORDS.find(post)
    if not records:
        return None
    routine = _ROUTINE.find(post)
    text = post.text
    for ask in asks:
        sentence_end = names.sentence_of(post, ask.start)[1]
        for record in records:
            if record.start < ask.end or record.start >= sentence_end:
                continue
            if names.words_between(post, ask.end, record.start) > _MOST_WORDS_BETWEEN:
                break
            if text[max(0, record.start - 3):record.start].lower() == "to ":
                continue  # "I'd like to report a fault", "I want to spend": a verb, not a record
            if any(r.start >= record.start and r.start < sentence_end
                   and names.words_between(post, record.end, r.start) <= _ROUTINE_WITHIN for r in routine):
                continue  # "a copy of the application form"
            why = (f"{quote(text, ask.start, record.end)} asks for recorded information: a Freedom "
                   "of Information request even without naming the Act (FOIA s.8)")
            return FoiRequest(ask.start, record.end, why, _rest_of_sentence(post, record.start))
    return None


_LEADING_PLEASE = re.compile(r"^(?:please\b)?[\s:\-–—,]*", re.IGNORECASE)


def _rest_of_sentence(post: Post, start: int) -> str | None:
    end = names.sentence_of(post, start)[1]
    words = _LEADING_PLEASE.sub("", post.text[start:end].strip(" \t\n:-–—.?!,;"))
    return " ".join(words.split()) if len(words.split()) >= 2 else None


def _sentence_text(post: Post, position: int) -> str:
    start, end = names.sentence_of(post, position)
    return " ".join(post.text[start:end].split())


# --------------------------------------------------------------------------- validity

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s?[0-9][A-Z]{2}\b", re.IGNORECASE)
_HOUSE = re.compile(r"\b\d{1,4}[A-Za-z]?,?\s+[A-Z][A-Za-z'’\-]+(?:\s+[A-Z][A-Za-z'’\-]+)*")
_NAME_TOKEN = r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*"
_SIGN_OFF = re.compile(
    r"(?:\b(?:regards|thanks|thank\s+you|many\s+thanks|cheers|best\s+wishes|best|sincerely|"
    r"faithfully|signed|from|my\s+name\s+is|i\s+am|i['’]m)\b[,.:!\s-]*|^\s*|[\n—–-]\s*|[.!?]\s+)"
    rf"(?P<name>{_NAME_TOKEN}(?:\s+(?:[A-Z]\.?\s+)?{_NAME_TOKEN}){{1,2}})"
    r"(?=\s*(?:$|[,(\n]|\s+\d|\s+[A-Za-z0-9._%+\-]+@))", re.IGNORECASE | re.MULTILINE)


@lru_cache(maxsize=1)
def _pseudonym_words() -> frozenset[str]:
    return frozenset(load_terms("triage_pseudonyms"))


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    return frozenset(load_terms("names_given"))


def looks_like_real_name(name: str | None) -> bool:
    """True for a display name that reads as a person's full name ("Ravi Chauhan", "Kevin
    O'Neill"), false for a pseudonym, a handle or a first name alone ("Loughton Resident",
    "ParishWatch", "Mum of 3", "Dave")."""
    if not name:
        return False
    tokens = name.replace("’", "'").split()
    if not 2 <= len(tokens) <= 4:
        return False
    for token in tokens:
        bare = token.strip(".,")
        if not re.fullmatch(r"[A-Za-z][A-Za-z'\-]*\.?", bare) or bare.lower() in _pseudonym_words():
            return False
        if not bare[0].isupper():
            return False
    return True


def _name_in_text(text: str) -> str | None:
    """A name the message is signed with: after "Regards," or "Thanks,", or on a line of its
    own, followed by nothing but an address. A common given name is required unless the name
    ends the message or an address follows it ("Jo Marsh, jo@example.com")."""
    for match in _SIGN_OFF.finditer(text):
        candidate = match.group("name")
        tokens = [t.lower().strip(".") for t in candidate.split()]
        if not looks_like_real_name(candidate) or tokens[-1] in _street_words():
            continue  # "Forest Road is closed"
        rest = text[match.end("name"):].strip(" ,.;:()-\n")
        if tokens[0] in _given_names() or not rest or _EMAIL.match(rest) or _HOUSE.match(rest):
            return candidate
    return None


@lru_cache(maxsize=1)
def _street_words() -> frozenset[str]:
    return frozenset(load_terms("pd_street_suffixes")) | {"council", "hall", "library", "centre", "church"}


def _address_in_text(text: str) -> str | None:
    email = _EMAIL.search(text)
    if email:
        return email.group()
    postcode = _POSTCODE.search(text)
    if postcode:
        house = None
        for match in _HOUSE.finditer(text, max(0, postcode.start() - 80), postcode.start()):
            house = match
        if house is not None:
            return " ".join(text[house.start():postcode.end()].split())
    return None


def foi_validity(text: str, author_name: str | None = None, author_handle: str | None = None,
                 *, handle_is_address: bool = False) -> FoiValidity:
    """Which of the three things FOIA s.8 asks of a request this message has: the
    requester's real name (the author's display name, or a name it is signed with), an
    address for correspondence (an e-mail or postal address in the message; a social-media
    handle alone is not one unless ``handle_is_address``, which a council may choose on its
    own advice), and a description of the information."""
    post = Post(text, Context())
    return validity_of(post, find_foi(post), author_name, author_handle, handle_is_address)


def validity_of(post: Post, request: FoiRequest | None, author_name: str | None,
                author_handle: str | None, handle_is_address: bool = False) -> FoiValidity:
    """:func:`foi_validity` for a message already read, with the request found in it."""
    text = post.text
    name = _name_in_text(text)
    if name is None and author_name and looks_like_real_name(author_name):
        name = " ".join(author_name.split())
    address = _address_in_text(text)
    if address is None and handle_is_address and author_handle:
        address = author_handle
    description = request.description if request else None
    return FoiValidity(name, address, description, _note(name, address, description, author_name,
                                                         author_handle))


def _note(name: str | None, address: str | None, description: str | None,
          author_name: str | None, author_handle: str | None) -> str:
    if name and address and description:
        return (f"A valid request (FOIA s.8): it gives a name ({name}), an address for "
                f"correspondence ({address}) and describes the information.")
    asks = []
    if name is None:
        shown = author_name or author_handle
        asks.append(f"the requester's real name ({shown!r} does not read as one)" if shown
                    else "the requester's real name")
    if address is None:
        asks.append("an e-mail or postal address for the reply"
                    + (" (a social-media handle alone is not one)" if author_handle else ""))
    if description is None:
        asks.append("a clearer description of the information wanted")
    return ("Not yet a valid request under FOIA s.8. Reply promptly and ask for "
            + "; ".join(asks) + ". The council must advise and assist the requester (s.16).")
