"""Libel complaints and threats reach the Clerk at once (Loughton §3, §5): an e-mail when they
arrive, a banner on every one of the Clerk's pages until acknowledged, and an incident opened with
the message preserved as evidence."""

from __future__ import annotations

from typing import Any

import pytest

from civicpost.desk.audit.log import verify
from civicpost.desk.inbox import importing, services
from civicpost.desk.incidents.models import Evidence, Incident, content_hash

from .conftest import Town, signed_in
from .inbox_support import arrive, facebook_csv

LIBEL = "This post is defamatory and I have passed it to my solicitor. Take it down or I'll sue."
THREAT = "I know where the clerk lives. I'll smash their face in."


def test_a_libel_complaint_emails_the_clerk_once_it_is_stored(
        loughton: Town, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        message = arrive(loughton, LIBEL, author="Gary Doyle")
    assert message.urgent and message.has("libel")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [loughton.clerk.email]
    assert "Urgent" in mail.subject and "libel complaint" in mail.body
    assert "Gary Doyle" in mail.body and f"/inbox/{message.pk}" in mail.body


def test_no_mail_goes_when_the_storing_is_rolled_back(loughton: Town, mailoutbox: list[Any],
                                                      django_capture_on_commit_callbacks: Any) -> None:
    from django.db import transaction

    class Undo(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Undo), transaction.atomic():
        arrive(loughton, THREAT)
        raise Undo
    assert mailoutbox == []


def test_an_ordinary_question_alerts_nobody(loughton: Town, mailoutbox: list[Any],
                                            django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        message = arrive(loughton, "When is the next full council meeting?")
    assert not message.urgent and mailoutbox == [] and Incident.objects.count() == 0


def test_the_clerk_sees_a_banner_on_every_page_until_acknowledging(loughton: Town) -> None:
    message = arrive(loughton, THREAT)
    clerk = signed_in(loughton.clerk)
    for path in ("/", "/posts/archive", "/inbox/", "/audit/"):
        assert 'id="urgent-alert"' in clerk.get(path).content.decode(), path
    # Officers and the auditor are not the ones the policy sends it to.
    assert 'id="urgent-alert"' not in signed_in(loughton.officer).get("/").content.decode()
    assert signed_in(loughton.officer).post(f"/inbox/{message.pk}/acknowledge").status_code == 403
    assert clerk.post(f"/inbox/{message.pk}/acknowledge").status_code == 302
    assert 'id="urgent-alert"' not in clerk.get("/").content.decode()
    message.refresh_from_db()
    assert message.alert_acknowledged_by == loughton.clerk
    assert "The Clerk acknowledged it" in clerk.get(f"/inbox/{message.pk}").content.decode()


def test_the_banner_counts_every_unacknowledged_urgent_message(loughton: Town) -> None:
    first = arrive(loughton, THREAT, author="Gary Doyle")
    arrive(loughton, LIBEL, author="Fiona McLeod")
    clerk = signed_in(loughton.clerk)
    assert "2 messages with a threat or a libel complaint need you now" in clerk.get("/").content.decode()
    services.acknowledge(first, loughton.clerk)
    assert "A message with a threat or a libel complaint needs you now" in clerk.get("/").content.decode()


def test_an_urgent_message_opens_an_incident_with_the_message_preserved(loughton: Town) -> None:
    message = arrive(loughton, LIBEL, author="Gary Doyle")
    incident = Incident.objects.get()
    assert incident.kind == "libel" and incident.status == "open" and incident.opened_by is None
    assert "Gary Doyle" in incident.people_involved
    evidence = Evidence.objects.get(incident=incident)
    assert evidence.message == message and evidence.copy["text"] == LIBEL
    assert evidence.sha256 == content_hash(evidence.copy) and evidence.intact
    assert verify().ok


def test_a_threat_and_a_libel_complaint_in_one_message_is_a_threat_incident(loughton: Town) -> None:
    arrive(loughton, THREAT + " And the post is defamatory, my solicitor will be in touch.")
    assert Incident.objects.get().kind == "threat"


def test_a_storm_from_one_account_is_one_incident_holding_every_message(loughton: Town) -> None:
    rows = [(f"1029384756_{n}", "Angry Resident", f"I know where the clerk lives. Number {n}.",
             f"2026-12-05T18:{n:02d}:00") for n in range(1, 6)]
    rows.append(("1029384756_9", "Fiona McLeod", "Someone should burn the council offices down",
                 "2026-12-05T19:00:00"))
    arrival = importing.import_export(loughton.council, loughton.officer, loughton.channel,
                                      facebook_csv(rows), file_name="storm.csv")
    assert arrival.urgent == 6
    incidents = {i.people_involved: i for i in Incident.objects.all()}
    assert set(incidents) == {"Angry Resident", "Fiona McLeod"}
    assert incidents["Angry Resident"].evidence.count() == 5
    assert "(5 messages)" in incidents["Angry Resident"].summary
