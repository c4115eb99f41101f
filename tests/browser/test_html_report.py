"""The HTML report of the demo archive in a real headless Chromium.

Debian's `chromium` (installed by `scripts/test`, the README's test command) is driven by Playwright; Playwright's own
browser download is not used. The report is built by the real command line,
`claimlint audit DIR --html FILE`, over a copy of the demo archive plus one article whose
conflicting price stands next to a `<script>` and an `<img onerror>`. The page must not
run them, must not touch the network, and its findings table must sort and filter.
"""
from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ..conftest import REPO

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

PLANTED_NAME = "knee-oa-stem-cells-japan-offer.txt"
PLANTED_SCRIPT = "<script>window.__pwned = 1</script>"
PLANTED_IMG = '<img src=x onerror="window.__pwned=2">'
PLANTED = f"""Knee Stem Cell Packages in Japan: This Month's Offer

Stem cell therapy for knee osteoarthritis in Japan, with cultured cells grown in a licensed laboratory.

How much does it cost?

A package of cultured stem cell injections for knee osteoarthritis in Japan costs $15,000 – $25,000 this month {PLANTED_SCRIPT} {PLANTED_IMG} including the culture and the injection.

About Article
Author Name: Test Writer
Reviewed By: Dr. Test Reviewer, MD
Modified: 2026-03-01
"""


def _chromium() -> str:
    """Debian's chromium; the test fails (never skips) without it."""
    path = os.environ.get("CLAIMLINT_CHROMIUM") or shutil.which("chromium")
    if not path:
        pytest.fail("the HTML report test needs Debian's chromium on PATH "
                    "(scripts/test installs it; or apt-get install -y chromium)", pytrace=False)
    return path


def _build_report(archive: Path, out: Path) -> None:
    """`claimlint audit ARCHIVE --html OUT`, run from the archive's parent as a user would."""
    result = subprocess.run(
        [sys.executable, "-m", "claimlint", "audit", archive.name, "--html", str(out)],
        cwd=archive.parent, capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 1), f"claimlint audit failed ({result.returncode}):\n{result.stderr}"
    assert out.is_file(), result.stdout


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("audit")
    archive = base / "articles"
    shutil.copytree(REPO / "articles", archive)
    (archive / PLANTED_NAME).write_text(PLANTED, encoding="utf-8")
    out = base / "report.html"
    _build_report(archive, out)
    text = out.read_text(encoding="utf-8")
    assert "window.__pwned = 1" in text, "the planted article should be in the report's findings"
    return out


@pytest.fixture(scope="module")
def browser():
    chromium = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is missing: pip install -e '.[test]'", pytrace=False)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@dataclass
class Loaded:
    page: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def rows(self, attr: str = "rule", visible_only: bool = False) -> list[str]:
        return self.page.eval_on_selector_all(
            "#findings-table tr.finding",
            "(rows, [attr, vis]) => rows.filter(r => !vis || !r.hidden)"
            ".map(r => attr === 'text' ? r.textContent : r.getAttribute('data-' + attr))",
            [attr, visible_only])


def _open(browser, report: Path, javascript: bool = True) -> Loaded:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light",
                                  java_script_enabled=javascript)
    context.set_default_timeout(10_000)  # a local file: anything slower is a failure
    page = context.new_page()
    loaded = Loaded(page)
    page.on("request", lambda r: loaded.requests.append(r.url))
    page.on("console", lambda m: loaded.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: loaded.errors.append(str(e)))
    page.goto(report.as_uri(), wait_until="load")
    return loaded


@pytest.fixture
def loaded(browser, report):
    view = _open(browser, report)
    yield view
    view.page.context.close()


def test_planted_script_does_not_run(loaded):
    page = loaded.page
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 1  # the report's own
    assert page.evaluate("document.documentElement.classList.contains('js')")  # ... which did run
    planted = page.locator("#findings-table tr.finding", has_text="window.__pwned = 1")
    assert planted.count() >= 1
    assert PLANTED_SCRIPT in planted.first.inner_text()  # shown as text
    assert page.locator("#findings-table tr.finding", has_text=PLANTED_IMG).count() >= 1


def test_no_network_and_no_blocked_resources(loaded):
    assert loaded.requests and all(url.startswith("file:") for url in loaded.requests), loaded.requests
    assert loaded.errors == []  # a style or script refused by the CSP would show here


def test_clicking_a_header_sorts_the_table(loaded):
    page = loaded.page
    before = loaded.rows("rule")
    assert before != sorted(before), "the demo's findings should not already be in rule order"
    header = page.locator("#findings-table thead button", has_text="Rule")
    header.click()
    assert loaded.rows("rule") == sorted(before)
    assert page.locator("#findings-table thead th", has_text="Rule").get_attribute("aria-sort") == "ascending"
    header.click()
    assert loaded.rows("rule") == sorted(before, reverse=True)

    page.locator("#findings-table thead button", has_text="Severity").click()
    rank = {"error": 0, "warning": 1, "info": 2}
    severities = [rank[s] for s in loaded.rows("severity")]
    assert severities == sorted(severities) and severities[0] == 0


def test_filter_box_and_selects_hide_other_rows(loaded):
    page = loaded.page
    total = len(loaded.rows())
    page.fill("#filter-text", "pwned")
    shown = loaded.rows("text", visible_only=True)
    assert 1 <= len(shown) < total
    assert all("pwned" in row.lower() for row in shown)
    assert page.locator("#filter-count").inner_text() == f"{len(shown)} of {total} shown"

    rule = loaded.rows("rule", visible_only=True)[0]  # a rule the planted article breaks
    page.fill("#filter-text", "")
    page.select_option("#filter-rule", rule)
    rules = loaded.rows("rule", visible_only=True)
    assert rules and set(rules) == {rule} and len(rules) < total

    page.fill("#filter-text", "no finding says this")
    assert loaded.rows(visible_only=True) == []
    assert page.locator("#no-match").is_visible()
    page.click("#filter-clear")
    page.wait_for_function(f"document.querySelectorAll('#findings-table tr.finding:not([hidden])').length === {total}")


def test_screenshots(loaded, tmp_path):
    """The top of the page, the charts, and the table filtered to the planted article."""
    page = loaded.page
    top, charts, table = tmp_path / "report.png", tmp_path / "contested.png", tmp_path / "findings.png"
    page.screenshot(path=str(top))
    page.locator("#contested").screenshot(path=str(charts))
    page.fill("#filter-text", "japan-offer")
    page.locator("#findings").screenshot(path=str(table))
    for png, min_width in ((top, 1280), (charts, 800), (table, 800)):
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", data[16:24])
        assert width >= min_width and height >= 300, (png.name, width, height)
        assert len(data) > 20_000, (png.name, len(data))  # a blank page compresses to a few KB


def test_without_javascript_the_table_is_still_there(browser, report):
    view = _open(browser, report, javascript=False)
    try:
        page = view.page
        assert page.locator("#findings-table tr.finding").first.is_visible()
        assert len(view.rows(visible_only=True)) == len(view.rows())
        assert not page.locator("#filters").is_visible()
        assert page.locator("svg.chart").count() >= 1
    finally:
        view.page.context.close()
