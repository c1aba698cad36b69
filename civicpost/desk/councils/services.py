"""Changes to a council's settings, people and switches, each audited in one transaction."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from civicpost.desk.accounts.models import User
from civicpost.desk.audit.log import record
from civicpost.desk.councils.models import Council, Membership, Role


class NotAllowed(Exception):
    pass


def _require_clerk(council: Council, actor: Any) -> None:
    if not Membership.objects.filter(council=council, user=actor, role=Role.CLERK, active=True).exists():
        raise NotAllowed("Only the Town Clerk can do this")


@transaction.atomic
def pause_publishing(council: Council, actor: Any, reason: str) -> None:
    _require_clerk(council, actor)
    council = Council.objects.select_for_update().get(pk=council.pk)
    council.publishing_paused = True
    council.paused_reason = reason.strip()
    council.paused_at = timezone.now()
    council.paused_by = actor
    council.save()
    record("council.publishing-paused", actor=actor, council=council, subject=council,
           summary=f"Publishing paused: {reason.strip()}", details={"reason": reason.strip()})


@transaction.atomic
def resume_publishing(council: Council, actor: Any) -> None:
    _require_clerk(council, actor)
    council = Council.objects.select_for_update().get(pk=council.pk)
    was = council.paused_reason
    council.publishing_paused = False
    council.paused_reason = ""
    council.paused_at = None
    council.paused_by = None
    council.save()
    record("council.publishing-resumed", actor=actor, council=council, subject=council,
           summary="Publishing resumed", details={"was_paused_for": was})


@transaction.atomic
def update_settings(council: Council, actor: Any, changes: dict[str, Any]) -> None:
    _require_clerk(council, actor)
    before = {k: getattr(council, k) for k in changes}
    for key, value in changes.items():
        setattr(council, key, value)
    council.save()
    changed = {k: {"from": before[k], "to": v} for k, v in changes.items() if before[k] != v}
    if changed:
        record("council.settings-changed", actor=actor, council=council, subject=council,
               summary=f"Settings changed: {', '.join(changed)}", details=changed)


@transaction.atomic
def add_member(council: Council, actor: Any | None, *, name: str, email: str, role: str,
               organisation: str = "", password: str | None = None) -> tuple[Membership, str | None]:
    """Add a person (creating their sign-in if new). Returns the membership and, for a new
    person, a one-off password to pass on (they should change it)."""
    if actor is not None:
        _require_clerk(council, actor)
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    new_password = None
    if user is None:
        new_password = password or secrets.token_urlsafe(12)
        user = User.objects.create_user(email, new_password, name=name.strip())
    membership, created = Membership.objects.get_or_create(
        council=council, user=user, defaults={"role": role, "organisation": organisation})
    if not created:
        raise NotAllowed(f"{user} is already a member of {council}")
    record("council.member-added", actor=actor, council=council, subject=membership,
           summary=f"{user} added as {membership.get_role_display()}",
           details={"user": user.email, "role": role, "organisation": organisation})
    return membership, new_password


@transaction.atomic
def change_role(membership: Membership, actor: Any, *, role: str, may_approve: bool, active: bool) -> None:
    _require_clerk(membership.council, actor)
    if membership.user_id == actor.pk and (role != Role.CLERK or not active):
        clerks = Membership.objects.filter(council=membership.council, role=Role.CLERK, active=True)
        if clerks.count() <= 1:
            raise NotAllowed("The council needs a Clerk: add another before changing your own role")
    if role in {Role.CLERK, Role.OFFICER} and membership.user.email_domain != membership.council.email_domain:
        raise NotAllowed(f"Staff use their council address, ending @{membership.council.email_domain}")
    before = {"role": membership.role, "may_approve": membership.may_approve, "active": membership.active}
    membership.role, membership.active = role, active
    membership.may_approve = may_approve and role == Role.OFFICER
    membership.save()
    after = {"role": membership.role, "may_approve": membership.may_approve, "active": membership.active}
    if before != after:
        record("council.role-changed", actor=actor, council=membership.council, subject=membership,
               summary=f"{membership.user}: {before['role']} → {after['role']}"
                       + ("" if after["active"] else " (inactive)")
                       + (" (may approve)" if after["may_approve"] else ""),
               details={"before": before, "after": after, "user": membership.user.email})


@transaction.atomic
def add_channel(council: Council, actor: Any, channel: Any) -> None:
    _require_clerk(council, actor)
    channel.council = council
    channel.save()
    record("channel.added", actor=actor, council=council, subject=channel,
           summary=f"Channel account added: {channel}",
           details={"platform": channel.platform, "handle": channel.handle})
