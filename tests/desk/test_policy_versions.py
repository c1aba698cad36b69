"""The policy's life in the desk: versions with their dates and review date, the Clerk's edits
validated by the engine and saved as a new version that every later check records, and a new
version asking everyone to acknowledge it again."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from civicpost.desk.audit.models import AuditEvent
from civicpost.desk.policies import services
from civicpost.desk.policies.models import Acknowledgement, PolicyVersion
from civicpost.desk.policies.review import add_months, schedule
from civicpost.desk.posts import services as posts
from civicpost.desk.posts.models import Post

from .conftest import Town, draft, signed_in


def edit_data(client) -> dict[str, object]:
    """The edit form as the page sends it back untouched (each field's current value)."""
    page = client.get("/policy/edit").content.decode()
    data: dict[str, object] = {}
    for name, value in re.findall(r'<input type="(?:text|hidden)" name="([^"]+)" value="([^"]*)"', page):
        data[name] = _unescape(value)
    for name, value in re.findall(r'<input type="text" name="([^"]+)"[^>]*value="([^"]*)"', page):
        data.setdefault(name, _unescape(value))
    for name, value in re.findall(r'<textarea name="([^"]+)"[^>]*>\n?(.*?)</textarea>', page, re.S):
        data[name] = _unescape(value)
    for name in re.findall(r'<input type="checkbox" name="([^"]+)"[^>]*checked', page):
        data[name] = "on"
    return data


def _unescape(value: str) -> str:
    import html

    return html.unescape(value)


def field_index(data: dict[str, object], clause_id: str) -> str:
    return next(k.split("-")[0] for k, v in data.items() if k.endswith("-original") and v == clause_id)


def test_ludgershall_seed_review_is_overdue_since_march_2023(ludgershall: Town) -> None:
    page = signed_in(ludgershall.clerk).get("/").content.decode()
    assert "Review overdue since March 2023" in page
    assert schedule(ludgershall.policy, dt.date(2023, 3, 15)).state == "soon"
    assert schedule(ludgershall.policy, dt.date(2023, 4, 1)).state == "overdue"


def test_loughton_states_no_review_interval_until_the_clerk_records_one(loughton: Town) -> None:
    clerk = signed_in(loughton.clerk)
    assert "No review date" in clerk.get("/").content.decode()
    version = loughton.policy
    response = clerk.post(f"/policy/versions/{version.pk}", {
        "ratified_on": "2025-07-10", "ratified_by_meeting": "Full Council, minute 31/25",
        "review_interval_months": "12"})
    assert response.status_code == 302
    version.refresh_from_db()
    review = schedule(version, dt.date(2026, 5, 1))
    assert review.due is not None and review.due.day == dt.date(2026, 7, 10)
    assert review.state == "soon"
    assert schedule(version, dt.date(2026, 2, 1)).state == "scheduled"
    assert AuditEvent.objects.filter(action="policy.dates-recorded", council=loughton.council).exists()


def test_the_clerks_own_review_date_wins_and_a_review_without_change_moves_it_on(ludgershall: Town) -> None:
    version = ludgershall.policy
    services.record_dates(version, ludgershall.clerk, {"reviewed_on": dt.date(2025, 3, 20),
                                                       "reviewed_by_meeting": "Finance & Policy"})
    version.refresh_from_db()
    assert schedule(version).due.day == dt.date(2027, 3, 20)  # reviewed + the pack's 24 months
    services.record_dates(version, ludgershall.clerk, {"review_due": dt.date(2026, 9, 30)})
    version.refresh_from_db()
    assert schedule(version).due.day == dt.date(2026, 9, 30)


def test_dates_in_the_future_or_out_of_order_are_refused_on_the_page(ludgershall: Town) -> None:
    clerk = signed_in(ludgershall.clerk)
    response = clerk.post(f"/policy/versions/{ludgershall.policy.pk}", {
        "approved_on": "2021-03-10", "ratified_on": "2021-02-01"})
    assert response.status_code == 400
    assert "ratified on or after the day it is approved" in response.content.decode()
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    response = clerk.post(f"/policy/versions/{ludgershall.policy.pk}", {"approved_on": tomorrow.isoformat()})
    assert response.status_code == 400 and "cannot be in the future" in response.content.decode()


def test_months_are_added_to_the_last_day_of_a_shorter_month() -> None:
    assert add_months(dt.date(2024, 8, 31), 6) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2023, 8, 31), 6) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2021, 3, 1), 24) == dt.date(2023, 3, 1)


def test_the_clerk_changes_a_severity_and_later_checks_record_the_new_version(ludgershall: Town) -> None:
    clerk = signed_in(ludgershall.clerk)
    before = draft(ludgershall, "Stock photo of the high street for the spring newsletter")
    data = edit_data(clerk)
    assert data["r-PD010-severity"] == "default = warn"
    data["r-PD010-severity"] = "council = block\npersonal = warn"
    data["note"] = "Pictures of people need consent on the council's accounts"
    response = clerk.post("/policy/edit", data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    new = PolicyVersion.objects.get(council=ludgershall.council, number=2)
    assert new.pack.rules["PD010"].severities["council"].value == "block"
    # Only what the Clerk changed is rewritten: the reasons beside the settings stay.
    assert "# --- Personal data: §5" in new.pack_toml
    assert new.pack_toml.count("\n") - ludgershall.policy.pack_toml.count("\n") <= 1
    after = draft(ludgershall, "Stock photo of the high street for the spring newsletter")
    assert before.current_version.policy_version.number == 1
    assert after.current_version.policy_version.number == 2
    event = AuditEvent.objects.get(action="policy.version-saved", council=ludgershall.council)
    assert event.details["number"] == 2 and event.details["previous"] == 1


def test_an_engine_problem_is_shown_beside_its_field_and_nothing_is_saved(loughton: Town) -> None:
    clerk = signed_in(loughton.clerk)
    data = edit_data(clerk)
    prefix = field_index(data, "L3.personal-details")
    data[f"{prefix}-rules"] = "PD001 ZZ999"
    data["note"] = "Trying a rule"
    response = clerk.post("/policy/edit", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "rule &#x27;ZZ999&#x27; does not exist" in page or "rule 'ZZ999' does not exist" in page
    assert f'href="#id_{prefix}-rules"' in page  # the error summary links to the field
    assert "PD001 ZZ999" in page  # what the Clerk typed is kept
    assert PolicyVersion.objects.filter(council=loughton.council).count() == 1


def test_a_bad_severity_line_is_a_form_error_with_an_example(loughton: Town) -> None:
    clerk = signed_in(loughton.clerk)
    data = edit_data(clerk)
    data["note"] = "x"
    page = clerk.post("/policy/edit", {**data, "r-PO003-severity": "purdah block"}).content.decode()
    assert "situation = level" in page and 'href="#id_r-PO003-severity"' in page
    page = clerk.post("/policy/edit", {**data, "r-PO004-severity": "purdah = block"}).content.decode()
    assert "unknown condition" in page and 'href="#id_r-PO004-severity"' in page
    assert PolicyVersion.objects.filter(council=loughton.council).count() == 1


def test_adding_a_clause_with_its_rule_and_removing_another(ludgershall: Town) -> None:
    clerk = signed_in(ludgershall.clerk)
    data = edit_data(clerk)
    data.update({"n0-id": "D5.partners", "n0-after": "D5.internal",
                 "n0-section": "5. When the Council is using social media",
                 "n0-text": "Do not name our partners or suppliers without their approval.",
                 "n0-rules": "MN001", "n0-enforced": "engine desk:partners",
                 "nr0-code": "MN001", "nr0-clause": "D5.partners",
                 "nr0-severity": "council = block\npersonal = off",
                 "note": "Naming partners needs their approval"})
    data[f"{field_index(data, 'D4.public-comment')}-remove"] = "on"
    response = clerk.post("/policy/edit", data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    pack = PolicyVersion.objects.get(council=ludgershall.council, number=2).pack
    ids = [c.id for c in pack.clauses]
    assert "D4.public-comment" not in ids
    assert ids.index("D5.partners") == ids.index("D5.internal") + 1
    assert pack.rules["MN001"].clause_id == "D5.partners"


def test_saving_with_no_change_makes_no_version_but_issues_alone_are_saved(loughton: Town) -> None:
    clerk = signed_in(loughton.clerk)
    data = edit_data(clerk)
    data["note"] = "nothing"
    assert "Nothing has changed" in clerk.post("/policy/edit", data).content.decode()
    data["issues"] = "The skate park\nThe new car park charges"
    assert clerk.post("/policy/edit", data).status_code == 302
    loughton.council.refresh_from_db()
    assert loughton.council.issue_lines() == ["The skate park", "The new car park charges"]
    assert PolicyVersion.objects.filter(council=loughton.council).count() == 1


def test_a_new_version_makes_everyones_acknowledgement_outstanding_again(
        loughton: Town, mailoutbox, django_capture_on_commit_callbacks) -> None:
    for person in (loughton.officer, loughton.councillor):
        services.acknowledge(loughton.council, person, "policy")
    assert "Please read and acknowledge" not in signed_in(loughton.partner).get("/").content.decode()
    draft(loughton, "Library Friends book sale on Saturday", author=loughton.partner)
    edited = loughton.policy.pack_toml.replace('severity = "advise"', 'severity = "warn"', 1)
    with django_capture_on_commit_callbacks(execute=True):
        services.save_version(loughton.council, loughton.clerk, edited, note="Spelling advice is a warning",
                              source="test")
    told = {to for m in mailoutbox for to in m.to}
    assert {loughton.officer.email, loughton.partner.email, loughton.councillor.email} <= told
    assert loughton.clerk.email not in told  # the Clerk saved it
    with pytest.raises(posts.NotAllowed, match="sign and agree"):
        draft(loughton, "Another book sale", author=loughton.partner)
    assert "Please read and acknowledge" in signed_in(loughton.partner).get("/").content.decode()
    register = signed_in(loughton.clerk).get("/people/acknowledgements").content.decode()
    for person in (loughton.officer, loughton.partner, loughton.councillor):
        assert person.name in register.split("Acknowledged (")[0]
    services.acknowledge(loughton.council, loughton.partner, "policy")
    draft(loughton, "Another book sale", author=loughton.partner)
    assert Post.objects.filter(author=loughton.partner).count() == 2


def test_acknowledging_through_the_page_needs_the_box_ticked(loughton: Town) -> None:
    officer = signed_in(loughton.officer)
    page = officer.get("/policy/").content.decode()
    assert "Never give out personal details such as home address and telephone numbers" in page
    refused = officer.post("/policy/acknowledge", {"document": "policy"})
    assert refused.status_code == 400 and "Tick the box" in refused.content.decode()
    assert officer.post("/policy/acknowledge", {"document": "policy", "confirm": "on"}).status_code == 302
    assert Acknowledgement.objects.filter(user=loughton.officer, policy_version=loughton.policy).count() == 1
    assert "You acknowledged the Social media policy" in officer.get("/policy/").content.decode()
    # An officer has no Code of Conduct to acknowledge; a councillor does.
    code = {"document": "code-of-conduct", "confirm": "on"}
    assert officer.post("/policy/acknowledge", code).status_code == 400
    councillor = signed_in(loughton.councillor)
    assert councillor.post("/policy/acknowledge", code).status_code == 302
    assert AuditEvent.objects.filter(action="policy.acknowledged", actor=loughton.councillor).exists()


def test_only_the_clerk_edits_and_another_councils_versions_are_not_found(loughton: Town,
                                                                         ludgershall: Town) -> None:
    assert signed_in(loughton.officer).get("/policy/edit").status_code == 403
    assert signed_in(loughton.officer).get("/policy/versions").status_code == 403
    auditor = signed_in(loughton.auditor)
    assert auditor.get("/policy/versions").status_code == 200
    recorded = auditor.post(f"/policy/versions/{loughton.policy.pk}", {"review_due": "2027-01-01"})
    assert recorded.status_code == 403
    clerk = signed_in(loughton.clerk)
    assert clerk.get(f"/policy/versions/{ludgershall.policy.pk}").status_code == 404
    assert clerk.get(f"/policy/versions/{ludgershall.policy.pk}/pack.toml").status_code == 404


def test_the_version_page_says_what_changed_from_the_one_before(ludgershall: Town) -> None:
    edited = ludgershall.policy.pack_toml.replace(
        'text = "This policy will be reviewed every 2 years."',
        'text = "This policy will be reviewed every year."')
    version = services.save_version(ludgershall.council, ludgershall.clerk, edited, note="Yearly review",
                                    source="test")
    page = signed_in(ludgershall.clerk).get(f"/policy/versions/{version.pk}").content.decode()
    assert "Clauses reworded: D9.review" in page


def test_an_invalid_pack_is_never_saved(loughton: Town) -> None:
    with pytest.raises(services.InvalidPack) as refused:
        services.save_version(loughton.council, loughton.clerk, "id = 'x'", note="", source="test")
    assert any("'council' is required" in p for p in refused.value.problems)
    with pytest.raises(services.NotAllowed, match="Only the Town Clerk"):
        services.save_version(loughton.council, loughton.officer, loughton.policy.pack_toml + "\n#", note="",
                              source="test")


def test_the_reminder_on_every_page_goes_once_acknowledged_and_returns_with_a_new_version(
        loughton: Town) -> None:
    officer = signed_in(loughton.officer)
    reminder = "Please read and acknowledge"
    assert reminder in officer.get("/posts/new").content.decode()
    assert reminder in officer.get("/posts/archive").content.decode()  # still outstanding
    answer = officer.post("/policy/acknowledge", {"document": "policy", "confirm": "on"})
    assert answer.status_code == 302
    assert reminder not in officer.get("/posts/new").content.decode()
    assert reminder not in officer.get("/").content.decode()
    edited = loughton.policy.pack_toml.replace('severity = "advise"', 'severity = "warn"', 1)
    services.save_version(loughton.council, loughton.clerk, edited, note="Spelling advice is a warning",
                          source="test")
    assert reminder in officer.get("/posts/new").content.decode()
