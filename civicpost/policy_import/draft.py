"""The draft pack: what importing a council's policy document gives the Clerk to confirm."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from civicpost.engine.rules import FAMILIES
from civicpost.policy_import.clauses import ClauseDraft, segment
from civicpost.policy_import.cleaning import clean_glyphs, mend_broken_paragraphs
from civicpost.policy_import.errors import PolicyImportError
from civicpost.policy_import.mapping import Suggestion, rules_for
from civicpost.policy_import.metadata import Metadata, extract_metadata
from civicpost.policy_import.model import Document, Paragraph
from civicpost.policy_import.reading import read_bytes, read_file
from civicpost.policy_import.structure import build_blocks

CONSIDER = 0.25
"""Weaker suggestions down to this confidence are listed for the Clerk, not applied."""


@dataclass
class DraftClause:
    """A clause quoted from the document, and how the importer suggests it is enforced."""

    id: str
    section: str
    text: str
    duty: bool
    suggestions: dict[str, Suggestion]
    inherited_from: str = ""

    @property
    def families(self) -> list[str]:
        return [code for code in FAMILIES if code in self.suggestions and self.suggestions[code].chosen]

    @property
    def capabilities(self) -> list[str]:
        return sorted(t for t, s in self.suggestions.items() if t.startswith("desk:") and s.chosen)

    @property
    def enforced_by(self) -> list[str]:
        how = (["engine"] if self.families else []) + self.capabilities
        return how or ["guidance"]

    @property
    def rules(self) -> list[str]:
        return [code for family in self.families for code in rules_for(family, self.text)]

    def confidence_of(self, target: str) -> float:
        suggestion = self.suggestions.get(target)
        return suggestion.confidence if suggestion else 0.0

    def to_dict(self) -> dict[str, Any]:
        chosen = [*self.families, *self.capabilities]
        data: dict[str, Any] = {
            "id": self.id,
            "text": self.text,
            "families": self.families,
            "enforced_by": self.enforced_by,
            "confidence": {t: self.suggestions[t].confidence for t in chosen},
            "why": {t: list(self.suggestions[t].why) for t in chosen},
            "section": self.section,
            "rules": self.rules,
            "duty": self.duty,
            "also_considered": {t: s.confidence for t, s in self.suggestions.items()
                                if not s.chosen and s.confidence >= CONSIDER},
        }
        if self.inherited_from:
            data["continues"] = self.inherited_from
        return data


@dataclass
class DraftPack:
    """A council's policy document as a draft policy pack, for the Clerk to confirm."""

    source: str
    source_format: str
    title: str | None
    council: str | None
    adopted: str | None
    approved: str | None
    ratified: str | None
    last_reviewed: str | None
    next_review: str | None
    review_interval_months: int | None
    review_due: str | None
    document_reference: str
    clauses: list[DraftClause]
    evidence: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "council": self.council,
            "adopted": self.adopted,
            "review_due": self.review_due,
            "clauses": [c.to_dict() for c in self.clauses],
            "approved": self.approved,
            "ratified": self.ratified,
            "last_reviewed": self.last_reviewed,
            "next_review": self.next_review,
            "review_interval_months": self.review_interval_months,
            "document_reference": self.document_reference,
            "source": self.source,
            "source_format": self.source_format,
            "evidence": dict(self.evidence),
            "warnings": list(self.warnings),
        }

    def to_toml(self, pack_id: str | None = None, template: str = "loughton-2019") -> str:
        from civicpost.policy_import.pack_toml import draft_to_toml

        return draft_to_toml(self, pack_id=pack_id, template=template)


def import_policy(path: str | Path) -> DraftPack:
    """Import the policy document at ``path`` (plain text, .docx or PDF) as a draft pack."""
    return _draft(read_file(path), Path(path).name)


def import_policy_bytes(data: bytes, name: str = "the document") -> DraftPack:
    """Import a policy document from its bytes; ``name`` is used in messages."""
    return _draft(read_bytes(data, name), name)


def _draft(document: Document, name: str) -> DraftPack:
    paragraphs = [Paragraph(**{**vars(p), "text": clean_glyphs(p.text)}) for p in document.paragraphs]
    paragraphs = [p for p in paragraphs if p.text]
    if document.source_format != "pdf":  # a PDF's lines were joined as its layout shows
        paragraphs = mend_broken_paragraphs(paragraphs)
    meta, consumed = extract_metadata(paragraphs, document.furniture)
    body = [p for index, p in enumerate(paragraphs) if index not in consumed]
    drafts = segment(build_blocks(body))
    if not drafts:
        raise PolicyImportError(f"{name} holds no clauses (no paragraphs or points of a policy were found)")
    return _pack(document, name, meta, drafts)


def _pack(document: Document, name: str, meta: Metadata, drafts: list[ClauseDraft]) -> DraftPack:
    warnings = [*document.warnings, *meta.warnings]
    if meta.council is None:
        warnings.append("the council's name was not found: add it before confirming the pack")
    if meta.title is None:
        warnings.append("the document's title was not found: add it before confirming the pack")
    clauses = [DraftClause(d.id, d.section, d.text, d.duty, d.suggestions, d.inherited_from)
               for d in drafts]
    return DraftPack(
        source=name, source_format=document.source_format, title=meta.title, council=meta.council,
        adopted=meta.adopted, approved=meta.approved, ratified=meta.ratified,
        last_reviewed=meta.last_reviewed, next_review=meta.next_review,
        review_interval_months=meta.review_interval_months, review_due=meta.review_due,
        document_reference=meta.document_reference, clauses=clauses, evidence=meta.evidence,
        warnings=warnings,
    )
