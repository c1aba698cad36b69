"""Triage on arrival and the clocks: each message gets the engine's labels with the words that
triggered them, the council's own response targets set its due time, FOI requests are due on the
20th working day, and the queue puts what is due first at the top with overdue ones marked."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from civicpost.desk.audit.models import AuditEvent
from civicpost.desk.inbox import services
from civicpost.desk.inbox.models import FoiDecision, Message, inbox_settings

from .conftest import Town, signed_in
from .inbox_support import UK, arrive, at


def test_a_message_is_labelled_on_arrival_with_the_words_that_triggered_it(loughton: Town) -> None:
    message = arrive(loughton, "When is the streetlight on Forest Road being fixed?")
    assert message.has("question") and not message.urgent
    label = next(item for item in message.labels if item["label"] == "question")
    assert label["why"]
    page = signed_in(loughton.officer).get(f"/inbox/{message.pk}").content.decode()
    assert 'data-label="question"' in page
    assert "the words: “" in page
    assert "<mark" in page


def test_a_question_is_due_by_the_councils_target(loughton: Town) -> None:
    # Monday 7 December 2026, 10:00: two working days later is Wednesday at close of business.
    message = arrive(loughton, "What time does the library open on Saturday?", when=at("2026-12-07"))
    assert timezone.localtime(message.due) == at("2026-12-09", "17:00")


def test_the_council_sets_its_own_targets_and_they_apply_to_what_arrives_next(loughton: Town) -> None:
    services.update_settings(loughton.council, loughton.clerk,
                             {"question_days": 5, "close_of_business": dt.time(16, 30)})
    message = arrive(loughton, "What time does the library open on Saturday?", when=at("2026-12-07"))
    assert timezone.localtime(message.due) == at("2026-12-14", "16:30")


def test_a_target_left_empty_sets_no_clock(loughton: Town) -> None:
    services.update_settings(loughton.council, loughton.clerk, {"question_days": None})
    message = arrive(loughton, "What time does the library open on Saturday?", when=at("2026-12-07"))
    assert message.has("question") and message.due is None


def test_a_negative_comment_after_hours_is_due_by_the_end_of_the_next_working_day(loughton: Town) -> None:
    message = arrive(loughton, "What a waste of money. Typical.", when=at("2026-12-07", "20:15"))
    assert message.has("negative")
    assert timezone.localtime(message.due) == at("2026-12-08", "17:00")


def test_an_foi_request_is_due_on_the_20th_working_day_and_its_page_says_so(loughton: Town) -> None:
    # Received Friday 18 December 2026: Christmas, Boxing Day's substitute, New Year and Scotland's
    # 2 January holiday are not working days, so the 20th working day is Thursday 21 January 2027.
    message = arrive(loughton, "Under the Freedom of Information Act please send me all invoices for "
                               "the Christmas lights.", author="LoughtonWatcher",
                     handle="@loughtonwatch", when=at("2026-12-18", "10:00"))
    assert message.has("foi")
    assert timezone.localtime(message.due).date() == dt.date(2027, 1, 21)
    page = signed_in(loughton.clerk).get(f"/inbox/{message.pk}").content.decode()
    assert "Answer by Thursday 21 January 2027" in page
    validity = page[page.index('id="foi-validity"'):page.index('id="foi-note"')]
    assert validity.count("Missing") == 2  # no real name, no address: a handle alone is not one
    assert "a social media handle alone is not an address for correspondence" in page


def test_an_foi_request_with_a_name_and_an_email_address_is_valid(loughton: Town) -> None:
    message = arrive(loughton, "FOI request: the total cost of the new website since 2024. "
                               "Ellen Brooks, ellen.brooks@example.org", author="Ellen Brooks")
    page = signed_in(loughton.clerk).get(f"/inbox/{message.pk}").content.decode()
    assert "A valid request (FOIA s.8)" in page
    assert "ellen.brooks@example.org" in page[page.index('id="foi-validity"'):]


def test_the_council_may_choose_to_accept_a_handle_as_the_address(loughton: Town) -> None:
    message = arrive(loughton, "FOI request: how much did the council spend on consultants in 2025?",
                     author="Ravi Chauhan", handle="@ravic")
    client = signed_in(loughton.clerk)
    assert "Not yet a valid request" in client.get(f"/inbox/{message.pk}").content.decode()
    services.update_settings(loughton.council, loughton.clerk, {"handle_is_address": True})
    assert "A valid request (FOIA s.8)" in client.get(f"/inbox/{message.pk}").content.decode()


def test_only_the_clerk_decides_on_an_foi_request_and_not_one_stops_its_clock(loughton: Town) -> None:
    message = arrive(loughton, "How much did the council spend on the jubilee party? When is the "
                               "next meeting?", when=at("2026-12-07"))
    assert message.has("foi") and message.has("question")
    with pytest.raises(services.NotAllowed, match="Town Clerk"):
        services.decide_foi(message, loughton.officer, FoiDecision.NOT_FOI, "a question")
    response = signed_in(loughton.officer).post(f"/inbox/{message.pk}/foi",
                                                {"foi-decision": "not-foi", "foi-note": "x"})
    assert response.status_code == 403
    client = signed_in(loughton.clerk)
    refused = client.post(f"/inbox/{message.pk}/foi", {"foi-decision": "not-foi", "foi-note": ""})
    assert refused.status_code == 400 and "Write a note of the decision" in refused.content.decode()
    client.post(f"/inbox/{message.pk}/foi", {"foi-decision": "not-foi",
                                             "foi-note": "A question answered from the budget page"})
    message.refresh_from_db()
    assert message.foi_decision == "not-foi" and message.foi_decided_by == loughton.clerk
    # The question's two-day clock is what remains.
    assert timezone.localtime(message.due) == at("2026-12-09", "17:00")
    assert "A question answered from the budget page" in client.get(f"/inbox/{message.pk}").content.decode()


def test_a_complaint_points_to_the_formal_procedure_and_the_referral_is_recorded(ludgershall: Town) -> None:
    services.update_settings(ludgershall.council, ludgershall.clerk,
                             {"complaints_procedure": "https://ludgershall.example.org/complaints"})
    message = arrive(ludgershall, "I want to make a formal complaint about the state of the cemetery.")
    assert message.has("complaint")
    client = signed_in(ludgershall.officer)
    page = client.get(f"/inbox/{message.pk}").content.decode()
    assert "Ludgershall §7" in page and "https://ludgershall.example.org/complaints" in page
    assert "If you have a complaint, you should use the council&#x27;s formal grievance procedures" in page \
        or "If you have a complaint, you should use the council's formal grievance procedures" in page
    client.post(f"/inbox/{message.pk}/refer", {"refer-procedure": "complaints",
                                               "refer-note": "Sent the complaints form by reply"})
    message.refresh_from_db()
    assert message.referred_to == "complaints" and message.referred_by == ludgershall.officer
    assert "Referred to the council" in client.get(f"/inbox/{message.pk}").content.decode()


def test_a_staff_grievance_is_labelled_and_offers_the_grievance_procedure(ludgershall: Town) -> None:
    message = arrive(ludgershall, "As someone who works for the council, my manager bullies staff "
                                  "and nobody cares.")
    assert message.has("grievance")
    page = signed_in(ludgershall.officer).get(f"/inbox/{message.pk}").content.decode()
    assert "may itself be a breach of the policy" in page


def _rows(page: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-message="(\d+)"', page)]


def test_the_queue_puts_what_is_due_first_at_the_top_and_marks_the_overdue(loughton: Town) -> None:
    now = dt.datetime.now(UK).replace(microsecond=0)
    chatter = arrive(loughton, "See you there", when=now - dt.timedelta(days=1))
    overdue = arrive(loughton, "When will the bins on Mill Lane be emptied?",
                     when=now - dt.timedelta(days=20))
    foi = arrive(loughton, "FOI request: all invoices for the Christmas lights.", when=now)
    threat = arrive(loughton, "I'll smash the clerk's face in if I see them",
                    when=now - dt.timedelta(hours=1))
    page = signed_in(loughton.officer).get("/inbox/").content.decode()
    order = _rows(page)
    assert order.index(overdue.pk) < order.index(threat.pk) < order.index(foi.pk) < order.index(chatter.pk)
    overdue_row = page[page.index(f'data-message="{overdue.pk}"'):]
    assert "Overdue" in overdue_row[:overdue_row.index("</tr>")]
    foi_row = page[page.index(f'data-message="{foi.pk}"'):]
    assert "Overdue" not in foi_row[:foi_row.index("</tr>")]


def test_the_queue_filters_by_label_and_state(loughton: Town) -> None:
    question = arrive(loughton, "When is the next full council meeting?")
    praise = arrive(loughton, "Thank you so much for sorting the swings!")
    client = signed_in(loughton.officer)
    assert _rows(client.get("/inbox/", {"label": "question"}).content.decode()) == [question.pk]
    assert _rows(client.get("/inbox/", {"label": "positive"}).content.decode()) == [praise.pk]
    services.settle(question, loughton.officer, "answered")
    assert question.pk not in _rows(client.get("/inbox/").content.decode())
    assert _rows(client.get("/inbox/", {"state": "answered"}).content.decode()) == [question.pk]
    assert set(_rows(client.get("/inbox/", {"state": "all"}).content.decode())) == {question.pk, praise.pk}
    bad = client.get("/inbox/", {"label": "nonsense"})
    assert bad.status_code == 400 and "govuk-error-summary" in bad.content.decode()


def test_taking_closing_and_reopening_a_message_are_recorded(loughton: Town) -> None:
    message = arrive(loughton, "When is the next full council meeting?")
    client = signed_in(loughton.officer)
    client.post(f"/inbox/{message.pk}/take", {"take-assignee": str(loughton.officer2.pk)})
    message.refresh_from_db()
    assert (message.state, message.assigned_to) == ("in-hand", loughton.officer2)
    client.post(f"/inbox/{message.pk}/settle", {"settle-state": "closed", "settle-note": "answered by phone"})
    message.refresh_from_db()
    assert message.state == "closed" and not message.is_overdue(timezone.now() + dt.timedelta(days=30))
    client.post(f"/inbox/{message.pk}/settle", {"settle-state": "in-hand"})
    message.refresh_from_db()
    assert message.state == "in-hand"
    summaries = " | ".join(event.summary for event in
                           AuditEvent.objects.filter(subject_type="message", subject_id=str(message.pk)))
    assert "in hand with Owen Officer" in summaries and "closed: answered by phone" in summaries
    assert "reopened" in summaries


def test_a_message_cannot_be_handed_to_someone_outside_the_staff(loughton: Town) -> None:
    message = arrive(loughton, "When is the next full council meeting?")
    with pytest.raises(services.NotAllowed):
        services.take(message, loughton.officer, loughton.councillor)
    assert Message.objects.get(pk=message.pk).state == "new"


def test_inbox_settings_are_the_clerks_and_refuse_impossible_targets(loughton: Town) -> None:
    assert signed_in(loughton.officer).get("/inbox/settings").status_code == 403
    client = signed_in(loughton.clerk)
    form = {"question_days": "99", "complaint_days": "5", "negative_days": "0",
            "close_of_business": "17:00", "house_rules": "Abuse", "complaints_procedure": "",
            "grievance_procedure": "", "history_views_warned": "3", "history_period_days": "28"}
    response = client.post("/inbox/settings", form)
    assert response.status_code == 400 and "from 0 to 60" in response.content.decode()
    assert inbox_settings(loughton.council).question_days == 2
    assert client.post("/inbox/settings", {**form, "question_days": "3"}).status_code == 302
    assert inbox_settings(loughton.council).question_days == 3
