"""Acting on a message: a reply is a post of kind reply on the message's channel, checked like any
post and approved where the council's replies need it; hiding or deleting a comment records the
house rule it broke and keeps the original in the archive."""

from __future__ import annotations

import pytest

from civicpost.desk.audit.models import AuditEvent
from civicpost.desk.inbox import replying, services
from civicpost.desk.inbox.models import Message
from civicpost.desk.posts.models import Decision, Status

from .conftest import Town, signed_in
from .inbox_support import arrive

QUESTION = "When is the next full council meeting?"
ABUSIVE = "Abusive, threatening or discriminatory language"
LINK = "https://www.facebook.com/LoughtonTownCouncil/posts/1029384756?comment_id=77"


def test_a_reply_goes_for_approval_where_the_councils_replies_need_it(loughton: Town) -> None:
    message = arrive(loughton, QUESTION, link=LINK)
    client = signed_in(loughton.officer)
    response = client.post(f"/inbox/{message.pk}/reply",
                           {"reply-text": "Hello Sandra, it is on Tuesday 12 January at 7.30pm."})
    assert response.status_code == 302
    message.refresh_from_db()
    post = message.reply_post
    assert post is not None and post.kind == "reply" and post.post_type == "answer"
    assert post.in_reply_to == LINK
    assert list(post.channels.all()) == [loughton.channel]
    assert post.status == Status.SUBMITTED and message.state == "answered"
    assert "waiting for approval" in client.get(response["Location"]).content.decode()
    assert f"Post {post.pk}" in client.get(f"/inbox/{message.pk}").content.decode()


def test_a_reply_is_published_at_once_where_replies_need_no_approval(loughton: Town) -> None:
    loughton.council.replies_need_approval = False
    loughton.council.save()
    message = arrive(loughton, QUESTION, link=LINK)
    done = replying.reply(message, loughton.officer, "It is on Tuesday at 7.30pm in the Council Chamber.")
    assert done.sent
    done.post.refresh_from_db()
    assert done.post.status == Status.PUBLISHING
    assert done.post.decisions.filter(action=Decision.Action.RELEASED).exists()


def test_a_reply_with_a_blocking_finding_is_kept_as_a_draft_and_says_why(loughton: Town) -> None:
    loughton.council.replies_need_approval = False
    loughton.council.save()
    message = arrive(loughton, QUESTION)
    client = signed_in(loughton.officer)
    response = client.post(f"/inbox/{message.pk}/reply",
                           {"reply-text": "Ring Mrs Harris on 07700 900461 and she will tell you."})
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.reply_post.status == Status.DRAFT and message.state == "in-hand"
    page = client.get(response["Location"]).content.decode()
    assert "saved as a draft" in page and "must be fixed" in page


def test_a_second_reply_is_refused_while_the_first_stands(loughton: Town) -> None:
    message = arrive(loughton, QUESTION)
    replying.reply(message, loughton.officer, "On Tuesday at 7.30pm.")
    with pytest.raises(services.NotAllowed, match="already written"):
        replying.reply(message, loughton.officer2, "On Tuesday.")


def test_an_empty_reply_keeps_the_page_with_the_error(loughton: Town) -> None:
    message = arrive(loughton, QUESTION)
    response = signed_in(loughton.officer).post(f"/inbox/{message.pk}/reply", {"reply-text": "  "})
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert Message.objects.get(pk=message.pk).reply_post is None


def test_a_hidden_comment_keeps_its_original_text_and_the_rule_it_broke(loughton: Town) -> None:
    text = "You absolute idiots, the clerk couldn't run a bath"
    message = arrive(loughton, text)
    rule = ABUSIVE
    client = signed_in(loughton.officer)
    response = client.post(f"/inbox/{message.pk}/moderate", {"moderate-action": "hide",
                                                              "moderate-reason": rule,
                                                              "moderate-note": ""})
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.state, message.moderation_reason, message.text) == ("hidden", rule, text)
    assert message.platform_action_pending and message.moderated_by == loughton.officer
    event = AuditEvent.objects.get(action="inbox.hidden")
    assert event.details["reason"] == rule and event.details["text"] == text
    page = client.get(f"/inbox/{message.pk}").content.decode()
    assert "kept exactly as it arrived" in page and "idiots" in page
    assert message.pk in [m.pk for m in Message.objects.filter(state="hidden")]


def test_a_reason_that_is_not_one_of_the_house_rules_is_refused(loughton: Town) -> None:
    message = arrive(loughton, "Vote for the other lot!")
    response = signed_in(loughton.officer).post(f"/inbox/{message.pk}/moderate", {
        "moderate-action": "delete", "moderate-reason": "I did not like it"})
    assert response.status_code == 400
    assert Message.objects.get(pk=message.pk).state == "new"


def test_the_clerk_edits_the_house_rules_and_the_new_ones_apply(loughton: Town) -> None:
    services.update_settings(loughton.council, loughton.clerk,
                             {"house_rules": "Spam\nParty political campaigning during an election"})
    message = arrive(loughton, "Vote for the other lot!")
    with pytest.raises(services.NotAllowed, match="house rule"):
        services.moderate(message, loughton.officer, "delete", ABUSIVE)
    services.moderate(message, loughton.officer, "delete", "Party political campaigning during an election")
    assert Message.objects.get(pk=message.pk).state == "deleted"
    with pytest.raises(services.NotAllowed):
        services.settle(message, loughton.officer, "in-hand")  # a deleted comment stays deleted


def test_a_direct_message_cannot_be_hidden(loughton: Town) -> None:
    message = arrive(loughton, "You are all useless", kind="dm")
    with pytest.raises(services.NotAllowed, match="direct message"):
        services.moderate(message, loughton.officer, "hide", ABUSIVE)


def test_councillors_and_partners_cannot_see_the_inbox(loughton: Town) -> None:
    message = arrive(loughton, QUESTION)
    for person in (loughton.councillor, loughton.partner, loughton.auditor):
        client = signed_in(person)
        assert client.get("/inbox/").status_code == 403
        assert client.get(f"/inbox/{message.pk}").status_code == 403
        assert "/inbox/" not in client.get("/").content.decode()
    assert 'href="/inbox/"' in signed_in(loughton.officer).get("/").content.decode()


def test_the_dashboard_counts_what_is_due_overdue_and_urgent(loughton: Town) -> None:
    import datetime as dt

    from .inbox_support import UK

    now = dt.datetime.now(UK)
    arrive(loughton, "When will the bins on Mill Lane be emptied?", when=now - dt.timedelta(days=20))
    arrive(loughton, "I know where the clerk lives.")
    page = signed_in(loughton.officer).get("/").content.decode()
    # A threat is due at once (Loughton §3), so from the moment it arrives it counts as overdue too.
    assert "2 overdue" in page and "1 urgent" in page and "2 waiting in all" in page
