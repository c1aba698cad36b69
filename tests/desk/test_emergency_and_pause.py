"""The emergency fast track, and the council-wide switch that pauses all publishing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from civicpost.desk.audit.models import AuditEvent
from civicpost.desk.posts import publishing, services
from civicpost.desk.posts.models import Post, Publication, Status

from .conftest import Town, draft, signed_in

FLOOD = "Flood warning: the ford on Church Lane is closed. Please use the Epping Road instead."


def emergency(town: Town, text: str = FLOOD) -> Post:
    return draft(town, text, post_type="emergency")


def test_an_officer_publishes_an_emergency_post_at_once(loughton: Town, mailoutbox,
                                                        django_capture_on_commit_callbacks) -> None:
    post = emergency(loughton)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(loughton.officer).post(f"/posts/{post.pk}/emergency")
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == Status.PUBLISHING and post.fast_tracked and post.review_needed
    assert Publication.objects.get(post=post).state == Publication.State.AWAITING_LINK
    assert any(loughton.clerk.email in m.to and "Emergency" in m.subject for m in mailoutbox)
    clerk = signed_in(loughton.clerk)
    assert "emergency post" in clerk.get("/").content.decode().lower()
    clerk.post(f"/posts/{post.pk}/review", {"comment": "Right call"})
    post.refresh_from_db()
    assert not post.review_needed and post.reviewed_by == loughton.clerk


def test_the_fast_track_is_refused_while_a_blocking_finding_stands(loughton: Town) -> None:
    post = emergency(loughton, "Flood warning: ring Mrs Harris on 07700 900461 for sandbags")
    response = signed_in(loughton.officer).post(f"/posts/{post.pk}/emergency")
    assert response.status_code == 400
    assert "must be fixed" in response.content.decode()
    post.refresh_from_db()
    assert post.status == Status.DRAFT


def test_only_emergency_posts_can_be_fast_tracked(loughton: Town) -> None:
    post = draft(loughton, "Quiz night Friday")
    assert signed_in(loughton.officer).post(f"/posts/{post.pk}/emergency").status_code == 400


def test_pausing_stops_publishing_and_shows_on_every_page(loughton: Town) -> None:
    post = draft(loughton, "Carol concert on the green")
    services.submit(post, loughton.officer)
    services.approve(post, loughton.clerk)
    clerk = signed_in(loughton.clerk)
    assert clerk.post("/settings/pause", {"action": "pause", "reason": ""}).status_code == 400
    clerk.post("/settings/pause", {"action": "pause", "reason": "Pre-election period from 30 March"})
    officer = signed_in(loughton.officer)
    for page in ("/", "/posts/new", "/posts/archive", f"/posts/{post.pk}"):
        assert "Publishing is paused" in officer.get(page).content.decode()
        assert "Pre-election period from 30 March" in officer.get(page).content.decode()
    response = officer.post(f"/posts/{post.pk}/publish")
    assert response.status_code == 400 and "Publishing is paused" in response.content.decode()
    clerk.post("/settings/pause", {"action": "resume"})
    assert officer.post(f"/posts/{post.pk}/publish").status_code == 302
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"council.publishing-paused", "council.publishing-resumed"} <= actions


def test_the_worker_holds_scheduled_posts_while_paused(loughton: Town) -> None:
    from civicpost.desk.councils import services as council_services

    when = timezone.now() + dt.timedelta(hours=2)
    post = draft(loughton, "Remembrance Sunday parade", scheduled_for=when)
    services.submit(post, loughton.officer)
    services.approve(post, loughton.clerk)
    council_services.pause_publishing(loughton.council, loughton.clerk, "Flooding incident")
    assert publishing.release_scheduled(when + dt.timedelta(minutes=5)) == 0
    council_services.resume_publishing(loughton.council, loughton.clerk)
    assert publishing.release_scheduled(when + dt.timedelta(minutes=5)) == 1


def test_only_the_clerk_can_pause(loughton: Town) -> None:
    assert signed_in(loughton.officer).post("/settings/pause", {"action": "pause",
                                                                "reason": "x"}).status_code == 403


def test_a_reply_goes_out_without_approval_only_where_the_council_says_so(loughton: Town) -> None:
    reply = draft(loughton, "Thanks Sue, the bins go out on Tuesday this week.", kind="reply")
    with pytest.raises(services.NotAllowed, match="need approval"):
        publishing.publish_reply(reply, loughton.officer)
    loughton.council.replies_need_approval = False
    loughton.council.save()
    publishing.publish_reply(reply, loughton.officer)
    reply.refresh_from_db()
    assert reply.status == Status.PUBLISHING
    assert AuditEvent.objects.filter(action="post.reply-published").exists()
    blocked = draft(loughton, "Sue, ring Dave on 07700 900461", kind="reply")
    with pytest.raises(services.NotAllowed, match="must be fixed"):
        publishing.publish_reply(blocked, loughton.officer)
