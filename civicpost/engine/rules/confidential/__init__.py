"""CF confidential information: things a council knows that it must not post.

The council's policy forbids publishing anything confidential to the council: "information
about service users; information that is politically or commercially sensitive; any
information intended for internal use only (including matters concerning council services,
organisational change or related proposals)" (Ludgershall §5), and asks permission before
reporting meetings "meant to be private or internal" (Loughton §3). The Local Government Act
1972 Sch 12A lists what councils treat as exempt: information about individuals, anyone's
financial or business affairs, labour relations, and the like.
"""

from __future__ import annotations

from civicpost.engine.parts import names_of_parts
from civicpost.engine.rules.confidential.changes import UnpublishedChangeOrProposal
from civicpost.engine.rules.confidential.commercial import TenderOrNegotiationFigures
from civicpost.engine.rules.confidential.markers import ConfidentialMarker, ExemptItemOrClosedSession
from civicpost.engine.rules.confidential.service_users import ServiceUserInformation
from civicpost.engine.rules.confidential.staffing import StaffingMatter

__all__ = [
    "ConfidentialMarker",
    "ExemptItemOrClosedSession",
    "ServiceUserInformation",
    "StaffingMatter",
    "TenderOrNegotiationFigures",
    "UnpublishedChangeOrProposal",
]

# Every other name the single module had (its helpers, what it imported), from its parts.
__getattr__ = names_of_parts(__name__, (
    "common",
    "markers",
    "staffing",
    "service_users",
    "commercial",
    "changes",
))
