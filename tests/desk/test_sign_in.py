"""Signing in: council addresses for staff, argon2, the lock after failed attempts, two-factor
for the Clerk, and the end of the working day."""

from __future__ import annotations

import datetime as dt
import time
from unittest import mock

from django.contrib.auth.hashers import identify_hasher
from django.test import Client
from django.utils import timezone

from civicpost.desk.audit.models import AuditEvent
from civicpost.desk.councils.models import Membership

from .conftest import PASSWORD, Town, current_code, signed_in


def test_passwords_are_stored_with_argon2(loughton: Town) -> None:
    assert identify_hasher(loughton.officer.password).algorithm == "argon2"


def test_an_officer_signs_in_and_it_is_audited(loughton: Town) -> None:
    client = Client()
    response = client.post("/sign-in", {"email": loughton.officer.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(action="user.signed-in", actor=loughton.officer).exists()


def test_a_wrong_password_says_so_without_saying_which_part(loughton: Town) -> None:
    response = Client().post("/sign-in", {"email": loughton.officer.email, "password": "nope"})
    assert response.status_code == 200
    assert "The email address or password is not right" in response.content.decode()


def test_staff_whose_address_is_not_at_the_council_domain_cannot_sign_in(loughton: Town) -> None:
    from civicpost.desk.councils import services

    membership, _ = services.add_member(loughton.council, None, name="Gmail Gary",
                                        email="gary@gmail.example.com", role="councillor",
                                        password=PASSWORD)
    Membership.objects.filter(pk=membership.pk).update(role="officer")  # a role changed behind its back
    response = Client().post("/sign-in", {"email": "gary@gmail.example.com", "password": PASSWORD})
    page = response.content.decode()
    assert response.status_code == 200
    assert "sign in with their council email address" in page
    assert "@loughton-tc.example.org" in page


def test_five_failed_attempts_lock_the_account_from_that_address(loughton: Town) -> None:
    client = Client()
    for _ in range(5):
        client.post("/sign-in", {"email": loughton.officer.email, "password": "wrong"})
    locked = client.post("/sign-in", {"email": loughton.officer.email, "password": PASSWORD})
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert client.get("/").status_code == 302  # still not signed in


def test_the_clerk_must_give_a_security_code(loughton: Town) -> None:
    client = Client()
    response = client.post("/sign-in", {"email": loughton.clerk.email, "password": PASSWORD})
    assert response.headers["Location"] == "/sign-in/security-code"
    assert client.get("/posts/approvals").headers["Location"] == "/sign-in/security-code"
    right = current_code(loughton.clerk)
    wrong = client.post("/sign-in/security-code", {"code": "000000" if right != "000000" else "111111"})
    assert "That code is not right" in wrong.content.decode()
    hurried = client.post("/sign-in/security-code", {"code": current_code(loughton.clerk)})
    assert "Too many wrong codes" in hurried.content.decode()
    time.sleep(2.1)  # the wait after two wrong tries
    client.post("/sign-in/security-code", {"code": current_code(loughton.clerk)})
    assert client.get("/posts/approvals").status_code == 200


def test_a_new_clerk_sets_up_security_codes_first(loughton: Town) -> None:
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=loughton.clerk).delete()
    client = Client()
    response = client.post("/sign-in", {"email": loughton.clerk.email, "password": PASSWORD})
    assert response.headers["Location"] == "/sign-in/set-up-security-codes"
    page = client.get("/sign-in/set-up-security-codes").content.decode()
    assert "<svg" in page and "totp-secret" in page
    device = TOTPDevice.objects.get(user=loughton.clerk, confirmed=False)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    assert client.post("/sign-in/set-up-security-codes", {"code": code}).status_code == 302
    assert TOTPDevice.objects.get(user=loughton.clerk).confirmed
    assert client.get("/posts/approvals").status_code == 200


def test_the_session_ends_at_the_end_of_the_working_day(loughton: Town, settings) -> None:
    settings.CIVICPOST_WORKING_DAY_END = dt.time(17, 30)
    morning = timezone.make_aware(dt.datetime(2026, 12, 3, 9, 0))
    with mock.patch("django.utils.timezone.now", return_value=morning):
        client = signed_in(loughton.officer)
        assert client.get("/").status_code == 200
    evening = timezone.make_aware(dt.datetime(2026, 12, 3, 17, 31))
    with mock.patch("django.utils.timezone.now", return_value=evening):
        response = client.get("/posts/new")
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")
    assert AuditEvent.objects.filter(action="session.ended").exists()


def test_the_session_ends_after_inactivity(loughton: Town, settings) -> None:
    settings.CIVICPOST_IDLE_MINUTES = 30
    start = timezone.make_aware(dt.datetime(2026, 12, 3, 9, 0))
    with mock.patch("django.utils.timezone.now", return_value=start):
        client = signed_in(loughton.officer)
    with mock.patch("django.utils.timezone.now", return_value=start + dt.timedelta(minutes=29)):
        assert client.get("/").status_code == 200
    with mock.patch("django.utils.timezone.now", return_value=start + dt.timedelta(minutes=61)):
        assert client.get("/").status_code == 302


def test_signing_out_is_a_post_and_is_audited(loughton: Town) -> None:
    client = signed_in(loughton.officer)
    assert client.get("/sign-out").status_code == 405
    client.post("/sign-out")
    assert client.get("/").status_code == 302
    assert AuditEvent.objects.filter(action="user.signed-out").exists()
