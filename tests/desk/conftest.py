"""Two councils with their people, as every desk test needs them: Loughton (its Clerk, two
officers, a councillor, a partner who has signed the policy, an auditor) and Ludgershall."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from civicpost.desk.channels.models import ChannelAccount, Platform
from civicpost.desk.councils import services
from civicpost.desk.councils.models import Council, Role
from civicpost.desk.demo import pack_toml
from civicpost.desk.policies.models import Acknowledgement, PolicyVersion

PASSWORD = "correct horse battery staple"


@dataclass
class Town:
    council: Council
    clerk: Any
    officer: Any
    officer2: Any
    councillor: Any
    partner: Any
    auditor: Any
    channel: ChannelAccount
    policy: PolicyVersion


def make_town(slug: str, name: str, domain: str, pack: str) -> Town:
    council = Council.objects.create(slug=slug, name=name, email_domain=domain,
                                     office_phone="020 7946 0000", public_contacts=f"clerk@{domain}")
    policy = PolicyVersion.objects.create(council=council, number=1, pack_toml=pack_toml(pack), based_on=pack)
    channel = ChannelAccount.objects.create(council=council, platform=Platform.MANUAL, name="Facebook page")
    people = {}
    for key, person_name, email, role, organisation in (
            ("clerk", f"{name} Clerk", f"clerk@{domain}", Role.CLERK, ""),
            ("officer", "Olive Officer", f"olive@{domain}", Role.OFFICER, ""),
            ("officer2", "Owen Officer", f"owen@{domain}", Role.OFFICER, ""),
            ("councillor", "Cllr Carol Penn", f"carol.penn.{slug}@example.net", Role.COUNCILLOR, ""),
            ("partner", "Pat Partner", f"pat.{slug}@partner.example.org", Role.PARTNER, "Library Friends"),
            ("auditor", "Audrey Auditor", f"audrey.{slug}@audit.example.org", Role.AUDITOR, "")):
        membership, _ = services.add_member(council, None, name=person_name, email=email, role=role,
                                            organisation=organisation, password=PASSWORD)
        people[key] = membership.user
    TOTPDevice.objects.create(user=people["clerk"], name="app", confirmed=True)
    Acknowledgement.objects.create(policy_version=policy, user=people["partner"])
    return Town(council=council, channel=channel, policy=policy, **people)


@pytest.fixture
def loughton(db: Any) -> Town:
    return make_town("loughton", "Loughton Town Council", "loughton-tc.example.org", "loughton-2019")


@pytest.fixture
def ludgershall(db: Any) -> Town:
    return make_town("ludgershall", "Ludgershall Town Council", "ludgershall-tc.example.org",
                     "ludgershall-2021")


def current_code(user: Any) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def signed_in(user: Any) -> Client:
    """A browser session signed in as this person through the real sign-in pages (and, for a
    Clerk, the security code)."""
    client = Client()
    response = client.post("/sign-in", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    if user.needs_two_factor:
        response = client.post("/sign-in/security-code", {"code": current_code(user)})
        assert response.status_code == 302, response.content.decode()[:2000]
    return client


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "uploads"


@pytest.fixture(autouse=True)
def _fresh_sign_in_limits(db: Any) -> None:
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()


def draft(town: Town, text: str, author: Any = None, **fields: Any) -> Any:
    """A draft post by the officer (or ``author``) on the town's channel, through the services."""
    from civicpost.desk.posts import services as posts

    return posts.create_post(town.council, author or town.officer,
                             posts.Draft(text=text, channel_ids=(town.channel.pk,), **fields))
