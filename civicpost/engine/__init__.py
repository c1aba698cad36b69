"""The civicpost engine: text in, findings out. Pure Python; no Django, no network.

    >>> from civicpost.engine import check
    >>> report = check("Call me on 07700 900123", {"account": "council"}, "loughton-2019")
    >>> report.verdict
    'block'
"""

from civicpost.engine.checker import DEFAULT_PACK, InputError, check
from civicpost.engine.context import Context, ContextError, Media, Partner
from civicpost.engine.elections import Election, latest_notice_of_election
from civicpost.engine.findings import ClauseRef, Finding, Fix, Hit, Report, Severity
from civicpost.engine.policy import (
    Clause,
    PolicyError,
    PolicyPack,
    load_pack,
    parse_pack,
    shipped_packs,
)
from civicpost.engine.rules import FAMILIES, Rule, all_rules
from civicpost.engine.triage import (
    LABELS,
    Clock,
    FoiValidity,
    ResponseTargets,
    Triage,
    TriageContext,
    TriageLabel,
    foi_validity,
    triage,
    triage_many,
)
from civicpost.engine.working_days import UK_WORKING_DAYS, WorkingDayCalendar, foi_due_date

__all__ = [
    "DEFAULT_PACK", "FAMILIES", "Clause", "ClauseRef", "Context", "ContextError", "Election",
    "Finding", "Fix", "Hit", "InputError", "Media", "Partner", "PolicyError", "PolicyPack",
    "Report", "Rule", "Severity", "all_rules", "check", "latest_notice_of_election",
    "load_pack", "parse_pack", "shipped_packs",
    # inbox triage and the working-day calendar
    "LABELS", "Clock", "FoiValidity", "ResponseTargets", "Triage", "TriageContext", "TriageLabel",
    "UK_WORKING_DAYS", "WorkingDayCalendar", "foi_due_date", "foi_validity", "triage", "triage_many",
]
