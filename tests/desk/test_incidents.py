"""Incidents: opened from a message or by hand, the message preserved as it was with its SHA-256,
people involved, a dated log of actions, a status and an outcome; the Clerk handles them, the
auditor reads them, an officer reports them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from civicpost.desk.audit.log import verify
from civicpost.desk.inbox import services as inbox
from civicpost.desk.incidents import services
from civicpost.desk.incidents.models import Evidence, Incident

from .conftest import Town, signed_in
from .inbox_support import arrive

TROLLING = "Everyone go and pile on the clerk's page, make her life a misery lol"


def test_an_officer_reports_an_incident_from_a_message_and_the_clerk_is_told(
        loughton: Town, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any) -> None:
    message = arrive(loughton, TROLLING, author="Troll Account", handle="@troll")
    client = signed_in(loughton.officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/inbox/{message.pk}/report", {
            "report-kind": "trolling", "report-summary": "Organised pile-on against the Clerk",
            "report-people": "Troll Account (@troll)\nThe Town Clerk"})
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert (incident.kind, incident.opened_by, incident.people()) == (
        "trolling", loughton.officer, ["Troll Account (@troll)", "The Town Clerk"])
    assert [m.to for m in mailoutbox] == [[loughton.clerk.email]]
    assert f"/incidents/{incident.pk}" in mailoutbox[0].body
    assert "Reported to the Town Clerk as incident" in client.get(response["Location"]).content.decode()
    # The officer reported it; reading incidents is for the Clerk and the auditor.
    assert client.get(f"/incidents/{incident.pk}").status_code == 403
    assert client.get("/incidents/").status_code == 403


def test_the_evidence_is_the_message_as_it_was_when_the_incident_opened(loughton: Town) -> None:
    message = arrive(loughton, TROLLING, author="Troll Account", handle="@troll")
    incident = services.open_incident(loughton.council, loughton.clerk, kind="trolling",
                                      summary="Pile-on", messages=[message])
    inbox.moderate(message, loughton.officer, "hide", "Harassment or trolling of a person")
    evidence = Evidence.objects.get(incident=incident)
    assert evidence.copy["text"] == TROLLING and evidence.copy["state"] == "new"
    assert evidence.intact
    page = signed_in(loughton.clerk).get(f"/incidents/{incident.pk}").content.decode()
    assert evidence.sha256 in page and "Unchanged" in page and "now hidden on the council" in page


def test_changed_evidence_shows_as_changed(loughton: Town) -> None:
    message = arrive(loughton, TROLLING)
    incident = services.open_incident(loughton.council, loughton.clerk, kind="trolling",
                                      summary="Pile-on", messages=[message])
    Evidence.objects.filter(incident=incident).update(copy={**message.snapshot(), "text": "nothing to see"})
    page = signed_in(loughton.clerk).get(f"/incidents/{incident.pk}").content.decode()
    assert "Changed since it was preserved" in page


def test_an_incident_can_be_opened_by_hand_and_more_messages_preserved(loughton: Town) -> None:
    client = signed_in(loughton.clerk)
    response = client.post("/incidents/new", {"kind": "harassment", "summary": "Phone calls to the office",
                                              "people": "Unknown caller"})
    incident = Incident.objects.get()
    assert response["Location"] == f"/incidents/{incident.pk}" and incident.evidence.count() == 0
    message = arrive(loughton, "You'll be hearing from me again and again", author="Unknown caller")
    client.post(f"/incidents/{incident.pk}/evidence", {"message": str(message.pk)})
    assert incident.evidence.get().message == message
    again = client.post(f"/incidents/{incident.pk}/evidence", {"message": str(message.pk)})
    assert again.status_code == 400 and "already preserved" in again.content.decode()
    missing = client.post(f"/incidents/{incident.pk}/evidence", {"message": "999999"})
    assert missing.status_code == 400 and "no message 999999" in missing.content.decode()


def test_a_dated_log_of_actions_and_a_status_with_its_outcome(loughton: Town) -> None:
    message = arrive(loughton, "I know where the clerk lives. I'll smash their face in.")
    incident = Incident.objects.get()  # opened on arrival
    client = signed_in(loughton.clerk)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    client.post(f"/incidents/{incident.pk}/actions", {"done_on": yesterday.isoformat(),
                                                      "what": "Rang Essex Police, reference 42/1234"})
    refused = client.post(f"/incidents/{incident.pk}/decide", {"status": "closed", "outcome": ""})
    assert refused.status_code == 400 and "Record the outcome" in refused.content.decode()
    client.post(f"/incidents/{incident.pk}/decide", {"status": "referred", "outcome": "police",
                                                     "note": "Police are dealing with it"})
    incident.refresh_from_db()
    assert (incident.status, incident.outcome) == ("referred", "police")
    actions = list(incident.actions.values_list("done_on", "what"))
    assert (yesterday, "Rang Essex Police, reference 42/1234") in actions
    assert any("Police informed" in what for _, what in actions)
    client.post(f"/incidents/{incident.pk}/decide", {"status": "closed", "outcome": ""})
    incident.refresh_from_db()
    assert incident.status == "closed" and incident.closed_at is not None and incident.outcome == "police"
    page = client.get(f"/incidents/{incident.pk}").content.decode()
    assert "Rang Essex Police" in page and "Police informed" in page and message.text[:20] in page
    assert verify().ok


def test_an_action_cannot_be_dated_in_the_future(loughton: Town) -> None:
    incident = services.open_incident(loughton.council, loughton.clerk, kind="abuse", summary="x")
    with pytest.raises(services.NotAllowed, match="future"):
        services.log_action(incident, loughton.clerk, timezone.localdate() + dt.timedelta(days=2), "Done")


def test_the_auditor_reads_incidents_but_changes_nothing(loughton: Town) -> None:
    arrive(loughton, "This post is defamatory and my solicitor will be in touch.")
    incident = Incident.objects.get()
    client = signed_in(loughton.auditor)
    assert client.get("/incidents/").status_code == 200
    page = client.get(f"/incidents/{incident.pk}").content.decode()
    assert "defamatory" in page and "Record the action" not in page
    closing = {"status": "closed", "outcome": "no-further-action"}
    assert client.post(f"/incidents/{incident.pk}/decide", closing).status_code == 403
    logging = {"done_on": "2026-01-01", "what": "x"}
    assert client.post(f"/incidents/{incident.pk}/actions", logging).status_code == 403
    incident.refresh_from_db()
    assert incident.status == "open"


def test_the_incident_list_filters_by_status(loughton: Town) -> None:
    open_one = services.open_incident(loughton.council, loughton.clerk, kind="abuse", summary="Open abuse")
    closed = services.open_incident(loughton.council, loughton.clerk, kind="trolling", summary="Old trolling")
    services.decide(closed, loughton.clerk, status="closed", outcome="no-further-action")
    client = signed_in(loughton.clerk)
    active = client.get("/incidents/", {"status": "active"}).content.decode()
    assert open_one.summary in active and closed.summary not in active
    assert closed.summary in client.get("/incidents/").content.decode()


def test_menu_and_dashboard_show_incidents_to_the_clerk_and_auditor_only(loughton: Town) -> None:
    services.open_incident(loughton.council, loughton.clerk, kind="abuse", summary="Open abuse")
    clerk = signed_in(loughton.clerk).get("/").content.decode()
    assert 'href="/incidents/"' in clerk and "1 incident not closed" in clerk
    assert 'href="/incidents/"' in signed_in(loughton.auditor).get("/").content.decode()
    assert 'href="/incidents/"' not in signed_in(loughton.officer).get("/").content.decode()
