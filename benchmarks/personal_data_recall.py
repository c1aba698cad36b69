"""Recall of the personal-data rules on generated UK phone numbers, postcodes and e-mails.

    python benchmarks/personal_data_recall.py [--per-kind N] [--seed S] [--show-misses K]

Generates many phone numbers (mobiles, landlines with area codes of every length, London 020,
non-geographic 03 and 08, the Ofcom drama ranges) in every common layout (spaces, none, dashes,
dots, brackets round the area code, +44, +44 (0), 0044), full postcodes of all six outward
formats (with and without the space, upper and lower case) and e-mail addresses (free-mail and
private domains), puts each into a sentence a council might post, and runs the PD rules.

A phone number or e-mail counts as caught when a PD001 / PD002 finding covers it exactly; a
postcode when a PD004 finding covers it or the PD003 finding of the home address it ends does
(PD003 reports an address and its postcode once). Then every PD rule runs on look-alike
strings that are not personal data (dates, times, prices, years, planning and grid references,
reference numbers, road names, the council's own contacts), and any finding is a false
positive. The target (DESIGN.md): recall ≥ 0.98 for each of phone, postcode and e-mail.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from civicpost.engine import Context, all_rules  # noqa: E402
from civicpost.engine.post import Post  # noqa: E402

TARGET = 0.98

# --- phone numbers ---------------------------------------------------------------------

# Area codes (without the 0) and how many digits the local number has.
_AREAS = (
    [(code, 8) for code in ("20", "23", "24", "28", "29")]
    + [(code, 7) for code in ("113", "114", "115", "116", "117", "118", "121", "131", "141",
                              "151", "161", "191")]
    + [(code, 6) for code in ("1992", "1223", "1865", "1273", "1603", "1332", "1902", "1708",
                              "1483", "1904", "1206", "1245", "1279", "1371", "1702", "1442")]
    + [(code, 5) for code in ("13873", "15242", "15394", "15395", "16973", "16974", "17683",
                              "17684", "17687", "19467")]
)
_NON_GEOGRAPHIC = ("300", "303", "330", "333", "343", "344", "345", "370", "800", "808")
# Ofcom's ranges for drama and examples: prefix (without the 0) and the area code's length.
_DRAMA = (("7700900", 4), ("1632960", 4), ("2079460", 2), ("1134960", 3), ("1614960", 3),
          ("1214960", 3), ("1914980", 3), ("2896496", 2), ("2920180", 2), ("8081570", 3),
          ("3069990", 3))
_MOBILE_BLOCKS = ("71", "72", "73", "74", "75", "77", "78", "79")


def _digits(rng: random.Random, count: int, first: str = "2345678") -> str:
    if count == 0:
        return ""
    return rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(count - 1))


def _national(rng: random.Random) -> tuple[str, int, str]:
    """A national significant number, the length of its area code, and its kind."""
    kind = rng.choice(("mobile", "landline", "landline", "non-geographic", "drama"))
    if kind == "mobile":
        return "7" + rng.choice(_MOBILE_BLOCKS)[1] + _digits(rng, 8, "0123456789"), 4, kind
    if kind == "landline":
        area, local = rng.choice(_AREAS)
        return area + _digits(rng, local), len(area), kind
    if kind == "non-geographic":
        return rng.choice(_NON_GEOGRAPHIC) + _digits(rng, 7, "0123456789"), 3, kind
    prefix, area = rng.choice(_DRAMA)
    return prefix + _digits(rng, 10 - len(prefix), "0123456789"), area, kind


def _groups(national: str, area: int) -> list[str]:
    """The usual written grouping: 020 7946 0958, 0161 496 0000, 01992 564000, 07700 900123."""
    rest = national[area:]
    if len(rest) == 8:
        return [national[:area], rest[:4], rest[4:]]
    if len(rest) == 7:
        return [national[:area], rest[:3], rest[3:]]
    return [national[:area], rest]


def format_phone(rng: random.Random, national: str, area: int) -> str:
    groups = _groups(national, area)
    first, others = groups[0], groups[1:]
    style = rng.randrange(13)
    if style == 0:
        return " ".join(["0" + first, *others])
    if style == 1:
        return "0" + national
    if style == 2:
        return "-".join(["0" + first, *others])
    if style == 3:
        return ".".join(["0" + first, *others])
    if style == 4:
        return f"(0{first}) " + " ".join(others)
    if style == 5:
        return "+44 " + " ".join(groups)
    if style == 6:
        return "+44 (0)" + " ".join(groups)
    if style == 7:
        return "0044 " + " ".join(groups)
    if style == 8:
        return "+44" + national
    if style == 9:
        # "01992 564 000", "07700 900 123": the last group split in threes
        tail = "".join(others)
        return " ".join(["0" + first, tail[:-3], tail[-3:]])
    if style == 10:
        return "+44 (0) " + " ".join(groups)
    if style == 11:
        return "(+44) " + " ".join(groups)
    # "0207 946 0958" for London, otherwise dashes between every group
    if national.startswith("20") and len(national) == 10:
        return f"0{national[:3]} {national[3:6]} {national[6:]}"
    return "0" + first + "-" + "-".join(others)


PHONE_TEMPLATES = (
    "For a lift to the lunch club ring Jean on {}.",
    "Lost dog found near the rec, call me on {} if he's yours",
    "Any questions, text Dave: {}",
    "Contact Mrs Harris ({}) to book a table for the quiz night.",
    "{} is the number to ring for the allotment keys, ask for Bob.",
    "Volunteers needed for the litter pick!\nPhone: {}\nThank you 🌳",
    "Our new warden can be reached on {}, weekdays only.",
    "📞 {} — call after 6pm",
)

# --- postcodes -------------------------------------------------------------------------

# Real postcode areas: the one-letter ones, and the two-letter ones of England and Wales.
_ONE_LETTER = ("B", "E", "G", "L", "M", "N", "S", "W")
_TWO_LETTER = (
    "AL BA BB BD BH BL BN BR BS CA CB CF CH CM CO CR CT CV CW DA DE DH DL DN DT DY EC EN EX "
    "FY GL GU HA HD HG HP HR HU HX IG IP KT LA LD LE LL LN LS LU ME MK NE NG NN NP NR NW OL OX "
    "PE PL PO PR RG RH RM SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TF TN TQ TR TS TW UB WA "
    "WC WD WF WN WR WS WV YO").split()
_THIRD = "ABCDEFGHJKPSTUW"
_FOURTH = "ABEHMNPRVWXY"
_INWARD = "ABDEFGHJLNPQRSTUWXYZ"


def postcode(rng: random.Random) -> str:
    shape = rng.randrange(6)
    digit = str(rng.randrange(1, 10))
    if shape == 0:  # A9: M1
        outward = rng.choice(_ONE_LETTER) + digit
    elif shape == 1:  # A99: B33
        outward = rng.choice(_ONE_LETTER) + digit + str(rng.randrange(10))
    elif shape == 2:  # A9A: W1A
        outward = rng.choice(_ONE_LETTER) + digit + rng.choice(_THIRD)
    elif shape == 3:  # AA9: CR2
        outward = rng.choice(_TWO_LETTER) + digit
    elif shape == 4:  # AA99: IG10
        outward = rng.choice(_TWO_LETTER) + digit + str(rng.randrange(10))
    else:  # AA9A: EC1A
        outward = rng.choice(_TWO_LETTER) + digit + rng.choice(_FOURTH)
    inward = str(rng.randrange(10)) + rng.choice(_INWARD) + rng.choice(_INWARD)
    layout = rng.randrange(4)
    code = f"{outward} {inward}" if layout in (0, 2) else outward + inward
    return code.lower() if layout >= 2 else code


POSTCODE_TEMPLATES = (
    "Well done to the family at {} for the best-kept garden!",
    "A parcel for {} was left at the Council Offices by mistake.",
    "Residents of {} have reported a burst water main.",
    "Please send your entry to Jean Harris, 12 Smith Close, Loughton {} by Friday.",
    "The lost cat was last seen near {} on Tuesday.",
    "Jean Harris\n4a Church Lane\nDebden\n{}",
    "Delivery address: Flat 3, 27 High Road, Epping, Essex, {}",
    "Who left the skip outside {}?",
)

# --- e-mail addresses ------------------------------------------------------------------

_FIRST_NAMES = ("jane", "john", "priya", "mohammed", "sarah", "tom", "olga", "dave", "aisha", "bob")
_SURNAMES = ("smith", "harris", "patel", "obrien", "khan", "jones", "nowak", "williams", "lee")
_FREE = ("gmail.com", "googlemail.com", "hotmail.com", "hotmail.co.uk", "outlook.com",
         "live.co.uk", "yahoo.co.uk", "yahoo.com", "btinternet.com", "icloud.com", "aol.com",
         "sky.com", "virginmedia.com", "talktalk.net", "protonmail.com", "me.com", "ntlworld.com")
_PRIVATE = ("smithfamily.co.uk", "harris-design.com", "jbloggs.me.uk", "forestplumbing.co.uk",
            "patel.org.uk", "example.org", "mail.harrisfamily.net", "nowak.uk")


def email(rng: random.Random) -> str:
    first, last = rng.choice(_FIRST_NAMES), rng.choice(_SURNAMES)
    local = rng.choice((f"{first}.{last}", first + last, f"{first[0]}.{last}", f"{first}_{last}",
                        f"{first}.{last}{rng.randrange(1, 99)}", f"{first}-{last}",
                        f"{first}+quiz", f"{last}{first[0]}"))
    domain = rng.choice(_FREE if rng.random() < 0.6 else _PRIVATE)
    address = f"{local}@{domain}"
    if rng.random() < 0.2:
        address = address.title()  # Jane.Smith@Gmail.Com
    return address


EMAIL_TEMPLATES = (
    "Send your entries to {}.",
    "Email {} with any questions",
    "Questions? Contact Jane ({}) before Friday.",
    "{} is running the raffle this year.",
    "Reply to <{}> to book a stall.",
    "Raffle tickets from Bob: {}\nThanks!",
    "For the minibus rota email {}, not the office.",
    "Contact: {}; phone the office for anything else.",
)

# --- look-alikes that are not personal data --------------------------------------------

COUNCIL = {"council_contacts": ["01992 564000", "loughton-tc.gov.uk",
                                "Lopping Hall, 205 High Road, Loughton IG10 4LF"]}

LOOK_ALIKES = (
    "The next meeting is on 12/03/2024 at 19:30 in the Council Chamber.",
    "Full Council: Tuesday 12.03.2024, 7.30pm. Agenda published 2024-03-05.",
    "The library is open 10.00-16.00 Monday to Friday and 09:00 - 12:30 on Saturdays.",
    "The precept for 2024/25 is £1,234,567.89, up from £1,150,000 in 2023-2024.",
    "Grants of up to £2,500 are open until 31 March 2025.",
    "The war memorial lists 112 names from 1914-1918 and 1939-1945.",
    "Planning application EPF/1234/23 (extension) and EPF/0123/2024 were discussed.",
    "Application 24/01234/FUL and UTT/24/1234/HHF are out for consultation until 14 May.",
    "The footpath runs from grid ref TQ 4235 9871 to TQ42359871 near the forest.",
    "Crime reference 42/123456/24 has been passed to Essex Police.",
    "Registered charity no. 1123456. Company no. 01234567.",
    "Invoice 0012345678 was paid on 3 June.",
    "ISBN 978-0-12-345678-9. The parish history costs £12.50.",
    "Pay by bank transfer: sort code 12-34-56, account 12345678.",
    "In an emergency call 999; for non-emergencies call 101 or NHS 111.",
    "Church Lane will be closed from 12 June for resurfacing; use the High Road instead.",
    "Roadworks on the A121 Goldings Hill and the M25 between J26 and J27 this week.",
    "The IG10 and CM16 areas will have their bins collected on Saturday.",
    "Call the Council Offices on 01992 564000 or email clerk@loughton-tc.gov.uk.",
    "Our office number is 01992 564000.",
    "Join us at Lopping Hall, 205 High Road, Loughton IG10 4LF for the AGM.",
    "Email info@eppingforestdc.gov.uk or enquiries@essex.gov.uk about the new bins.",
    "Email the Clerk at townclerk@ludgershall-tc.gov.uk for an agenda.",
    "Find us at St Mary's Church Hall, 4 Church Lane, Loughton IG10 1PD.",
    "Between 12 and 40 Church Lane the pavement will be resurfaced.",
    "Works outside 23 Church Lane start on Monday.",
    "The score was 3-2 and 31,000 people live in the town.",
    "Our population grew by 4.5% between 2011 and 2021 (census).",
    "Meeting ID 812 3456 7890, passcode 123456.",
    "Tickets £5 (£3 concessions), 2-4pm, Saturday 14 September 2024.",
    "The 2024 accounts show reserves of 1,234,567 and a surplus of 23,456.",
    "We planted 30 Oak trees along Forest Way and 12 new benches in the park.",
    "Over 40 volunteers walk the route every Sunday at 10am.",
    "Follow us @LoughtonTC and share with #LoughtonInBloom.",
    "Covid-19 vaccinations at the Health Centre: call 0300 123 4567 (NHS booking line).",
    "Essex Highways: report a pothole on 0345 603 7631.",
    "The Mayor, Cllr Jane Smith, opened the new play area on 1 May 2024.",
    "Mrs Jean Harris opened the new library today.",
    "Dementia Friends session led by Jane Smith at the library on Friday.",
    "Flat B1 2nd floor of the Council Offices is closed for repairs.",
    "Our FY24 AGM report is now online.",
    "Please keep to a 20 mph limit when driving past the school.",
    "The A12 southbound will be closed overnight from 10pm to 6am.",
    "Phone lines open 9am-5pm. Lines: 01992 564000.",
)


# --- the measurement -------------------------------------------------------------------


def _run(rules: list, text: str, context: Context) -> list[tuple[str, int, int]]:
    post = Post(text, context)
    return [(rule.code, hit.start, hit.end) for rule in rules for hit in rule.find(post)]


def _recall(label: str, rules: list, rng: random.Random, count: int,
            make: Callable[[random.Random], str], templates: tuple[str, ...],
            caught: Callable[[list[tuple[str, int, int]], int, int], bool],
            show: int) -> float:
    hits = 0
    misses: list[str] = []
    for index in range(count):
        item = make(rng)
        template = templates[index % len(templates)]
        text = template.format(item)
        start = template.index("{}")
        end = start + len(item)
        if caught(_run(rules, text, Context()), start, end):
            hits += 1
        elif len(misses) < show:
            misses.append(text)
    recall = hits / count
    mark = "ok" if recall >= TARGET else "BELOW TARGET"
    print(f"{label:10} {hits:6d} / {count:<6d} recall {recall:.4f}   {mark}")
    for text in misses:
        print(f"           missed: {text!r}")
    return recall


def _exactly(code: str) -> Callable[[list[tuple[str, int, int]], int, int], bool]:
    return lambda found, start, end: any(c == code and s == start and e == end for c, s, e in found)


def _postcode_caught(found: list[tuple[str, int, int]], start: int, end: int) -> bool:
    return any((c == "PD004" and s == start and e == end) or (c == "PD003" and s <= start and end <= e)
               for c, s, e in found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-kind", type=int, default=5000, help="items generated per kind")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--show-misses", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rules = [rule for rule in all_rules().values() if rule.family == "PD"]

    def phone(r: random.Random) -> str:
        national, area, _ = _national(r)
        return format_phone(r, national, area)

    print(f"PD rules, {args.per_kind} generated items per kind, seed {args.seed}\n")
    results = {
        "phone": _recall("phone", rules, rng, args.per_kind, phone, PHONE_TEMPLATES,
                         _exactly("PD001"), args.show_misses),
        "postcode": _recall("postcode", rules, rng, args.per_kind, postcode, POSTCODE_TEMPLATES,
                            _postcode_caught, args.show_misses),
        "e-mail": _recall("e-mail", rules, rng, args.per_kind, email, EMAIL_TEMPLATES,
                          _exactly("PD002"), args.show_misses),
    }
    false_positives = []
    for text in LOOK_ALIKES:
        for code, start, end in _run(rules, text, Context.from_dict(COUNCIL)):
            false_positives.append(f"{code} {text[start:end]!r} in {text!r}")
    print(f"\nlook-alikes that are not personal data: {len(LOOK_ALIKES)} texts, "
          f"{len(false_positives)} false positive(s)")
    for line in false_positives:
        print(f"           {line}")
    failed = [kind for kind, recall in results.items() if recall < TARGET]
    if failed:
        print(f"\nrecall below {TARGET} for: {', '.join(failed)}")
        raise SystemExit(1)


if __name__ == "__main__":
    main()
