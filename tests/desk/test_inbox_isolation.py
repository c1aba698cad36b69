"""One installation, many councils: nobody sees or acts on another council's messages, arrivals,
people's histories, incidents or breach records."""

from __future__ import annotations

import pytest

from civicpost.desk.inbox import history, importing, services
from civicpost.desk.inbox.models import Message
from civicpost.desk.incidents import services as incidents
from civicpost.desk.incidents.models import Incident

from .conftest import Town, signed_in
from .inbox_support import arrive, facebook_csv

THEIRS = "I know where the Ludgershall clerk lives"


@pytest.fixture
def theirs(ludgershall: Town) -> Message:
    return arrive(ludgershall, THEIRS, author="Ludgershall Troll")


def test_another_councils_message_is_not_found_anywhere(loughton: Town, ludgershall: Town,
                                                        theirs: Message) -> None:
    pk = theirs.pk
    client = signed_in(loughton.officer)
    assert client.get(f"/inbox/{pk}").status_code == 404
    for action, data in (("take", {}), ("settle", {"settle-state": "closed"}),
                         ("reply", {"reply-text": "hi"}),
                         ("moderate", {"moderate-action": "hide", "moderate-reason": "Spam"}),
                         ("refer", {"refer-procedure": "complaints"}),
                         ("report", {"report-kind": "threat", "report-summary": "x"}),
                         ("history", {"justification": "x" * 30})):
        assert client.post(f"/inbox/{pk}/{action}", data).status_code == 404, action
    assert THEIRS not in client.get("/inbox/", {"state": "all"}).content.decode()
    theirs.refresh_from_db()
    assert theirs.state == "new"


def test_another_councils_arrival_report_and_history_views_are_not_found(loughton: Town, ludgershall: Town,
                                                                          theirs: Message) -> None:
    view = history.open_history(theirs, ludgershall.officer, "To check the threat against earlier ones")
    client = signed_in(loughton.officer)
    assert client.get(f"/inbox/arrivals/{theirs.arrival_id}").status_code == 404
    assert client.get(f"/inbox/history/{view.pk}").status_code == 404


def test_a_clerk_sees_only_their_own_councils_urgent_banner(loughton: Town, ludgershall: Town,
                                                            theirs: Message) -> None:
    assert 'id="urgent-alert"' not in signed_in(loughton.clerk).get("/").content.decode()
    assert 'id="urgent-alert"' in signed_in(ludgershall.clerk).get("/").content.decode()


def test_nobody_imports_into_or_acts_on_another_councils_channel(loughton: Town, ludgershall: Town,
                                                                 theirs: Message) -> None:
    export = facebook_csv([("1_1", "A", "hello", "2026-01-01T10:00:00")])
    with pytest.raises(services.NotAllowed):
        importing.import_export(loughton.council, loughton.officer, ludgershall.channel, export,
                                file_name="x.csv")
    with pytest.raises(services.NotAllowed):
        importing.import_export(ludgershall.council, loughton.officer, ludgershall.channel, export,
                                file_name="x.csv")
    with pytest.raises(services.NotAllowed):
        services.moderate(theirs, loughton.clerk, "hide", "Spam")
    with pytest.raises(incidents.NotAllowed):
        incidents.open_incident(loughton.council, loughton.clerk, kind="threat", summary="theirs",
                                messages=[theirs])
    response = signed_in(loughton.officer).post("/inbox/import", {"channel": str(ludgershall.channel.pk)})
    assert response.status_code == 400


def test_another_councils_incidents_and_breaches_are_not_found(loughton: Town, ludgershall: Town,
                                                               theirs: Message) -> None:
    incident = Incident.objects.get(council=ludgershall.council)
    breach = incidents.record_breach(ludgershall.council, ludgershall.clerk,
                                     person=ludgershall.council.memberships.get(user=ludgershall.officer),
                                     what_happened="Shared the troll's post", incident=incident)
    client = signed_in(loughton.clerk)
    assert client.get(f"/incidents/{incident.pk}").status_code == 404
    assert client.post(f"/incidents/{incident.pk}/decide", {"status": "closed"}).status_code == 404
    assert client.get(f"/incidents/breaches/{breach.pk}").status_code == 404
    assert "Ludgershall Troll" not in client.get("/incidents/").content.decode()
    assert "troll" not in client.get("/incidents/breaches/").content.decode()
    refused = client.post("/incidents/breaches/new", {
        "person": str(loughton.council.memberships.get(user=loughton.officer).pk),
        "what_happened": "x", "incident": str(incident.pk)})
    assert refused.status_code == 400 and "no incident" in refused.content.decode()
