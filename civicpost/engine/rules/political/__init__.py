"""PO political content: party-political publicity, campaigning, and what the Code of
Recommended Practice on Local Authority Publicity asks of a council before an election.

The Local Government Act 1986 s.2 forbids a council to publish anything that appears designed
to affect support for a political party, all year round (Loughton §3). In the pre-election
period the Code also asks for no publicity on controversial issues, nothing identifying views
or proposals with individual councillors, and nothing about candidates beyond the factual
(Loughton §5). These rules only detect; the policy pack decides that PO001 and PO002 matter on
council accounts always and PO003 to PO005 inside a pre-election period.
"""

from __future__ import annotations

from civicpost.engine.parts import names_of_parts
from civicpost.engine.rules.political.campaigning import CampaigningLanguage
from civicpost.engine.rules.political.councillors import CouncillorViewsOrPraise
from civicpost.engine.rules.political.issues import issue_campaigns
from civicpost.engine.rules.political.parties import PartyPoliticalReference, party_references
from civicpost.engine.rules.political.pre_election import CandidatePublicity, ControversialIssue

__all__ = [
    "CampaigningLanguage",
    "CandidatePublicity",
    "ControversialIssue",
    "CouncillorViewsOrPraise",
    "issue_campaigns",
    "party_references",
    "PartyPoliticalReference",
]

# Every other name the single module had (its helpers, what it imported), from its parts.
__getattr__ = names_of_parts(__name__, ("parties", "issues", "campaigning", "councillors", "pre_election"))
