"""The inbox in a real browser: a libel threat arrives in an uploaded export, the Clerk sees the
alert on every page and opens the incident; an FOI request shows its due date; a comment is
hidden and stays in the archive. Every page passes the accessibility scan."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from desk.conftest import PASSWORD, current_code, make_town
from desk.inbox_support import at

from .conftest import Page

pytestmark = pytest.mark.django_db(transaction=True)

LIBEL = "This post about me is defamatory. Take it down today or my solicitor will be in touch."


@pytest.fixture
def town() -> Any:
    return make_town("loughton", "Loughton Town Council", "loughton-tc.example.org", "loughton-2019")


def _export(folder: Path) -> Path:
    path = folder / "page-comments.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Comment ID", "Post ID", "Parent ID", "Author", "Comment", "Created time",
                         "Permalink"])
        writer.writerow(["555_1", "555", "", "Gary Doyle", LIBEL, "2026-12-07T09:15:00",
                         "https://www.facebook.com/LoughtonTownCouncil/posts/555?comment_id=1"])
        writer.writerow(["555_2", "555", "", "Sandra Pike", "What time does the switch-on start?",
                         "2026-12-07T09:20:00", "https://www.facebook.com/LoughtonTownCouncil/posts/555?comment_id=2"])
    return path


def _choose(page: Page, css: str, text: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(page.find(css)).select_by_visible_text(text)


def test_a_libel_threat_arrives_and_the_clerk_opens_the_incident(page: Page, town: Any,
                                                                 tmp_path: Path) -> None:
    page.sign_in(town.officer.email, PASSWORD)
    page.open("/inbox/import")
    _choose(page, "#id_channel", str(town.channel))
    page.find("#id_export").send_keys(str(_export(tmp_path)))
    page.press("Import")
    assert page.find("#arrival-imported").text == "2"
    assert page.find("#arrival-rejected").text == "0"

    page.sign_in(town.clerk.email, PASSWORD, code=current_code(town.clerk))
    banner = page.find("#urgent-alert")
    assert "threat or a libel complaint needs you now" in banner.text
    page.open("/posts/archive")
    assert page.find("#urgent-alert")  # on every page, until acknowledged
    page.click("#urgent-alert a")
    assert "Libel complaint" in page.find("#message-labels").text
    marked = " ".join(mark.text for mark in page.all("#message-text mark"))
    assert "defamatory" in marked or "solicitor" in marked  # the words that triggered the label
    page.press("I have seen this urgent message")
    assert not page.all("#urgent-alert")
    page.click("#message-incidents a")
    assert "Libel complaint" in page.text and "Gary Doyle" in page.text
    evidence = page.find("[data-evidence]")
    assert LIBEL in evidence.text and "Unchanged" in evidence.text
    _choose(page, "#id_status", "Investigating")
    page.press("Save")
    assert page.find("#incident-status").text == "Investigating"


def test_an_foi_request_shows_its_due_date(page: Page, town: Any) -> None:
    from civicpost.desk.inbox import importing

    stored = importing.enter_by_hand(
        town.council, town.officer, town.channel, author_name="LoughtonWatcher", author_handle="@lwatch",
        text="FOI request: please send me all invoices for the Christmas lights since 2024.",
        received=at("2026-12-18", "10:00"))
    message = stored.arrival.messages.get()
    page.sign_in(town.officer.email, PASSWORD)
    page.open("/inbox/?label=foi")
    page.click(f"tr[data-message='{message.pk}'] a")
    assert "Answer by Thursday 21 January 2027" in page.find("#foi-due").text
    assert "Not yet a valid request" in page.find("#foi-note").text


def test_a_hidden_comment_remains_in_the_archive(page: Page, town: Any) -> None:
    from civicpost.desk.inbox import importing

    text = "The clerk is a useless muppet and everyone knows it"
    stored = importing.enter_by_hand(town.council, town.officer, town.channel, author_name="Angry Resident",
                                     text=text, received=dt.datetime.now(dt.UTC) - dt.timedelta(hours=2))
    message = stored.arrival.messages.get()
    page.sign_in(town.officer.email, PASSWORD)
    page.open(f"/inbox/{message.pk}")
    page.click("#moderate-details summary")
    page.click("label[for=id_moderate-action_0]")
    page.click("label[for=id_moderate-reason_0]")
    page.press("Record it")
    assert page.find("#message-state").text == "Hidden on the council's page"
    assert page.find("#message-text").text == text
    assert "kept exactly as it arrived" in page.find("#moderation").text
    page.open("/inbox/?state=hidden")
    assert text[:40] in page.find("#queue").text


def test_every_inbox_and_incident_page_passes_the_accessibility_scan(page: Page, town: Any) -> None:
    from civicpost.desk.inbox import history, importing
    from civicpost.desk.incidents import services as incidents

    foi = importing.enter_by_hand(town.council, town.officer, town.channel, author_name="Ellen Brooks",
                                  text="I wish to complain. Also FOI request: the cost of the new website.",
                                  received=dt.datetime.now(dt.UTC)).arrival.messages.get()
    threat = importing.enter_by_hand(town.council, town.officer, town.channel, author_name="Troll",
                                     text="I know where the clerk lives.",
                                     received=dt.datetime.now(dt.UTC)).arrival.messages.get()
    incident = threat.evidence.get().incident
    member = town.council.memberships.get(user=town.officer)
    breach = incidents.record_breach(town.council, town.clerk, person=member, what_happened="Shared it",
                                     incident=incident)
    view = history.open_history(threat, town.clerk, "Checking whether the threat repeats an earlier one")
    page.sign_in(town.clerk.email, PASSWORD, code=current_code(town.clerk))
    for path in ("/", "/inbox/", "/inbox/?label=nonsense", f"/inbox/{foi.pk}", f"/inbox/{threat.pk}",
                 "/inbox/import", "/inbox/enter", "/inbox/settings", f"/inbox/arrivals/{foi.arrival_id}",
                 f"/inbox/{threat.pk}/history", f"/inbox/history/{view.pk}", "/incidents/", "/incidents/new",
                 f"/incidents/{incident.pk}", "/incidents/breaches/", "/incidents/breaches/new",
                 f"/incidents/breaches/{breach.pk}"):
        page.open(path)
    page.open(f"/inbox/{foi.pk}")
    page.press("Record the decision")  # with nothing chosen: the error summary, scanned too
    assert "Choose your decision" in page.find(".govuk-error-summary").text
    assert len(page.scanned) >= 15
