"""Governance in a real browser: a partner who has not signed the policy cannot draft until it
does; the Clerk imports a Word document as the next version; an election puts a banner on
every page and the Clerk pauses publishing from it; and every governance page passes the
accessibility scan, error pages included."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from desk.conftest import PASSWORD, current_code, make_town

from .conftest import Page

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def town() -> Any:
    return make_town("loughton", "Loughton Town Council", "loughton-tc.example.org", "loughton-2019")


def word_document(folder: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("Little Brampton Parish Council", level=1)
    document.add_heading("Social Media Policy", level=1)
    document.add_heading("1. Posting for the council", level=2)
    for point in ("Never post a resident's home address or telephone number.",
                  "Do not post anything abusive or threatening.",
                  "Credit the photographer of every picture."):
        document.add_paragraph(point, style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    path = folder / "little-brampton.docx"
    path.write_bytes(out.getvalue())
    return path


def test_a_partner_who_has_not_signed_cannot_draft_until_it_does(page: Page, town: Any) -> None:
    from civicpost.desk.policies.models import Acknowledgement

    Acknowledgement.objects.filter(user=town.partner).delete()
    page.sign_in(town.partner.email, PASSWORD)
    assert "Please read and acknowledge" in page.text
    page.open("/posts/new")
    page.fill("#id_text", "Library Friends book sale on Saturday, 10am to noon, in the library hall.")
    page.find(f"input[name=channels][value='{town.channel.pk}']").click()
    page.press("Save draft")
    summary = page.find(".govuk-error-summary").text
    assert "must sign and agree to the council's social media policy" in summary
    assert page.find("#id_text").get_attribute("value").startswith("Library Friends book sale")
    page.find("#acknowledge-policy a").click()
    page.scan()
    assert "Never give out personal details" in page.text
    page.find("#id_policy_confirm").click()
    page.press("Acknowledge the policy")
    assert "your acknowledgement of the Social media policy is recorded" in page.text
    page.open("/posts/new")
    page.fill("#id_text", "Library Friends book sale on Saturday, 10am to noon, in the library hall.")
    page.find(f"input[name=channels][value='{town.channel.pk}']").click()
    page.press("Save draft")
    assert "Draft saved" in page.text


def test_the_clerk_imports_a_word_document_as_the_next_version(page: Page, town: Any, tmp_path: Path) -> None:
    page.sign_in(town.clerk.email, PASSWORD, code=current_code(town.clerk))
    page.open("/policy/import")
    page.find("#id_document").send_keys(str(word_document(tmp_path)))
    page.press("Upload and read it")
    assert "Confirm the imported policy" in page.text
    assert "Never post a resident's home address or telephone number." in page.text
    assert "confidence" in page.text
    page.press("Save as the next policy version")
    assert "is now version 2 of the policy" in page.text
    assert "Version 2 (in force)" in page.text


def test_an_election_period_shows_on_every_page_and_the_clerk_pauses_from_it(page: Page, town: Any) -> None:
    poll = dt.date.today() + dt.timedelta(days=12)
    page.sign_in(town.clerk.email, PASSWORD, code=current_code(town.clerk))
    page.open("/elections/")
    page.find("input[name=kind][value='by-election']").click()
    page.fill("#id_name", "Roding ward by-election")
    page.driver.execute_script(f"document.getElementById('id_poll').value = '{poll.isoformat()}'")
    page.press("Add the election")
    assert "Roding ward by-election added" in page.text
    page.open("/posts/archive")
    banner = page.find("#pre-election")
    assert "Roding ward by-election" in banner.text and "closing comments" in banner.text
    page.press("Pause all publishing until the poll")
    assert "Publishing is paused" in page.find("#publishing-paused").text
    assert "Pause all publishing until the poll" not in page.text


def test_every_governance_page_passes_the_accessibility_scan(page: Page, town: Any, tmp_path: Path) -> None:
    from civicpost.desk.elections.models import Election, Kind
    from civicpost.desk.people import services as people
    from civicpost.desk.policies import importing

    person = people.add_person(town.council, town.clerk, name="Jane Moss", role="councillor")
    organisation = people.add_organisation(town.council, town.clerk, name="Greenway Landscapes",
                                           kind="supplier", naming="not-asked")
    conflict = people.declare_conflict(town.council, town.officer, with_whom="Dave Kerr",
                                       relationship="contractor", nature="Grounds contractor")
    election = Election.objects.create(council=town.council, kind=Kind.BY_ELECTION,
                                       name="Roding ward by-election",
                                       poll=dt.date.today() + dt.timedelta(days=9))
    started = importing.upload(town.council, town.clerk, "little-brampton.docx",
                               word_document(tmp_path).read_bytes())
    page.sign_in(town.clerk.email, PASSWORD, code=current_code(town.clerk))
    for path in ("/", "/people/", "/people/add", f"/people/{person.pk}", "/people/acknowledgements",
                 "/people/partners", f"/people/partners/{organisation.pk}", "/people/conflicts",
                 "/people/conflicts/new", f"/people/conflicts/{conflict.pk}", "/channels/",
                 f"/channels/{town.channel.pk}", "/policy/", "/policy/versions",
                 f"/policy/versions/{town.policy.pk}",
                 "/policy/import", f"/policy/import/{started.pk}", "/elections/", f"/elections/{election.pk}",
                 "/policy/edit"):
        page.open(path)
    # Pages with their error summaries.
    page.open("/people/add")
    page.press("Add to the register")
    assert page.find(".govuk-error-summary")
    page.open("/policy/edit")
    page.press("Save as a new version")
    assert "Say in a sentence what changed" in page.find(".govuk-error-summary").text
    page.sign_in(town.councillor.email, PASSWORD)
    page.open("/policy/")
    page.press("Acknowledge the Code of Conduct")
    assert "Tick the box" in page.find(".govuk-error-summary").text
    assert len(page.scanned) >= 20


def test_a_post_naming_a_councillor_is_blocked_inside_the_period_and_clear_outside(
        page: Page, town: Any) -> None:
    from civicpost.desk.elections import services

    poll = dt.date.today() + dt.timedelta(days=12)
    services.add_election(town.council, town.clerk, kind="by-election", name="Roding ward by-election",
                          poll=poll)
    praise = "Huge thanks to Cllr Carol Penn, who fought hard and secured £20,000 for the play area."
    page.sign_in(town.officer.email, PASSWORD)
    for day, blocked in ((poll - dt.timedelta(days=2), True), (poll + dt.timedelta(days=3), False)):
        page.open("/posts/new")
        page.fill("#id_text", praise)
        page.find(f"input[name=channels][value='{town.channel.pk}']").click()
        page.driver.execute_script(
            f"document.getElementById('id_scheduled_date').value = '{day.isoformat()}';"
            "document.getElementById('id_scheduled_time').value = '10:00';")
        page.press("Save draft")
        assert "Draft saved" in page.text
        assert ("PO003" in page.text) is blocked, f"scheduled for {day}: {page.text[:800]}"
