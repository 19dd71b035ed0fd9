"""The report in a real browser (headless Chromium, driven by Playwright): the charts drew, the
highlighted findings carry their explanations on focus, the outlet filter works, the hostile
article stays text, and the page asks the network for nothing.

Skipped where Chromium (Debian's `chromium`) or Playwright is not installed."""

from __future__ import annotations

import shutil

import pytest

import corpus
from framing.document import Document
from framing.htmlreport import build_report
from framing.lexicon import load_lexicon
from framing.pipeline import Analyzer

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    analyzer = Analyzer.from_options(detectors=["lexicon", "quotes", "attribution", "agency", "actors"])
    docs = [Document(id=r["id"], text=r["text"], title=r["title"], outlet=r["outlet"], date=r["date"],
                     metadata={"event": r["event"]}) for r in corpus.rows()]
    page = build_report(analyzer.analyze_all(docs), analyzer.categories, load_lexicon())
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(page, "utf-8")
    return path


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with playwright.sync_playwright() as p:
        profile = tmp_path_factory.mktemp("profile")
        context = p.chromium.launch_persistent_context(str(profile), executable_path=CHROMIUM, args=FLAGS,
                                                       headless=True, viewport={"width": 1280, "height": 1000})
        yield context
        context.close()


def test_report_renders_offline_with_charts_findings_and_explanations(browser, report_file):
    page = browser.new_page()
    requests, violations, dialogs, errors = [], [], [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto(report_file.as_uri())
    page.wait_for_load_state("load")

    # Nothing but the file itself was requested, and nothing in the DOM points elsewhere.
    assert requests == [report_file.as_uri()]
    outside = page.evaluate("""() => Array.from(document.querySelectorAll('[src], [href], [*|href]'))
        .map(e => e.getAttribute('src') || e.getAttribute('href') || e.getAttribute('xlink:href') || '')
        .filter(v => v && !v.startsWith('#') && !v.startsWith('data:'))""")
    assert outside == []
    assert violations == [] and errors == [] and dialogs == []  # the script ran under the policy, nothing injected

    # The charts drew: four SVGs, each with shapes and a real size on the page.
    charts = page.locator("svg.chart")
    assert charts.count() == 4
    for i in range(4):
        box = charts.nth(i).bounding_box()
        assert box["width"] > 200 and box["height"] > 100
        assert charts.nth(i).locator("path").count() > 5

    # Highlighted findings, each pointing at notes that explain it.
    marks = page.locator("mark.f")
    assert marks.count() > 20
    described = page.evaluate("""() => Array.from(document.querySelectorAll('mark.f')).map(m =>
        m.getAttribute('aria-describedby').split(' ').map(id => {
            const note = document.getElementById(id); return note ? note.textContent : null; }))""")
    assert all(note for notes in described for note in notes)
    label = page.locator('mark.f[data-rule="actor-labels/regime"]').first
    label.focus()
    tip = page.locator("#tip")
    assert tip.is_visible()
    assert "actor-labels/regime" in tip.inner_text() and "Instead:" in tip.inner_text()
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    page.locator('mark.f[data-rule="distancing/so-called"]').first.hover()
    assert tip.is_visible() and "distancing/so-called" in tip.inner_text()

    # The hostile article is shown as its text.
    hostile = page.locator("article.doc", has_text="onerror=alert(1)")
    assert hostile.count() == 1
    assert "<script>alert(" in hostile.locator(".body").inner_text()
    assert page.locator("iframe, img").count() == 0

    # Browsing by outlet and event.
    articles = page.locator("article.doc")
    total = articles.count()
    assert total == 15
    page.select_option("#pick-outlet", "Daily Ledger")
    assert page.locator("article.doc:visible").count() == 6
    assert page.locator("#shown-count").inner_text() == "6"
    page.select_option("#pick-event", "bridge")
    assert page.locator("article.doc:visible").count() == 3
    page.select_option("#pick-outlet", "")
    page.select_option("#pick-event", "")
    assert page.locator("article.doc:visible").count() == total
    page.close()
