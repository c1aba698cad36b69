"""A new council on an installation: its policy pack as version 1, and its first Town Clerk."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from civicpost.desk.audit.log import record
from civicpost.desk.councils import services
from civicpost.desk.councils.models import Council, Role
from civicpost.desk.policies.models import PolicyVersion
from civicpost.engine import PolicyError, load_pack, shipped_packs

NotAllowed = services.NotAllowed


def pack_source(policy: str) -> tuple[str, str]:
    """(pack text, based-on id) for a shipped pack id or a pack file, validated by the engine."""
    from civicpost.desk.demo import pack_toml

    try:
        pack = load_pack(policy)
    except PolicyError as exc:
        raise NotAllowed(f"policy {policy}: {'; '.join(exc.problems)}") from None
    raw = pack_toml(policy) if policy in shipped_packs() else Path(policy).read_text(encoding="utf-8")
    return raw, pack.id


@transaction.atomic
def create_council(*, name: str, slug: str, domain: str, policy: str, clerk_email: str,
                   clerk_name: str) -> str:
    if Council.objects.filter(slug=slug).exists():
        raise NotAllowed(f"a council with the short name {slug!r} exists already")
    domain = domain.strip().lower().lstrip("@")
    if clerk_email.rsplit("@", 1)[-1].lower() != domain:
        raise NotAllowed(f"the Clerk's e-mail must be at the council's domain ({domain})")
    raw, based_on = pack_source(policy)
    council = Council.objects.create(name=name, slug=slug, email_domain=domain)
    PolicyVersion.objects.create(council=council, number=1, pack_toml=raw, based_on=based_on)
    record("council.created", actor=None, council=council, subject=council,
           summary=f"{name} created with policy {based_on}")
    _, password = services.add_member(council, None, name=clerk_name, email=clerk_email, role=Role.CLERK)
    return password or ""
