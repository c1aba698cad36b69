"""Inbox triage: what each incoming comment, reply, mention or direct message needs.

Both seed policies put duties on what comes in. Threats, abuse, harassment and trolling
must be reported to the Town Clerk (Loughton §3, §5); any complaint that mentions libel MUST
be reported to the Town Clerk immediately (Loughton §5); negative comments are to be dealt
with immediately and questions answered quickly and honestly (Loughton's tips); complaints
and grievances belong in the formal procedures (Ludgershall §7), and private messages are
covered too (Ludgershall §2). A Freedom of Information request made on social media must be
answered by the 20th working day after receipt (FOIA s.10).

    >>> from civicpost.engine.triage import triage
    >>> result = triage("Under the Freedom of Information Act please send me the invoices "
    ...                 "for the Christmas lights.", {"received": "2026-12-18T10:00:00Z"})
    >>> [label.label for label in result.labels], result.urgent, result.due.isoformat()
    (['foi'], False, '2027-01-21')

The labels, one message may carry several:

``threat``     a threat, a wish of harm or an incitement to violence or damage (urgent)
``libel``      says something published is libel or defamatory, or threatens legal action
               (urgent)
``abuse``      insults, slurs, harassment or trolling aimed at a person or a group
``foi``        a request for recorded information, named as FOI or not
``grievance``  a member of staff or a councillor airing a grievance about the council
``complaint``  a service not done or done badly, or a complaint in words
``question``   asks something and expects an answer
``negative``   criticism or hostility (threats, abuse, libel complaints and grievances are
               negative too)
``positive``   praise, thanks, support or enthusiasm
``other``      none of the above

Everything here is pure Python over the engine's own folding, evasion handling and abuse
rules: no Django, no network, no model downloaded.
"""

from civicpost.engine.triage.classifier import Outcome, triage, triage_many
from civicpost.engine.triage.clocks import DEFAULT_TARGETS, ResponseTargets, clocks_for
from civicpost.engine.triage.context import KINDS, TriageContext, parse_received
from civicpost.engine.triage.foi import foi_validity, looks_like_real_name
from civicpost.engine.triage.result import LABELS, URGENT_LABELS, Clock, FoiValidity, Triage, TriageLabel

__all__ = [
    "DEFAULT_TARGETS", "KINDS", "LABELS", "URGENT_LABELS", "Clock", "FoiValidity", "Outcome",
    "ResponseTargets", "Triage", "TriageContext", "TriageLabel", "clocks_for", "foi_validity",
    "looks_like_real_name", "parse_received", "triage", "triage_many",
]
