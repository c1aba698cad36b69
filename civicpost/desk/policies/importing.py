"""Importing a policy document in the desk: the Clerk uploads it (plain text, Word or PDF), the
importer drafts a pack clause by clause, the Clerk confirms or changes how each clause is
enforced, and the confirmed draft becomes the council's next policy version."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from civicpost.desk.audit.log import record
from civicpost.desk.councils.models import Council
from civicpost.desk.policies import services
from civicpost.desk.policies.models import PolicyImport, PolicyVersion
from civicpost.engine.policy import DESK_CAPABILITIES
from civicpost.engine.rules import FAMILIES
from civicpost.policy_import import DraftPack, PolicyImportError, import_policy_bytes
from civicpost.policy_import.mapping import Suggestion
from civicpost.policy_import.pack_toml import default_pack_id

NotAllowed = services.NotAllowed

# What each desk capability does for a clause, in the words a Clerk reads on the import page.
CAPABILITIES = {
    "desk:approval": "Posts go to the Clerk for approval",
    "desk:acknowledgements": "Everyone acknowledges each version of the policy",
    "desk:archive": "Every published post is kept",
    "desk:audit": "Every change is recorded in the audit trail",
    "desk:breaches": "Breaches are recorded with their evidence",
    "desk:channels": "The register of the council's accounts",
    "desk:conflicts": "The conflicts-of-interest register",
    "desk:election-calendar": "The election calendar and pre-election periods",
    "desk:emergency": "The emergency fast track",
    "desk:inbox": "The inbox, with response clocks",
    "desk:incidents": "Threats, abuse and libel complaints reported to the Clerk",
    "desk:monitoring-log": "Why anyone opened a named person's history",
    "desk:partners": "Partners and suppliers, and their approval to be named",
    "desk:people": "Staff, councillors and partners, with their roles",
    "desk:review-schedule": "The policy's versions and review date",
    "desk:sessions": "Sessions that end with the working day",
    "desk:sign-in": "Sign-in with a council e-mail address only",
}
TARGETS = (*FAMILIES, *sorted(DESK_CAPABILITIES))
CLERK_CHOICE = "chosen by the Clerk"


def target_label(target: str) -> str:
    if target in FAMILIES:
        return f"{target}: {FAMILIES[target][0]}"
    return CAPABILITIES.get(target, target)


@transaction.atomic
def upload(council: Council, actor: Any, file_name: str, data: bytes) -> PolicyImport:
    services.require_clerk(council, actor)
    try:
        draft = import_policy_bytes(data, file_name)
    except PolicyImportError as exc:
        raise NotAllowed(str(exc)) from None
    started = PolicyImport.objects.create(council=council, file_name=file_name[:255], document=data,
                                          draft=draft.to_dict(), uploaded_by=actor)
    record("policy.import-uploaded", actor=actor, council=council, subject=started,
           summary=f"Policy document {file_name} uploaded for import ({len(draft.clauses)} clauses)",
           details={"file": file_name, "bytes": len(data), "format": draft.source_format,
                    "clauses": len(draft.clauses)})
    return started


def chosen_targets(clause: dict[str, Any]) -> list[str]:
    """What the importer applied to a clause of a stored draft (families, then capabilities)."""
    return [*clause["families"], *(t for t in clause["enforced_by"] if t.startswith("desk:"))]


@transaction.atomic
def confirm(started: PolicyImport, actor: Any, *, choices: dict[str, set[str]], council_name: str,
            title: str, template: str, note: str = "") -> PolicyVersion:
    """Make the draft, with the Clerk's choice of families and capabilities for each clause,
    the council's next policy version."""
    services.require_clerk(started.council, actor)
    started = PolicyImport.objects.select_for_update().get(pk=started.pk)
    if started.state != PolicyImport.State.DRAFT:
        raise NotAllowed(f"This import is {started.get_state_display().lower()} already")
    draft = _draft_again(started)
    changed = _apply_choices(draft, choices)
    draft.council = council_name.strip() or started.council.name
    draft.title = title.strip() or draft.title
    try:
        pack_toml = draft.to_toml(pack_id=default_pack_id(draft), template=template)
    except PolicyImportError as exc:
        raise NotAllowed(str(exc)) from None
    version = services.save_version(started.council, actor, pack_toml, source="import",
                                    note=note.strip() or f"Imported from {started.file_name}",
                                    based_on=default_pack_id(draft))
    started.state, started.version = PolicyImport.State.CONFIRMED, version
    started.save(update_fields=["state", "version"])
    record("policy.import-confirmed", actor=actor, council=started.council, subject=started,
           summary=f"{started.file_name} confirmed as policy version {version.number}; "
                   f"{len(changed)} clause{'s' if len(changed) != 1 else ''} changed by the Clerk",
           details={"version": version.number, "template": template, "changed": changed})
    return version


@transaction.atomic
def discard(started: PolicyImport, actor: Any) -> None:
    services.require_clerk(started.council, actor)
    started = PolicyImport.objects.select_for_update().get(pk=started.pk)
    if started.state != PolicyImport.State.DRAFT:
        raise NotAllowed(f"This import is {started.get_state_display().lower()} already")
    started.state = PolicyImport.State.DISCARDED
    started.save(update_fields=["state"])
    record("policy.import-discarded", actor=actor, council=started.council, subject=started,
           summary=f"Import of {started.file_name} set aside")


def _draft_again(started: PolicyImport) -> DraftPack:
    # The document is read again rather than the draft rebuilt from its stored summary, so what
    # becomes the pack is exactly what the importer makes of the document.
    try:
        draft = import_policy_bytes(bytes(started.document), started.file_name)
    except PolicyImportError as exc:
        raise NotAllowed(str(exc)) from None
    if [c.id for c in draft.clauses] != [c["id"] for c in started.draft["clauses"]]:
        raise NotAllowed("civicpost now reads this document differently from when it was uploaded: "
                         "upload it again and check the clauses")
    return draft


def _apply_choices(draft: DraftPack, choices: dict[str, set[str]]) -> dict[str, dict[str, list[str]]]:
    changed: dict[str, dict[str, list[str]]] = {}
    for clause in draft.clauses:
        wanted = {t for t in choices.get(clause.id, set()) if t in TARGETS}
        before = {t for t, s in clause.suggestions.items() if s.chosen}
        if wanted == before:
            continue
        changed[clause.id] = {"added": sorted(wanted - before), "removed": sorted(before - wanted)}
        kept: dict[str, Suggestion] = {}
        for target, suggestion in clause.suggestions.items():
            if target in wanted:
                kept[target] = suggestion if suggestion.chosen else Suggestion(
                    target, 1.0, (CLERK_CHOICE, *suggestion.why))
            elif not suggestion.chosen:
                kept[target] = suggestion  # still shown as a weaker suggestion
        for target in wanted - set(kept):
            kept[target] = Suggestion(target, 1.0, (CLERK_CHOICE,))
        clause.suggestions = kept
    return changed
