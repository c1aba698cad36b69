"""Who may approve what: nobody their own post, only the Clerk over a blocking finding and with a
reason, an edit after approval sends it back, an approval lapses, a partner must have signed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from civicpost.desk.audit.models import AuditEvent
from civicpost.desk.councils.models import Membership, Role
from civicpost.desk.posts import publishing, services
from civicpost.desk.posts.models import Decision, Post, Status

from .conftest import Town, draft, signed_in

CLEAN = "The community garden needs volunteers on Saturday morning from 10am."
LEAK = "Please call Mrs Harris on 07700 900461 about the allotment."


def submitted(town: Town, text: str, author=None) -> Post:
    author = author or town.officer
    post = draft(town, text, author)
    services.submit(post, author)
    return post


def test_nobody_approves_their_own_post(loughton: Town) -> None:
    post = submitted(loughton, CLEAN, author=loughton.clerk)
    response = signed_in(loughton.clerk).post(f"/posts/{post.pk}/approve", {})
    assert response.status_code == 400
    assert "Nobody approves their own post" in response.content.decode()
    post.refresh_from_db()
    assert post.status == Status.SUBMITTED


def test_an_officer_cannot_approve_unless_delegated(loughton: Town) -> None:
    post = submitted(loughton, CLEAN)
    assert signed_in(loughton.officer2).post(f"/posts/{post.pk}/approve", {}).status_code == 403
    Membership.objects.filter(user=loughton.officer2).update(may_approve=True)
    assert signed_in(loughton.officer2).post(f"/posts/{post.pk}/approve", {}).status_code == 302
    post.refresh_from_db()
    assert post.status == Status.APPROVED and post.approved_by == loughton.officer2


def test_a_blocking_finding_needs_the_clerk_and_a_written_reason(loughton: Town) -> None:
    post = submitted(loughton, LEAK)
    assert post.current_version.blocking
    Membership.objects.filter(user=loughton.officer2).update(may_approve=True)
    delegate = signed_in(loughton.officer2).post(f"/posts/{post.pk}/approve", {})
    assert "only the Town Clerk can approve it" in delegate.content.decode()
    clerk = signed_in(loughton.clerk)
    no_reason = clerk.post(f"/posts/{post.pk}/approve", {"override_reason": "ok"})
    assert no_reason.status_code == 400 and "Write the reason" in no_reason.content.decode()
    reason = "Mrs Harris asked us in writing to publish her allotment number."
    assert clerk.post(f"/posts/{post.pk}/approve", {"override_reason": reason}).status_code == 302
    decision = Decision.objects.get(post=post, action=Decision.Action.OVERRIDDEN)
    assert decision.comment == reason and "PD001" in decision.overridden_codes[0] or decision.overridden_codes
    event = AuditEvent.objects.get(action="post.overridden")
    assert reason in event.summary


def test_editing_an_approved_post_sends_it_back_for_approval(loughton: Town) -> None:
    post = submitted(loughton, CLEAN)
    services.approve(post, loughton.clerk)
    client = signed_in(loughton.officer)
    client.post(f"/posts/{post.pk}/edit", {"text": CLEAN + " Bring gloves!", "post_type": "promotion",
                                           "kind": "post", "channels": [str(loughton.channel.pk)],
                                           "action": "save"})
    post.refresh_from_db()
    assert post.status == Status.SUBMITTED
    assert post.approved_version is None
    assert post.versions.count() == 2
    with pytest.raises(services.NotAllowed):
        publishing.publish_now(post, loughton.officer)


def test_an_approval_lapses_if_not_used_in_time(loughton: Town) -> None:
    post = submitted(loughton, CLEAN)
    services.approve(post, loughton.clerk)
    post.refresh_from_db()
    later = post.approval_expires + dt.timedelta(minutes=1)
    assert publishing.expire_approvals(later) == 1
    post.refresh_from_db()
    assert post.status == Status.SUBMITTED
    assert Decision.objects.filter(post=post, action=Decision.Action.EXPIRED).exists()
    assert AuditEvent.objects.filter(action="post.approval-expired").exists()


def test_returning_needs_a_comment_and_tells_the_author(loughton: Town, mailoutbox,
                                                        django_capture_on_commit_callbacks) -> None:
    post = submitted(loughton, CLEAN)
    clerk = signed_in(loughton.clerk)
    assert clerk.post(f"/posts/{post.pk}/return", {"comment": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        assert clerk.post(f"/posts/{post.pk}/return", {"comment": "Add the address"}).status_code == 302
    post.refresh_from_db()
    assert post.status == Status.RETURNED
    assert any(loughton.officer.email in m.to and "returned" in m.subject for m in mailoutbox)


def test_a_partner_who_has_not_signed_the_policy_cannot_draft(loughton: Town) -> None:
    from civicpost.desk.councils import services as council_services

    membership, password = council_services.add_member(
        loughton.council, loughton.clerk, name="New Partner", email="new@scouts.example.org",
        role=Role.PARTNER, organisation="Loughton Scouts", password="correct horse battery staple")
    client = signed_in(membership.user)
    response = client.post("/posts/new", {"text": CLEAN, "post_type": "promotion", "kind": "post",
                                          "action": "save", "channels": [str(loughton.channel.pk)]})
    assert response.status_code == 400
    assert "must sign and agree to the council" in response.content.decode()
    assert Post.objects.count() == 0


def test_a_partner_sees_only_its_own_posts(loughton: Town) -> None:
    theirs = submitted(loughton, "Officer's post about the council budget meeting")
    mine = draft(loughton, "Library Friends book sale", loughton.partner)
    client = signed_in(loughton.partner)
    assert client.get(f"/posts/{theirs.pk}").status_code == 404
    assert client.get(f"/posts/{mine.pk}").status_code == 200
    assert "budget meeting" not in client.get("/posts/archive").content.decode()


def test_the_auditor_reads_but_cannot_change(loughton: Town) -> None:
    post = submitted(loughton, CLEAN)
    client = signed_in(loughton.auditor)
    assert client.get(f"/posts/{post.pk}").status_code == 200
    assert client.get("/audit/").status_code == 200
    assert client.get("/posts/new").status_code == 403
    assert client.post(f"/posts/{post.pk}/approve", {}).status_code == 403
    assert client.post(f"/posts/{post.pk}/withdraw", {}).status_code == 403


def test_scheduled_post_keeps_its_approval_until_its_time(loughton: Town) -> None:
    when = timezone.now() + dt.timedelta(days=10)
    post = draft(loughton, CLEAN, scheduled_for=when)
    services.submit(post, loughton.officer)
    services.approve(post, loughton.clerk)
    post.refresh_from_db()
    assert post.approval_expires > when
    with pytest.raises(services.NotAllowed, match="scheduled for"):
        publishing.publish_now(post, loughton.officer)
    assert publishing.release_scheduled(when + dt.timedelta(minutes=1)) == 1
    post.refresh_from_db()
    assert post.status == Status.PUBLISHING
