"""The journey the issue names, in a real browser: sign in, compose a post with a private mobile
number, see the finding as you type, apply the redaction, submit; the Clerk signs in with a
security code, approves, publishes; the live link is recorded and the post is in the archive."""

from __future__ import annotations

from typing import Any

import pytest
from desk.conftest import PASSWORD, current_code, make_town

from .conftest import Page

pytestmark = pytest.mark.django_db(transaction=True)

LEAK = "Found: a black labrador near the library. Ring Mrs Harris on 07700 900461 to collect him."


@pytest.fixture
def town() -> Any:
    return make_town("loughton", "Loughton Town Council", "loughton-tc.example.org", "loughton-2019")


def test_from_draft_to_archive(page: Page, town: Any) -> None:
    page.sign_in(town.officer.email, PASSWORD)
    assert "Loughton Town Council" in page.text
    page.open("/posts/new")
    page.fill("#id_text", LEAK)
    finding = page.wait_for("#findings [data-code^='PD']")
    assert "Phone number" in finding.text
    assert "Never give out personal details" in page.find("#findings").text
    assert page.find("#findings mark.app-mark--block").text == "07700 900461"
    page.scan()
    page.find("#findings [data-apply-fix]").click()
    page.wait_until(lambda: "07700 900461" not in page.find("#id_text").get_attribute("value"))
    assert "removed" in page.find("#id_text").get_attribute("value")
    page.find(f"input[name=channels][value='{town.channel.pk}']").click()
    page.press("Submit for approval")
    assert "Submitted for approval" in page.text
    post_url = page.driver.current_url

    page.sign_in(town.clerk.email, PASSWORD, code=current_code(town.clerk))
    page.open("/posts/approvals")
    page.find("table a.govuk-link").click()
    page.scan()
    page.press("Approve")
    assert "Approved" in page.find("#post-status").text
    page.press("Publish now")
    assert "Released for publishing" in page.text
    page.fill("input[name$='-url']", "https://www.facebook.com/loughtontc/posts/98765")
    page.press("Record live link")
    assert "Published" in page.find("#post-status").text
    assert page.driver.current_url == post_url

    page.open("/posts/archive?q=labrador")
    assert "black labrador" in page.text
    page.open("/audit/?verify=1")
    assert "The chain is intact" in page.text


def test_without_javascript_the_check_button_shows_the_findings(page: Page, town: Any) -> None:
    page.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    page.scripts = False
    try:
        page.sign_in(town.officer.email, PASSWORD)
        page.open("/posts/new")
        assert page.all("#id_text"), page.driver.current_url + page.text[:500]
        page.fill("#id_text", LEAK)
        page.press("Check")
        assert page.find("#findings mark.app-mark--block").text == "07700 900461"
        page.find("#findings [data-apply-fix]").click()
        page.wait_until(lambda: "07700 900461" not in page.find("#id_text").get_attribute("value"))
    finally:
        page.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
        page.scripts = True


def test_a_form_with_a_mistake_shows_the_error_summary_and_keeps_the_text(page: Page, town: Any) -> None:
    page.sign_in(town.officer.email, PASSWORD)
    page.open("/posts/new")
    page.fill("#id_text", "Carols on the green at 6pm")
    page.fill("#id_scheduled_date", "01012020")
    page.press("Save draft")
    summary = page.find(".govuk-error-summary")
    assert "Enter the time to publish" in summary.text
    assert page.find("#id_text").get_attribute("value") == "Carols on the green at 6pm"


def test_every_page_of_the_desk_passes_the_accessibility_scan(page: Page, town: Any) -> None:
    from civicpost.desk.posts import services

    post = services.create_post(town.council, town.officer, services.Draft(
        text=LEAK, channel_ids=(town.channel.pk,)))
    services.submit(post, town.officer)
    page.sign_in(town.clerk.email, PASSWORD, code=current_code(town.clerk))
    for path in ("/", "/posts/new", "/posts/approvals", "/posts/archive", f"/posts/{post.pk}",
                 f"/posts/{post.pk}/edit", "/my-post/", "/audit/", "/settings", "/settings/pause",
                 "/posts/archive?date_from=nonsense"):
        page.open(path)
    page.sign_in(town.councillor.email, PASSWORD)
    page.open("/my-post/")
    page.fill("#id_text", "Vote for me on Thursday, the Labour candidate!")
    page.press("Check")
    page.driver.delete_all_cookies()
    page.open("/sign-in")
    page.open("/no-such-page")
    assert len(page.scanned) >= 12


def test_the_accessibility_scan_does_find_violations(page: Page) -> None:
    page.open("/sign-in")
    page.driver.execute_script(
        "document.querySelector('label[for=id_email]').remove();"
        "const img = document.createElement('img'); img.src = '/static/favicon.ico';"
        "document.querySelector('main').appendChild(img);")
    found = {v["id"] for v in page.scan()}
    assert {"image-alt", "label"} <= found
    page.scanned.clear()  # the page was broken on purpose
