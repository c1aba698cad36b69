"""Demo councils for a first look: one for each seed policy, each with a Town Clerk, two officers,
a councillor, a partner organisation and an auditor, a channel posted by hand and a few posts.

Passwords are made afresh for each installation and kept, with the Clerk's two-factor key, in
``demo-sign-ins.txt`` in the instance folder (readable by its owner only), so ``civicpost run``
can show them again. Phone numbers are from Ofcom's ranges for drama, never real ones.
"""

from __future__ import annotations

import base64
import os
import secrets
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from civicpost.desk.channels.models import ChannelAccount, Platform
from civicpost.desk.councils import services as council_services
from civicpost.desk.councils.models import Council, Role
from civicpost.desk.policies.models import Acknowledgement, PolicyVersion


@dataclass(frozen=True)
class DemoCouncil:
    slug: str
    name: str
    domain: str
    phone: str
    pack: str
    issues: tuple[str, ...]
    people: tuple[tuple[str, str, str, str], ...]  # name, e-mail local part or address, role, organisation


DEMO_COUNCILS = (
    DemoCouncil(
        "loughton", "Loughton Town Council", "loughton-demo.example.org", "020 7946 0123",
        "loughton-2019", ("the Epping Forest car park charges", "the Traps Hill development"),
        (("Priya Shah", "clerk", Role.CLERK, ""),
         ("Tom Ellis", "tom.ellis", Role.OFFICER, ""),
         ("Grace Okafor", "grace.okafor", Role.OFFICER, ""),
         ("Cllr Martin Hale", "martin.hale@hale-family.example.net", Role.COUNCILLOR, ""),
         ("Sam Price", "sam@forest-friends.example.org", Role.PARTNER, "Friends of the Forest Library"),
         ("Alex Reed", "audit@district-audit.example.org", Role.AUDITOR, ""))),
    DemoCouncil(
        "ludgershall", "Ludgershall Town Council", "ludgershall-demo.example.org", "01632 960123",
        "ludgershall-2021", ("the castle car park closure",),
        (("Helen Marsh", "clerk", Role.CLERK, ""),
         ("Ben Cole", "ben.cole", Role.OFFICER, ""),
         ("Ruth Adeyemi", "ruth.adeyemi", Role.OFFICER, ""),
         ("Cllr Ian Porter", "ian.porter@porter-home.example.net", Role.COUNCILLOR, ""),
         ("Jo Lamb", "jo@tidworth-youth.example.org", Role.PARTNER, "Tidworth Youth Trust"),
         ("Chris Noor", "c.noor@county-audit.example.org", Role.AUDITOR, ""))),
)

SIGN_INS = "demo-sign-ins.txt"


def pack_toml(pack_id: str) -> str:
    return resources.files("civicpost.policies").joinpath(f"{pack_id}.toml").read_text(encoding="utf-8")


def sign_ins_file() -> Path:
    return Path(settings.INSTANCE) / SIGN_INS


def exists() -> bool:
    return Council.objects.filter(is_demo=True).exists()


@transaction.atomic
def create() -> str:
    """Create the demo councils (once) and return the sign-in details to print."""
    lines = ["Demo sign-ins (passwords made for this installation only):", ""]
    for demo in DEMO_COUNCILS:
        if Council.objects.filter(slug=demo.slug).exists():
            continue
        council = Council.objects.create(
            slug=demo.slug, name=demo.name, email_domain=demo.domain, office_phone=demo.phone,
            public_contacts=f"clerk@{demo.domain}\ninfo@{demo.domain}",
            controversial_issues="\n".join(demo.issues), is_demo=True)
        version = PolicyVersion.objects.create(council=council, number=1, pack_toml=pack_toml(demo.pack),
                                               based_on=demo.pack, note="The council's adopted policy")
        channel = ChannelAccount.objects.create(council=council, platform=Platform.MANUAL,
                                      name="Facebook page",
                                      handle=f"@{demo.slug}towncouncil",
                                      registered_email=f"clerk@{demo.domain}",
                                      administered_by="The Town Clerk", two_factor_enabled=True)
        lines.append(f"{demo.name} (policy {demo.pack})")
        for name, address, role, organisation in demo.people:
            email = address if "@" in address else f"{address}@{demo.domain}"
            password = secrets.token_urlsafe(9)
            membership, _ = council_services.add_member(council, None, name=name, email=email, role=role,
                                                        organisation=organisation, password=password)
            line = f"  {membership.get_role_display():22} {email:45} password: {password}"
            if role == Role.CLERK:
                device = TOTPDevice.objects.create(user=membership.user, name="Demo authenticator",
                                                   confirmed=True)
                key = base64.b32encode(device.bin_key).decode().rstrip("=")
                line += f"\n  {'':22} two-factor key: {key}  (or: civicpost two-factor-code {email})"
            if role != Role.AUDITOR:
                Acknowledgement.objects.create(policy_version=version, user=membership.user)
            lines.append(line)
        _sample_posts(council, channel)
        lines.append("")
    text = "\n".join(lines)
    path = sign_ins_file()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text + "\n")
    return text


def _sample_posts(council: Council, channel: ChannelAccount) -> None:
    """A published post, one waiting for the Clerk with a finding to fix, one returned."""
    from civicpost.desk.posts import publishing, services

    members = {m.role: m.user for m in council.memberships.select_related("user")}
    officer, clerk = members[Role.OFFICER], members[Role.CLERK]
    other_officer = council.memberships.filter(role=Role.OFFICER).exclude(user=officer).first().user
    on = (channel.pk,)
    published = services.create_post(council, officer, services.Draft(
        text=f"The {council.name} office is closed on Monday for the bank holiday. For anything "
             "urgent, leave a message and we will reply on Tuesday.", channel_ids=on))
    services.submit(published, officer)
    services.approve(published, clerk)
    publication = publishing.publish_now(published, officer)[0]
    publishing.record_live_link(publication, officer,
                                f"https://www.facebook.com/{council.slug}towncouncil/posts/1001")
    waiting = services.create_post(council, other_officer, services.Draft(
        text="Lost cat found on Church Lane! Ring Mrs Patel on 07700 900123 if he is yours.",
        channel_ids=on))
    services.submit(waiting, other_officer)
    returned = services.create_post(council, officer, services.Draft(
        text="Come to the spring litter pick on Saturday, meet at the libary at 10am. Gloves provided!",
        channel_ids=on))
    services.submit(returned, officer)
    services.return_post(returned, clerk, "Please say which library entrance, and check the spelling")


def sign_ins() -> str:
    path = sign_ins_file()
    return path.read_text(encoding="utf-8") if path.exists() else ""
