"""Page tests in a real browser: Debian's Chromium, headless, driven through its ChromeDriver,
against the desk served by Django's live server, with an axe-core scan of every page seen."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

AXE = Path(__file__).resolve().parents[2] / "civicpost/desk/frontend/build/test/axe.min.js"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                                reason="page tests need Chromium and ChromeDriver (apt-get install "
                                       "chromium chromium-driver; `make test` does it)")


class Page:
    """A browser tab with the few moves a person makes, and an accessibility scan after each load."""

    def __init__(self, driver: Any, base: str) -> None:
        self.driver = driver
        self.base = base
        self.scanned: dict[str, list[dict[str, Any]]] = {}
        self.scripts = True  # axe-core runs in the page, so no scan while scripts are off

    def open(self, path: str) -> None:
        self.driver.get(self.base + path)
        self.scan()

    def scan(self) -> list[dict[str, Any]]:
        """axe-core's serious and critical violations of WCAG 2.2 AA on the page as it is now."""
        if not self.scripts:
            return []
        if not AXE.exists():
            pytest.fail(f"{AXE} is missing: build the pages first (make frontend)")
        self.driver.execute_script(AXE.read_text(encoding="utf-8"))
        result = self.driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a",
                    "wcag21aa", "wcag22aa"]}}).then(r => done(JSON.stringify(r.violations)));
        """)
        bad = [v for v in json.loads(result) if v["impact"] in {"serious", "critical"}]
        path = self.driver.current_url.removeprefix(self.base).split("?")[0]
        self.scanned[path] = bad
        return bad

    def find(self, css: str) -> Any:
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, css)

    def all(self, css: str) -> list[Any]:
        from selenium.webdriver.common.by import By

        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def fill(self, css: str, text: str) -> None:
        field = self.find(css)
        field.clear()
        field.send_keys(text)

    def click(self, css: str) -> None:
        self.find(css).click()
        self.scan()

    def press(self, label: str) -> None:
        """Press the button that says ``label`` and wait for the page it sends us to."""
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait

        before = self.find("html")

        def left(_: Any) -> bool:
            # The old page's element is gone once the new page is in; Chromium says so either as a
            # stale reference or as a node that "does not belong to the document".
            try:
                before.is_enabled()
            except WebDriverException:
                return True
            return False

        self.driver.find_element(By.XPATH, f"//button[normalize-space(.)='{label}']").click()
        WebDriverWait(self.driver, 15).until(left)
        self.scan()

    def wait_for(self, css: str, timeout: float = 10) -> Any:
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions
        from selenium.webdriver.support.ui import WebDriverWait

        return WebDriverWait(self.driver, timeout).until(
            expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css)))

    def wait_until(self, condition: Any, timeout: float = 10) -> Any:
        from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
        from selenium.webdriver.support.ui import WebDriverWait

        # The condition may be asked while a form's answer replaces the page: an element found
        # on the old page then goes stale, which means "not yet", not failure.
        return WebDriverWait(self.driver, timeout, ignored_exceptions=(
            StaleElementReferenceException, NoSuchElementException)).until(lambda _: condition())

    @property
    def text(self) -> str:
        return str(self.find("body").text)

    def sign_in(self, email: str, password: str, code: str | None = None) -> None:
        self.driver.delete_all_cookies()
        self.open("/sign-in")
        self.fill("#id_email", email)
        self.fill("#id_password", password)
        self.press("Sign in")
        if code is not None:
            self.fill("#id_code", code)
            self.press("Continue")


@pytest.fixture(scope="session")
def driver() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or ""
    profile = tempfile.mkdtemp(prefix="civicpost-chromium-")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-quic", "--window-size=1280,1000",
                 f"--user-data-dir={profile}"):
        options.add_argument(flag)
    browser = webdriver.Chrome(service=Service(CHROMEDRIVER or ""), options=options)
    browser.set_script_timeout(30)
    yield browser
    browser.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def _audit_rows_may_be_flushed(transactional_db: Any) -> Iterator[None]:
    """A test that commits leaves its rows to be flushed afterwards, row by row on SQLite, which the
    audit trail's append-only triggers refuse. Lift them just for that flush (PostgreSQL's flush
    truncates, which row triggers do not see)."""
    yield
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
            cursor.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")


@pytest.fixture
def page(driver: Any, live_server: Any, _audit_rows_may_be_flushed: None) -> Iterator[Page]:
    tab = Page(driver, live_server.url)
    yield tab
    problems = {path: [f"{v['id']}: {v['help']} ({len(v['nodes'])} elements, e.g. "
                       f"{v['nodes'][0]['target']})" for v in found]
                for path, found in tab.scanned.items() if found}
    assert not problems, f"serious or critical accessibility violations: {problems}"
