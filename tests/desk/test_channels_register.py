"""The register of the council's channel accounts (Loughton §3, Ludgershall §6): who administers
each and how, the permitted exception of personal profiles on a Facebook page, and the
dashboard's warnings about addresses, two-factor sign-in and old credentials."""

from __future__ import annotations

import datetime as dt

from civicpost.desk.audit.models import AuditEvent
from civicpost.desk.channels import services, transport
from civicpost.desk.channels.models import ChannelAccount, ChannelAdministrator, Platform

from .conftest import Town, signed_in


def register_data(town: Town, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "action": "save", "name": "Facebook page", "handle": "@loughtontc",
        "url": "https://www.facebook.com/loughtontc",
        "registered_email": f"clerk@{town.council.email_domain}",
        "administered_by": "The Town Clerk", "two_factor_enabled": "on",
        "credentials_changed": dt.date.today().isoformat(), "active": "on"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_well_kept_account_raises_no_warning(loughton: Town) -> None:
    clerk = signed_in(loughton.clerk)
    assert clerk.post(f"/channels/{loughton.channel.pk}", register_data(loughton)).status_code == 302
    assert "Channel accounts" not in clerk.get("/").content.decode()
    page = clerk.get("/channels/").content.decode()
    assert "https://www.facebook.com/loughtontc" in page and "Needs attention" not in page
    event = AuditEvent.objects.get(action="channel.register-changed", council=loughton.council)
    assert "registered_email" in event.details


def test_the_dashboard_warns_of_each_problem(loughton: Town) -> None:
    clerk = signed_in(loughton.clerk)
    old = (dt.date.today() - dt.timedelta(days=400)).isoformat()
    clerk.post(f"/channels/{loughton.channel.pk}", register_data(
        loughton, registered_email="loughton.tc@gmail.com", two_factor_enabled=None, credentials_changed=old))
    page = clerk.get("/").content.decode()
    assert "registered to loughton.tc@gmail.com, not a council address" in page
    assert "two-factor sign-in is off" in page
    assert "over a year" in page
    # Officers do not get the Clerk's warning.
    assert "two-factor sign-in is off" not in signed_in(loughton.officer).get("/").content.decode()


def test_a_year_to_the_day_is_not_yet_stale_and_a_subdomain_is_a_council_address(loughton: Town) -> None:
    from civicpost.desk.channels.warnings import problems

    channel = loughton.channel
    channel.registered_email = f"comms@mail.{loughton.council.email_domain}"
    channel.two_factor_enabled = True
    today = dt.date(2026, 6, 1)
    channel.credentials_changed = dt.date(2025, 6, 1)
    assert problems(channel, loughton.council.email_domain, today) == []
    channel.credentials_changed = dt.date(2025, 5, 31)
    assert problems(channel, loughton.council.email_domain, today) == [
        "credentials unchanged since 31 May 2025, over a year"]
    channel.registered_email = f"someone@not{loughton.council.email_domain}"
    assert any("not a council address" in p for p in problems(channel, loughton.council.email_domain, today))


def test_personal_profiles_run_a_facebook_page_as_the_permitted_exception(ludgershall: Town) -> None:
    clerk = signed_in(ludgershall.clerk)
    response = clerk.post(f"/channels/{ludgershall.channel.pk}", {
        "action": "admin", "name": "Helen Marsh", "how": "personal-profile"})
    assert response.status_code == 400 and "Name the personal profile" in response.content.decode()
    clerk.post(f"/channels/{ludgershall.channel.pk}", {
        "action": "admin", "name": "Helen Marsh", "how": "personal-profile",
        "profile": "facebook.com/helen.marsh.ludgershall", "since": "2024-04-01"})
    ludgershall.channel.refresh_from_db()
    assert ludgershall.channel.admin_via_personal_profile
    page = clerk.get(f"/channels/{ludgershall.channel.pk}").content.decode()
    assert "Permitted exception (Ludgershall §6)" in page
    admin = ChannelAdministrator.objects.get(channel=ludgershall.channel)
    clerk.post(f"/channels/{ludgershall.channel.pk}/administrators/{admin.pk}/remove")
    ludgershall.channel.refresh_from_db()
    assert not ludgershall.channel.admin_via_personal_profile
    actions = list(AuditEvent.objects.filter(council=ludgershall.council,
                                             action__startswith="channel.administrator")
                   .order_by("position").values_list("action", flat=True))
    assert actions == ["channel.administrator-added", "channel.administrator-removed"]


def test_only_a_facebook_page_may_be_run_through_personal_profiles(ludgershall: Town) -> None:
    mastodon = ChannelAccount.objects.create(council=ludgershall.council, platform=Platform.MASTODON,
                                             name="Mastodon", handle="@ludgershalltc")
    clerk = signed_in(ludgershall.clerk)
    response = clerk.post(f"/channels/{mastodon.pk}", {
        "action": "admin", "name": "Ben Cole", "how": "personal-profile", "profile": "@ben"})
    assert response.status_code == 400 and "Only a Facebook page" in response.content.decode()
    refused = clerk.post(f"/channels/{mastodon.pk}", register_data(
        ludgershall, name="Mastodon", url="", admin_via_personal_profile="on"))
    assert refused.status_code == 400
    mastodon.refresh_from_db()
    assert not mastodon.admin_via_personal_profile


def test_the_register_leaves_the_credentials_alone(loughton: Town) -> None:
    ChannelAccount.objects.filter(pk=loughton.channel.pk).update(credentials="sealed")
    clerk = signed_in(loughton.clerk)
    clerk.post(f"/channels/{loughton.channel.pk}", register_data(loughton, credentials="overwritten"))
    loughton.channel.refresh_from_db()
    assert loughton.channel.credentials == "sealed"
    assert "sealed" not in clerk.get(f"/channels/{loughton.channel.pk}").content.decode()


def test_who_may_see_and_change_the_register(loughton: Town, ludgershall: Town) -> None:
    assert signed_in(loughton.officer).get("/channels/").status_code == 403
    auditor = signed_in(loughton.auditor)
    assert auditor.get(f"/channels/{loughton.channel.pk}").status_code == 200
    assert auditor.post(f"/channels/{loughton.channel.pk}", register_data(loughton)).status_code == 403
    assert signed_in(loughton.clerk).get(f"/channels/{ludgershall.channel.pk}").status_code == 404
    try:
        services.update_register(loughton.channel, loughton.officer, {"two_factor_enabled": True})
    except services.NotAllowed as exc:
        assert "Only the Town Clerk" in str(exc)
    else:
        raise AssertionError("an officer changed the register")


def test_the_clerk_rotates_credentials_from_the_register(loughton: Town) -> None:
    channel = ChannelAccount.objects.create(council=loughton.council, platform=Platform.MASTODON,
                                            name="Mastodon", credentials_changed=dt.date(2024, 1, 5))
    clerk = signed_in(loughton.clerk)
    page = clerk.get(f"/channels/{channel.pk}").content.decode()
    assert f"/settings/channels/{channel.pk}/connect" in page and "Connect the account" in page
    for token in ("first-token-0001", "rotated-token-0002"):
        answer = clerk.post(f"/settings/channels/{channel.pk}/connect",
                            {"access_token": token, "api_base_url": "https://social.example"})
        assert answer.status_code == 302
    channel.refresh_from_db()
    assert transport.credentials_of(channel)["access_token"].reveal() == "rotated-token-0002"
    assert channel.credentials_changed == dt.date.today()
    page = clerk.get(f"/channels/{channel.pk}").content.decode()
    assert "Change the credentials" in page and "rotated-token-0002" not in page
    changes = AuditEvent.objects.filter(action="channel.credentials-changed", council=loughton.council)
    assert changes.count() == 2
