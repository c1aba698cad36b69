"""The register of partners, suppliers and customers (Loughton §3), which the MN rule reads, and
the conflicts-of-interest register (Ludgershall §4); and the partner who has not signed the
policy, who cannot draft (Loughton §3)."""

from __future__ import annotations

import datetime as dt

from civicpost.desk.audit.models import AuditEvent
from civicpost.desk.people import services
from civicpost.desk.people.models import Conflict, Organisation
from civicpost.desk.policies.models import Acknowledgement
from civicpost.desk.posts.checking import check_text
from civicpost.desk.posts.models import Post

from .conftest import Town, signed_in

VERGES = "Our contractor Greenway Landscapes Ltd starts work on the verges of Traps Hill on Monday."


def mn_findings(town: Town, text: str = VERGES) -> list[str]:
    report = check_text(town.council, text, role="officer").report
    return [f.code for f in report.findings if f.family == "MN"]


def test_a_supplier_not_yet_approved_is_flagged_and_its_dated_approval_clears_it(loughton: Town) -> None:
    clerk = signed_in(loughton.clerk)
    assert mn_findings(loughton) == ["MN002"]  # a business the register does not hold
    response = clerk.post("/people/partners", {"name": "Greenway Landscapes", "kind": "supplier",
                                               "naming": "not-asked", "other_names": "Greenway"})
    assert response.status_code == 302
    assert mn_findings(loughton) == ["MN001"]
    organisation = Organisation.objects.get(council=loughton.council)
    refused = clerk.post(f"/people/partners/{organisation.pk}", {
        "name": "Greenway Landscapes", "kind": "supplier", "naming": "approved", "active": "on"})
    assert refused.status_code == 400 and "approval to be named is dated" in refused.content.decode()
    assert mn_findings(loughton) == ["MN001"]
    clerk.post(f"/people/partners/{organisation.pk}", {
        "name": "Greenway Landscapes", "kind": "supplier", "naming": "approved", "active": "on",
        "naming_on": "2026-01-12", "naming_by": "E-mail from its director, Sue Hart",
        "other_names": "Greenway"})
    assert mn_findings(loughton) == []
    event = AuditEvent.objects.filter(action="people.organisation-changed").latest("position")
    assert event.details["naming"] == {"from": "not-asked", "to": "approved"}
    # Its other name is checked too, once it withdraws approval.
    services.update_organisation(organisation, loughton.clerk, {"naming": "withdrawn",
                                                                "naming_on": dt.date(2026, 2, 1)})
    assert mn_findings(loughton, "Thanks to Greenway for the new benches.") == ["MN001"]


def test_an_organisation_is_registered_once_per_council(loughton: Town, ludgershall: Town) -> None:
    services.add_organisation(loughton.council, loughton.clerk, name="Library Friends", kind="partner",
                              naming="not-asked")
    clerk = signed_in(loughton.clerk)
    response = clerk.post("/people/partners", {"name": "library friends", "kind": "partner",
                                               "naming": "not-asked"})
    assert response.status_code == 400 and "in the register already" in response.content.decode()
    theirs = services.add_organisation(ludgershall.council, ludgershall.clerk, name="Tidworth Youth Trust",
                                       kind="partner", naming="not-asked")
    assert clerk.get(f"/people/partners/{theirs.pk}").status_code == 404
    assert "Tidworth Youth Trust" not in clerk.get("/people/partners").content.decode()
    assert mn_findings(loughton, "Thanks to Tidworth Youth Trust for the disco.") == []


def test_an_officer_declares_a_friend_request_and_the_clerk_decides(ludgershall: Town) -> None:
    officer = signed_in(ludgershall.officer)
    response = officer.post("/people/conflicts/new", {
        "with_whom": "Dave Kerr", "relationship": "contractor", "platform": "Facebook",
        "nature": "He is the council's grounds maintenance contractor; we were at school together."})
    assert response.status_code == 302
    conflict = Conflict.objects.get(council=ludgershall.council)
    assert conflict.person == ludgershall.officer and conflict.person_name == "Olive Officer"
    assert "Dave Kerr" in officer.get("/people/conflicts").content.decode()
    # Another officer does not see it; the auditor and the Clerk do.
    assert signed_in(ludgershall.officer2).get(f"/people/conflicts/{conflict.pk}").status_code == 404
    assert "Dave Kerr" not in signed_in(ludgershall.officer2).get("/people/conflicts").content.decode()
    assert signed_in(ludgershall.auditor).get(f"/people/conflicts/{conflict.pk}").status_code == 200
    assert officer.post(f"/people/conflicts/{conflict.pk}", {"decision": "accept"}).status_code == 403
    clerk = signed_in(ludgershall.clerk)
    assert clerk.post(f"/people/conflicts/{conflict.pk}", {"note": "x"}).status_code == 400
    clerk.post(f"/people/conflicts/{conflict.pk}", {
        "decision": "decline", "note": "He holds the grounds contract: decline while it runs."})
    conflict.refresh_from_db()
    assert conflict.decision == "decline" and conflict.decided_by == ludgershall.clerk
    assert conflict.decided_on == dt.date.today()
    events = AuditEvent.objects.filter(council=ludgershall.council, action__startswith="people.conflict")
    assert [e.action for e in events.order_by("position")] == ["people.conflict-declared",
                                                                "people.conflict-decided"]
    assert not any("Dave Kerr" in e.summary for e in events)  # a private person's name stays out of the trail


def test_a_declaration_needs_who_and_the_connection(ludgershall: Town) -> None:
    councillor = signed_in(ludgershall.councillor)
    response = councillor.post("/people/conflicts/new", {"relationship": "service-user"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Say who sent the friend request" in page and "Describe the connection" in page
    assert signed_in(ludgershall.auditor).get("/people/conflicts/new").status_code == 403


def test_a_partner_who_has_not_signed_cannot_draft_until_it_does(loughton: Town) -> None:
    Acknowledgement.objects.filter(user=loughton.partner).delete()
    partner = signed_in(loughton.partner)
    assert "Please read and acknowledge" in partner.get("/posts/new").content.decode()
    attempt = {"text": "Library Friends book sale on Saturday, 10am to noon.", "post_type": "promotion",
               "kind": "post", "channels": [str(loughton.channel.pk)], "action": "save"}
    refused = partner.post("/posts/new", attempt)
    assert refused.status_code == 400
    assert "must sign and agree to the council&#x27;s social media policy" in refused.content.decode()
    assert not Post.objects.filter(author=loughton.partner).exists()
    partner.post("/policy/acknowledge", {"document": "policy", "confirm": "on"})
    assert partner.post("/posts/new", attempt).status_code == 302
    assert Post.objects.filter(author=loughton.partner).count() == 1
