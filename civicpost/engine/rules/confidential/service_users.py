"""CF004 information about an individual who uses a council service."""

from __future__ import annotations

import re
from collections.abc import Iterator

from civicpost.engine import names
from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_pairs, load_terms
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.confidential.common import (
    _ASK,
    _RISK,
    _in_window,
    _matches,
    _near,
    _targets_near,
)
from civicpost.engine.text import fold

_SERVICE_USERS_LAW = ("information about service users is confidential, exempt information (Local "
                      "Government Act 1972 Sch 12A) and personal data.")
_SERVICE_USE = {names.spaced_phrase(k): v for k, v in load_pairs("cf_service_terms").items()}
_SERVICE = names.compile_terms("cf_service_terms")
_SERVICE_PHRASE_GATE = names.phrase_gate("cf_service_terms")
_USERS = re.compile(r"(?<![a-z])(?:the|this|that|one|a\s+particular)\s+(?:" +
                    names.phrase_pattern(load_terms("cf_service_users")) + ")")
# Details that pick out one household or plot: "plot 14", "number 12", "flat 3", "4 Elm Road"
# (a house number never starts with 0, so "our number 01632 ..." is not one).
_LOCATOR = re.compile(r"(?<![a-z0-9])(?:plot\s*(?:no\.?\s*|number\s*)?[1-9]\d{0,3}[a-z]?|"
                      r"(?:number|no\.)\s*[1-9]\d{0,3}[a-z]?|flat\s*[1-9]\d{0,3}[a-z]?|"
                      r"[1-9]\d{0,3}[a-z]?\s+[a-z]+\s+(?:road|street|lane|close|avenue|drive|way|"
                      r"crescent|gardens|place|court|grove|hill|rise|walk|row|terrace|mews|green))"
                      r"(?![a-z0-9])")
_SERVICE_GATE = names.key_words("cf_service_terms")
_SERVICE_BEFORE = 12
_SERVICE_AFTER = 8

# Use of a service by someone: "three residents on our befriending list", "the family who
# use our foodbank vouchers", "Mr X from our lunch club", "meals on wheels client Mrs Hart".
_SERVICES = names.phrase_pattern(load_terms("cf_services"))
_SERVICES_PHRASE_GATE = names.phrase_gate("cf_services")
_SENSITIVE = {names.spaced_phrase(k) for k, v in load_pairs("cf_services").items() if v == "sensitive"}
_MEMBERSHIP = re.compile(
    rf"(?<![a-z])(?:(?:on|from|in|at|of|with)\s+(?:our|the|your)\s+(?P<s1>{_SERVICES})(?:\s+(?:list|"
    r"scheme|service|club|group|register|rota|round))?|(?:who|that)\s+(?:use|uses|used|attend|attends|"
    r"attended|rely\s+on|relies\s+on|relied\s+on|get|gets|got|receive|receives|received|collect|collects|"
    r"collected|visit|visits|come\s+to|comes\s+to|came\s+to|goes\s+to|go\s+to|went\s+to|has\s+been\s+using|"
    r"have\s+been\s+using)\s+(?:our|the)\s+"
    rf"(?P<s2>{_SERVICES})|(?:using|attending|relying\s+on|receiving|is\s+on|are\s+on|was\s+on|were\s+on|"
    r"signed\s+up\s+to|registered\s+with|referred\s+to|referred\s+for|started\s+using|a\s+regular\s+at|"
    r"regulars\s+at|applied\s+for|applying\s+for|asked\s+(?:us\s+)?for|(?:has|have|had)\s+been\s+given|"
    r"(?:was|were)\s+given|been\s+awarded|(?:was|were)\s+awarded|received|needed|needs|relies\s+on|"
    rf"depends\s+on|had\s+to\s+use|has\s+to\s+use)\s+(?:our|the|a|an)\s+(?P<s3>{_SERVICES})|(?P<s4>{_SERVICES})\s+(?:clients?|users?|"
    r"members?|regulars?|recipients?|customers?|families|households?|referrals?|visitors?|guests?))"
    r"(?![a-z])")
_MEMBERSHIP_GATE = names.key_words("cf_services")
_AFFILIATION = re.compile(r"(?:from|at|of|with)\s")
_CIRCUMSTANCE = names.compile_terms("cf_circumstances")
# A few people counted, or one described: "three residents", "one of our", "a lady".
_FEW_PEOPLE = re.compile(
    r"(?<![a-z0-9])(?:(?:one|two|three|four|five|[1-5]|a\s+couple|a\s+few)\s+(?:of\s+(?:our|the)\s+)?"
    r"(?:[a-z]+\s+)?(?:residents?|people|members?|users?|clients?|families|family|households?|pensioners?|"
    r"tenants?|neighbours?|regulars?|couples?|ladies|lady|gentlemen|gentleman|men|man|women|woman|"
    r"children|kids|customers?|guests?|visitors?)|(?:a|the|this|that|one)\s+(?:\w+\s+)?(?:lady|gentleman|man|"
    r"woman|family|couple|pensioner|widow|widower|resident|household|tenant|gent|chap|bloke|mum|dad|"
    r"mother|father|boy|girl|child))(?![a-z])")
# Someone named as the person to contact or to leave things with is a helper, not a user:
# "donations can be left with Sheila at the library", "call Jane on ...", "thanks to Tom".
_HELPER_BEFORE = re.compile(
    r"(?<![a-z])(?:left\s+with|leave\s+(?:them\s+|it\s+)?with|drop\s+(?:them\s+|it\s+)?off\s+with|dropped\s+"
    r"off\s+with|hand(?:ed)?\s+(?:them\s+|it\s+)?(?:in\s+)?to|give\s+(?:them\s+|it\s+)?to|contact|call|ring|"
    r"phone|email|e-mail|message|text|speak\s+to|talk\s+to|ask\s+for|thanks\s+to|thank\s+you\s+to|"
    r"thank\s+you|thanks|volunteer|volunteers|co-?ordinator|organiser|organised\s+by|run\s+by|led\s+by|"
    r"hosted\s+by|collect(?:ed)?\s+(?:them\s+|it\s+)?from|with\s+help\s+from|helped\s+by|chef|cook|"
    r"driver|manager|leader|chair|chairman|treasurer|secretary)\s+(?:\S+\s+){0,2}$")
_HELPING = re.compile(r"(?<![a-z])(?:collecting|collected|running|ran|runs|organising|organised|organises|"
                      r"volunteering|volunteered|volunteers|helping|helped|helps|cooking|cooked|driving|drove|"
                      r"delivering|delivered|delivers|serving|served|handing\s+out|handed\s+out|giving\s+out|"
                      r"gave|donating|donated|donates|taking\s+donations|co-?ordinating|co-?ordinated|leading|"
                      r"led|hosting|hosted|sorting|sorted|packing|packed|fundraising|raising|raised|set\s+up|"
                      r"founded|started|launched|opened|manages|managed|managing)(?![a-z])")
_HELPER_AFTER = re.compile(
    r"^\s*(?:,\s*(?:our|the)\s+(?:\w+\s+)?(?:volunteer|co-?ordinator|organiser|manager|leader|chef|cook|"
    r"driver|chair|treasurer)|(?:will|can|is|who)\s+(?:be\s+)?(?:collecting|collect|cooking|cook|running|run|"
    r"organising|organise|driving|drive|helping|help|taking|take|co-?ordinating|volunteering|there|on\s+hand|"
    r"available|happy)|runs|organises|co-?ordinates|volunteers|cooks|drives|thanks|says|said)(?![a-z])")


@register
class ServiceUserInformation(Rule):
    """Details of an individual who uses a council or community service.

    Looks for two things. First, an identifiable person shown to use a service where that
    says something private about them: "three residents on our befriending list", "the
    family at the end of Pump Lane who use our foodbank vouchers", "meals on wheels client
    Mrs Hart", "the Smiths at number 4 have asked for a hardship grant"; and, for services
    that say less on their own (a lunch club, allotments, community transport), only with a
    private circumstance beside it ("Mr X from our lunch club has moved into a care home").
    Second, arrears, evictions, complaints, objections, withheld deposits, safeguarding or
    homelessness next to an identifiable person: a name, an identifying detail ("plot 14",
    "number 12 Forest Road"), or "the tenant"/"the hirer" with words that describe one case
    ("the hirer complained", "the tenant is in arrears").

    General information stays clear ("Over 200 families used our food bank this winter",
    "Allotment rents are due on 1 October", "If you are in rent arrears, contact Citizens
    Advice"), and so do the people who run or help a service ("donations can be left with
    Sheila at the library", "Jane from the food bank will be collecting at the market").

    **Why it matters:** the policy forbids publishing "information about service users"
    (Ludgershall §5), and information about an individual is exempt information (Local
    Government Act 1972 Sch 12A) and personal data.

    **Avoid:** "The tenant of plot 14 is £60 in arrears and will get a notice to quit."

    **Write instead:** "A reminder that allotment rents were due on 1 October."
    """

    code = "CF004"
    title = "Service-user information"

    def find(self, post: Post) -> Iterator[Hit]:
        words = names.word_set(post)
        found = list(self._members(post)) if words & _MEMBERSHIP_GATE else []
        if words & _SERVICE_GATE:
            found.extend(self._details(post))
        last_end = -1
        for start, end, message in sorted(found):
            if start < last_end:
                continue
            last_end = end
            yield Hit(start, end, message,
                      Fix("Remove the individual's details; post general information instead."))

    def _members(self, post: Post) -> Iterator[tuple[int, int, str]]:
        """Someone identifiable shown to use a service, where that says something private."""
        if not _SERVICES_PHRASE_GATE.open(post):  # every match names a service
            return
        for start, end, phrase in names.find_phrases(post, _MEMBERSHIP):
            whole = _MEMBERSHIP.fullmatch(phrase)
            service = names.spaced_phrase(next((g for g in whole.groups() if g), "")) if whole else ""
            s_start, s_end = names.window(post, start, end, 300, 300)
            # "Jane from the food bank" may run it: only a private circumstance makes her a user.
            sensitive = service in _SENSITIVE and not _AFFILIATION.match(phrase)
            if not sensitive and not _CIRCUMSTANCE.search(fold(post.text[s_start:s_end]).text):
                continue
            who = _near(post, start, end, self._users(post, start, end), _SERVICE_BEFORE, _SERVICE_AFTER)
            if who is None:
                continue
            said = " ".join(post.text[start:end].split())
            yield (start, end, f"“{said}” shows that {names.describe(who)} uses a service, with details "
                   f"that are theirs to share, not the council's. {_RISK}: {_SERVICE_USERS_LAW} {_ASK}")

    @staticmethod
    def _users(post: Post, start: int, end: int) -> list[names.Mention]:
        w_start, w_end = names.window(post, start, end, 200, 200)
        found = [m for m in _targets_near(post, start, end, (names.PERSON, names.GIVEN, names.COUNCILLOR))
                 if m.kind != names.COUNCILLOR]
        found += [m for m in names.inside(names.descriptions(post), (w_start, w_end))
                  if m.kind == names.PERSON]
        found += _in_window(post, start, end, names.memo(post, "cf_locators", _locators))
        found += _in_window(post, start, end, names.memo(post, "cf_few", _few_people))
        return [m for m in found if not _helper(post, m)]

    def _details(self, post: Post) -> Iterator[tuple[int, int, str]]:
        if not _SERVICE_PHRASE_GATE.open(post):
            return
        for start, end, phrase in names.find_phrases(post, _SERVICE):
            case = _SERVICE_USE.get(names.spaced_phrase(phrase)) == "case"
            who = _near(post, start, end, self._individuals(post, start, end, case),
                        _SERVICE_BEFORE, _SERVICE_AFTER)
            if who is None:
                continue
            said = " ".join(post.text[start:end].split())
            yield (start, end, f"“{said}” is information about an individual who uses a council "
                   f"service ({names.describe(who)}). {_RISK}: {_SERVICE_USERS_LAW} {_ASK}")

    @staticmethod
    def _individuals(post: Post, start: int, end: int, case: bool) -> list[names.Mention]:
        found = [m for m in _targets_near(post, start, end, (names.PERSON, names.GIVEN))
                 if not _helper(post, m)]
        w_start, w_end = names.window(post, start, end, 200, 200)
        # "the man at number 12", "the family at the end of Pump Lane"
        found += [m for m in names.inside(names.descriptions(post), (w_start, w_end))
                  if m.kind == names.PERSON and not _helper(post, m)]
        found.extend(_in_window(post, start, end,
                                names.memo(post, "cf_locators", _locators)))
        if case:
            found.extend(_in_window(post, start, end,
                                    names.memo(post, "cf_users", lambda p: _matches(p, _USERS))))
            found.extend(_in_window(post, start, end, names.memo(post, "cf_few", _few_people)))
        return found


def _locators(post: Post) -> list[names.Mention]:
    return _matches(post, _LOCATOR)


def _few_people(post: Post) -> list[names.Mention]:
    return _matches(post, _FEW_PEOPLE)


def _helper(post: Post, mention: names.Mention) -> bool:
    """True when a named person is the one to contact or to leave things with, not a user."""
    before = fold(post.text[max(0, mention.start - 40):mention.start]).text
    after = fold(post.text[mention.end:mention.end + 40]).text
    return _HELPER_BEFORE.search(before) is not None or _HELPER_AFTER.search(after) is not None \
        or _HELPING.search(fold(post.text[mention.end:mention.end + 70]).text) is not None
