"""Breach records (Loughton §4, Ludgershall §8): the person, what shows the breach (a finding on a
post, a message, an incident), the clause of the council's own policy, and the outcome."""

from __future__ import annotations

from typing import Any

import pytest

from civicpost.desk.audit.models import AuditEvent
from civicpost.desk.incidents import services
from civicpost.desk.incidents.models import Breach
from civicpost.desk.policies.models import current_version

from .conftest import Town, draft, signed_in
from .inbox_support import arrive


def _member(town: Town, user: Any) -> Any:
    return town.council.memberships.get(user=user)


def test_a_breach_is_recorded_from_a_finding_on_a_post_with_its_clause(loughton: Town) -> None:
    post = draft(loughton, "Ring Mrs Harris on 07700 900461 to collect the dog")
    code = next(f["code"] for f in post.current_version.findings if f["severity"] == "block")
    client = signed_in(loughton.clerk)
    response = client.post("/incidents/breaches/new", {
        "person": str(_member(loughton, loughton.officer).pk),  # type: ignore[attr-defined]
        "what_happened": "Published a resident's mobile number", "post": str(post.pk),
        "finding_code": code.lower(), "clause": ""})
    assert response.status_code == 302
    breach = Breach.objects.get()
    assert breach.person.user == loughton.officer and breach.post == post
    assert breach.finding_code == code and breach.finding["excerpt"] == "07700 900461"
    assert breach.clause_id and "personal details" in breach.clause_text.lower()
    page = client.get(response["Location"]).content.decode()
    assert "07700 900461" in page and breach.clause_id in page


def test_a_finding_the_post_never_had_is_refused(loughton: Town) -> None:
    post = draft(loughton, "Carols on the green at 6pm")
    with pytest.raises(services.NotAllowed, match="no finding"):
        services.record_breach(loughton.council, loughton.clerk, person=_member(loughton, loughton.officer),
                               what_happened="x", post=post, finding_code="PD001")


def test_a_breach_needs_something_that_shows_it(loughton: Town) -> None:
    with pytest.raises(services.NotAllowed, match="Link the post, message or incident"):
        services.record_breach(loughton.council, loughton.clerk,
                               person=_member(loughton, loughton.councillor),
                               what_happened="Rude about a resident")


def test_a_councillors_breach_from_an_incident_gets_its_outcome(ludgershall: Town) -> None:
    message = arrive(ludgershall, "As a councillor I say the clerk is a useless idiot",
                     author="Cllr Carol Penn")
    incident = services.open_incident(ludgershall.council, ludgershall.clerk, kind="policy-breach",
                                      summary="Councillor abusive about the Clerk", messages=[message])
    clause = next(c for c in current_version(ludgershall.council).pack.clauses if c.id.startswith("D8"))
    breach = services.record_breach(ludgershall.council, ludgershall.clerk,
                                    person=_member(ludgershall, ludgershall.councillor),
                                    what_happened="Abusive comment about the Clerk on the council page",
                                    clause=(clause.id, clause.text), message=message, incident=incident)
    client = signed_in(ludgershall.clerk)
    assert "Disciplinary and Dismissal Procedure or Code of Conduct" in \
        client.get(f"/incidents/breaches/{breach.pk}").content.decode()
    client.post(f"/incidents/breaches/{breach.pk}", {"outcome": "code-of-conduct",
                                                     "note": "Sent to the monitoring officer"})
    breach.refresh_from_db()
    assert breach.outcome == "code-of-conduct" and breach.decided_at is not None
    assert AuditEvent.objects.filter(action="breach.decided", subject_id=str(breach.pk)).exists()
    assert f"Breach {breach.pk}" in client.get(f"/incidents/{incident.pk}").content.decode()


def test_only_the_clerk_records_breaches_and_their_outcomes(loughton: Town) -> None:
    post = draft(loughton, "Ring Mrs Harris on 07700 900461")
    breach = services.record_breach(loughton.council, loughton.clerk,
                                    person=_member(loughton, loughton.officer),
                                    what_happened="Phone number", post=post)
    with pytest.raises(services.NotAllowed):
        services.record_breach(loughton.council, loughton.officer,
                               person=_member(loughton, loughton.officer2),
                               what_happened="x", post=post)
    auditor = signed_in(loughton.auditor)
    assert auditor.get(f"/incidents/breaches/{breach.pk}").status_code == 200
    deciding = {"outcome": "no-further-action"}
    assert auditor.post(f"/incidents/breaches/{breach.pk}", deciding).status_code == 403
    assert signed_in(loughton.officer).get("/incidents/breaches/").status_code == 403
    breach.refresh_from_db()
    assert breach.outcome == ""
