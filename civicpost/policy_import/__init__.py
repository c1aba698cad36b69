"""Importing another council's social media policy document as a draft policy pack.

A Clerk gives the council's own policy (plain text, Word ``.docx`` or PDF) and gets a draft
to confirm: the document cut into clauses quoted verbatim, each mapped to the engine's rule
families and the desk's capabilities with a confidence and the words that led to it, and the
document's dates where it states them. Once confirmed, the draft is written as a pack file that
``civicpost policy validate`` accepts. Pure Python: no Django, no network.

    >>> from civicpost.policy_import import import_policy
    >>> draft = import_policy("our-social-media-policy.docx")      # doctest: +SKIP
    >>> draft.to_dict()["clauses"][0]["families"]                   # doctest: +SKIP
    ['PD']
    >>> open("our-council-2025.toml", "w").write(draft.to_toml())  # doctest: +SKIP
"""

from civicpost.policy_import.draft import DraftClause, DraftPack, import_policy, import_policy_bytes
from civicpost.policy_import.errors import PolicyImportError
from civicpost.policy_import.mapping import THRESHOLD

__all__ = ["THRESHOLD", "DraftClause", "DraftPack", "PolicyImportError", "import_policy",
           "import_policy_bytes"]
