"""Changes to the register of the council's channel accounts, each audited. The encrypted
credentials are changed only by connecting the account (``connect.py``), never here."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from civicpost.desk.audit.log import record
from civicpost.desk.channels.models import ChannelAccount, ChannelAdministrator
from civicpost.desk.channels.warnings import FACEBOOK_ONLY
from civicpost.desk.councils.models import Membership, Role

REGISTER_FIELDS = ("name", "handle", "url", "registered_email", "administered_by",
                   "admin_via_personal_profile", "two_factor_enabled", "credentials_changed", "active")


class NotAllowed(Exception):
    """The change is not allowed; the message says why."""


def _require_clerk(channel: ChannelAccount, actor: Any) -> None:
    if not Membership.objects.filter(council=channel.council_id, user=actor, role=Role.CLERK,
                                     active=True).exists():
        raise NotAllowed("Only the Town Clerk can change the register of channel accounts")


def _personal_profiles_allowed(channel: ChannelAccount) -> None:
    if channel.platform in FACEBOOK_ONLY:
        raise NotAllowed(f"Only a Facebook page may be run through personal profiles (Ludgershall §6); "
                         f"this is a {channel.get_platform_display()} account")


@transaction.atomic
def update_register(channel: ChannelAccount, actor: Any, changes: dict[str, Any]) -> None:
    _require_clerk(channel, actor)
    unknown = set(changes) - set(REGISTER_FIELDS)
    if unknown:
        raise NotAllowed(f"Not part of the register: {', '.join(sorted(unknown))}")
    channel = ChannelAccount.objects.select_for_update().get(pk=channel.pk)
    if changes.get("admin_via_personal_profile"):
        _personal_profiles_allowed(channel)
    changed = {k: {"from": getattr(channel, k), "to": v} for k, v in changes.items()
               if getattr(channel, k) != v}
    if not changed:
        return
    for key, value in changes.items():
        setattr(channel, key, value)
    channel.save(update_fields=list(changes))
    record("channel.register-changed", actor=actor, council=channel.council, subject=channel,
           summary=f"{channel}: {', '.join(k.replace('_', ' ') for k in changed)} changed", details=changed)


@transaction.atomic
def add_administrator(channel: ChannelAccount, actor: Any, **fields: Any) -> ChannelAdministrator:
    _require_clerk(channel, actor)
    if fields.get("how") == ChannelAdministrator.How.PERSONAL_PROFILE:
        _personal_profiles_allowed(channel)
        if not fields.get("profile", "").strip():
            raise NotAllowed("Name the personal profile that holds the page role")
    admin = ChannelAdministrator.objects.create(channel=channel, **fields)
    if admin.permitted_exception and not channel.admin_via_personal_profile:
        channel.admin_via_personal_profile = True
        channel.save(update_fields=["admin_via_personal_profile"])
    record("channel.administrator-added", actor=actor, council=channel.council, subject=channel,
           summary=f"{admin.name} administers {channel}: {admin.get_how_display().lower()}",
           details={"name": admin.name, "how": admin.how, "profile": admin.profile, "since": admin.since})
    return admin


@transaction.atomic
def remove_administrator(admin: ChannelAdministrator, actor: Any) -> None:
    channel = admin.channel
    _require_clerk(channel, actor)
    details = {"name": admin.name, "how": admin.how, "profile": admin.profile}
    admin.delete()
    if not channel.administrators.filter(how=ChannelAdministrator.How.PERSONAL_PROFILE).exists() \
            and channel.admin_via_personal_profile:
        channel.admin_via_personal_profile = False
        channel.save(update_fields=["admin_via_personal_profile"])
    record("channel.administrator-removed", actor=actor, council=channel.council, subject=channel,
           summary=f"{details['name']} no longer administers {channel}", details=details)
