"""Changes to the council's registers of people, partners and conflicts of interest, and the
acknowledgement reminders. Each is one transaction with its audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from civicpost.desk.audit.log import record
from civicpost.desk.councils.models import Council, Membership, Role
from civicpost.desk.people import reminders
from civicpost.desk.people.models import (
    Conflict,
    Organisation,
    PaperAcknowledgement,
    Person,
    ReminderSchedule,
)
from civicpost.desk.policies.acknowledging import Document, documents_for
from civicpost.desk.policies.models import current_version


class NotAllowed(Exception):
    """The change is not allowed; the message says why, in words for the person who tried."""


def _membership(council: Council, actor: Any) -> Membership:
    membership = Membership.objects.filter(council=council, user=actor, active=True).first()
    if membership is None:
        raise NotAllowed("You are not a member of this council")
    return membership


def require_clerk(council: Council, actor: Any) -> None:
    if _membership(council, actor).role != Role.CLERK:
        raise NotAllowed("Only the Town Clerk can change the council's registers")


def _changes(obj: Any, changes: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {k: {"from": getattr(obj, k), "to": v} for k, v in changes.items() if getattr(obj, k) != v}


# --- people without a sign-in ------------------------------------------------------------------

@transaction.atomic
def add_person(council: Council, actor: Any, *, name: str, role: str, organisation: str = "",
               email: str = "", notes: str = "") -> Person:
    require_clerk(council, actor)
    email = email.strip().lower()
    if email and Membership.objects.filter(council=council, user__email=email).exists():
        raise NotAllowed(f"{email} signs in already: they are in the register through their sign-in")
    person = Person.objects.create(council=council, name=name.strip(), role=role,
                                   organisation=organisation.strip(), email=email, notes=notes.strip())
    record("people.person-added", actor=actor, council=council, subject=person,
           summary=f"{person.name} added to the register as {person.get_role_display()} (no sign-in)",
           details={"name": person.name, "role": role, "organisation": person.organisation})
    return person


@transaction.atomic
def update_person(person: Person, actor: Any, changes: dict[str, Any]) -> None:
    require_clerk(person.council, actor)
    changed = _changes(person, changes)
    if not changed:
        return
    for key, value in changes.items():
        setattr(person, key, value)
    person.save()
    record("people.person-changed", actor=actor, council=person.council, subject=person,
           summary=f"{person.name}: {', '.join(changed)} changed"
                   + ("" if person.active else " (no longer in the register)"), details=changed)


@transaction.atomic
def record_paper_acknowledgement(person: Person, actor: Any, *, document: str,
                                 signed_on: dt.date) -> PaperAcknowledgement:
    """A person without a sign-in signed a paper copy of the current version."""
    require_clerk(person.council, actor)
    if document not in documents_for(person.role):
        raise NotAllowed(f"A {person.get_role_display().lower()} does not acknowledge the "
                         f"{Document(document).label}")
    if signed_on > timezone.localdate():
        raise NotAllowed("The date it was signed cannot be in the future")
    try:
        version = current_version(person.council)
    except LookupError:
        raise NotAllowed("The council has no policy yet, so there is nothing to sign") from None
    try:
        with transaction.atomic():
            paper = PaperAcknowledgement.objects.create(person=person, policy_version=version,
                                                        document=document, signed_on=signed_on,
                                                        recorded_by=actor)
    except IntegrityError:
        raise NotAllowed(f"{person.name}'s signed copy of version {version.number} is recorded "
                         "already") from None
    record("people.paper-acknowledgement", actor=actor, council=person.council, subject=person,
           summary=f"{person.name} signed a paper copy: {Document(document).label} "
                   f"(policy version {version.number}), {signed_on:%d %b %Y}",
           details={"document": document, "version": version.number, "signed_on": signed_on})
    return paper


# --- reminders -------------------------------------------------------------------------------

@transaction.atomic
def send_reminders(council: Council, actor: Any | None) -> list[str]:
    """E-mail everyone who has not acknowledged the current version; returns who was reminded.
    ``actor`` None is the worker's weekly round."""
    if actor is not None:
        require_clerk(council, actor)
    sent = reminders.remind(council)
    schedule, _ = ReminderSchedule.objects.get_or_create(council=council)
    ReminderSchedule.objects.filter(pk=schedule.pk).update(last_sent=timezone.now())
    record("people.reminders-sent", actor=actor, council=council, subject=council,
           summary=f"Acknowledgement reminders sent to {len(sent)} "
                   f"{'person' if len(sent) == 1 else 'people'}" + ("" if actor else " (weekly)"),
           details={"to": sent})
    return sent


@transaction.atomic
def set_weekly_reminders(council: Council, actor: Any, weekly: bool) -> None:
    require_clerk(council, actor)
    schedule, _ = ReminderSchedule.objects.select_for_update().get_or_create(council=council)
    if schedule.weekly == weekly:
        return
    schedule.weekly = weekly
    schedule.save(update_fields=["weekly"])
    record("people.weekly-reminders", actor=actor, council=council, subject=council,
           summary="Weekly acknowledgement reminders " + ("turned on" if weekly else "turned off"),
           details={"weekly": weekly})


# --- partners, suppliers and customers -----------------------------------------------------------

@transaction.atomic
def add_organisation(council: Council, actor: Any, **fields: Any) -> Organisation:
    require_clerk(council, actor)
    name = fields.pop("name").strip()
    if Organisation.objects.filter(council=council, name__iexact=name).exists():
        raise NotAllowed(f"{name} is in the register already")
    _check_naming(fields)
    organisation = Organisation.objects.create(council=council, name=name, **fields)
    record("people.organisation-added", actor=actor, council=council, subject=organisation,
           summary=f"{organisation.name} added ({organisation.get_kind_display().lower()}; "
                   f"{organisation.get_naming_display().lower()})",
           details={"name": name, **fields})
    return organisation


@transaction.atomic
def update_organisation(organisation: Organisation, actor: Any, changes: dict[str, Any]) -> None:
    require_clerk(organisation.council, actor)
    _check_naming({"naming": organisation.naming, "naming_on": organisation.naming_on, **changes})
    changed = _changes(organisation, changes)
    if not changed:
        return
    for key, value in changes.items():
        setattr(organisation, key, value)
    organisation.save()
    record("people.organisation-changed", actor=actor, council=organisation.council, subject=organisation,
           summary=f"{organisation.name}: " + (f"now {organisation.get_naming_display().lower()}"
                                               if "naming" in changed else f"{', '.join(changed)} changed"),
           details=changed)


def _check_naming(fields: dict[str, Any]) -> None:
    naming, when = fields.get("naming"), fields.get("naming_on")
    if naming and naming != Organisation.Naming.NOT_ASKED and when is None:
        raise NotAllowed("Give the date of its answer: an approval to be named is dated")
    if when is not None and when > timezone.localdate():
        raise NotAllowed("The date of its answer cannot be in the future")


# --- conflicts of interest ---------------------------------------------------------------------

@transaction.atomic
def declare_conflict(council: Council, actor: Any, *, person_name: str = "", **fields: Any) -> Conflict:
    """A member declares a friend request they have had; the Clerk may record one for anyone."""
    membership = _membership(council, actor)
    if membership.role == Role.AUDITOR:
        raise NotAllowed("An auditor reads the register but does not add to it")
    for_self = membership.role != Role.CLERK or not person_name.strip()
    conflict = Conflict.objects.create(
        council=council, declared_by=actor, person=actor if for_self else None,
        person_name=actor.name if for_self else person_name.strip(), **fields)
    record("people.conflict-declared", actor=actor, council=council, subject=conflict,
           summary=f"Friend request declared: {conflict.person_name} and "
                   f"{conflict.get_relationship_display().lower()}",
           details={"person": conflict.person_name, "relationship": conflict.relationship})
    return conflict


@transaction.atomic
def decide_conflict(conflict: Conflict, actor: Any, *, decision: str, note: str,
                    decided_on: dt.date | None = None) -> None:
    require_clerk(conflict.council, actor)
    if decision not in Conflict.Decision.values or decision == Conflict.Decision.PENDING:
        raise NotAllowed("Choose a decision")
    conflict = Conflict.objects.select_for_update().get(pk=conflict.pk)
    before = conflict.decision
    conflict.decision, conflict.decision_note = decision, note.strip()
    conflict.decided_on, conflict.decided_by = decided_on or timezone.localdate(), actor
    conflict.save()
    record("people.conflict-decided", actor=actor, council=conflict.council, subject=conflict,
           summary=f"{conflict.person_name}, friend request from "
                   f"{conflict.get_relationship_display().lower()}: {conflict.get_decision_display()}",
           details={"from": before, "to": decision, "note": conflict.decision_note,
                    "decided_on": conflict.decided_on})
