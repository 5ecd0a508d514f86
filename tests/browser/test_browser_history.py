"""The history pages in a real browser: axe in light, dark and 320 px, and the date form with and without JS.

The site is the history fixture (tests/e2e/history_repo.py): a git repository with
several versions per SOP, built on its own fixed day. The repository's own site has
the history pages too, and the axe crawl in test_browser_axe.py checks them there.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

import pytest
from browser_support import DESKTOP, MOBILE, QuietHandler, format_violations, open_page, run_axe, settle

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
from build_support import run_build
from history_repo import make_history_project

PAGES = ["/sop/his-sop-01/historikk/", "/sop/his-sop-01/v/1.0/", "/sop/his-sop-02/v/1.0/", "/hva-gjaldt/"]
SCHEMES = {"light": "default", "dark": "slate"}


@pytest.fixture(scope="module")
def history_site(tmp_path_factory):
    project = make_history_project(tmp_path_factory.mktemp("history-browser"))
    build = run_build(project, "--strict")
    assert build.returncode == 0, build.stderr
    handler = functools.partial(QuietHandler, directory=str(build.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _scheme(page, scheme: str) -> None:
    page.evaluate(
        """(scheme) => {
          document.body.setAttribute('data-md-color-switching', '');
          document.body.setAttribute('data-md-color-scheme', scheme);
          return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => {
            document.body.removeAttribute('data-md-color-switching'); r();
          })));
        }""",
        SCHEMES[scheme],
    )


@pytest.mark.parametrize(
    ("viewport", "schemes"), [(DESKTOP, ("light", "dark")), (MOBILE, ("light",))], ids=["1280", "320"]
)
def test_no_axe_violations_on_the_history_pages(history_site, make_context, viewport, schemes):
    page = make_context(viewport=viewport).new_page()
    found = {}
    for path in [*PAGES, "/hva-gjaldt/?dato=2025-03-01"]:
        open_page(page, history_site + path)
        for scheme in schemes:
            _scheme(page, scheme)
            settle(page)
            violations = run_axe(page)
            if violations:
                found[f"{viewport['width']} {scheme} {path}"] = violations
    page.close()
    if found:
        pytest.fail("axe-core violations on the history pages:\n" + format_violations(found), pytrace=False)


def _visible_rows(page) -> list[str]:
    return page.eval_on_selector_all(
        "[data-sop-on-date-table] tbody tr:not([hidden])",
        "rows => rows.map(r => r.innerText.replace(/\\s+/g, ' ').trim())",
    )


def test_the_date_form_shows_what_was_in_force(history_site, make_context):
    page = make_context().new_page()
    open_page(page, history_site + "/hva-gjaldt/")
    page.fill("#sop-on-date-input", "2025-03-01")
    page.keyboard.press("Enter")
    page.wait_for_url("**/hva-gjaldt/?dato=2025-03-01")
    page.wait_for_function("() => document.querySelector('[data-sop-on-date-answer]').textContent !== ''")
    assert page.inner_text("[data-sop-on-date-answer]") == "1. mars 2025: 1 SOP i kraft, 1 uten gjeldende versjon."
    assert _visible_rows(page) == [
        "HIS-SOP-01 Arkivering av studiedokumenter 2.0 1. juli 2024 31. desember 2025",
        "HIS-SOP-02 Arkivering av studiedokumenter Ingen versjon i kraft denne dagen",
    ]
    assert page.input_value("#sop-on-date-input") == "2025-03-01"
    open_page(page, history_site + "/hva-gjaldt/?dato=2023-01-31")
    assert page.inner_text("[data-sop-on-date-answer]") == "31. januar 2023: 1 SOP i kraft, 1 uten gjeldende versjon."
    assert _visible_rows(page) == [
        "HIS-SOP-01 Arkivering av studiedokumenter Ingen versjon i kraft denne dagen",
        "HIS-SOP-02 Arkivering av studiedokumenter 1.0 1. mai 2022 28. februar 2025",
    ]
    open_page(page, history_site + "/hva-gjaldt/?dato=2026-11-26")
    assert page.inner_text("[data-sop-on-date-answer]") == "26. november 2026: 1 SOP i kraft, 1 uten gjeldende versjon."
    assert _visible_rows(page)[0] == "HIS-SOP-01 Arkivering av studiedokumenter 3.0 1. januar 2026 –"
    page.close()


def test_without_javascript_the_form_lists_every_period(history_site, make_context):
    page = make_context(java_script_enabled=False).new_page()
    open_page(page, history_site + "/hva-gjaldt/", javascript=False)
    page.fill("#sop-on-date-input", "2025-03-01")
    page.keyboard.press("Enter")
    page.wait_for_url("**/hva-gjaldt/?dato=2025-03-01")
    assert _visible_rows(page) == [
        "HIS-SOP-01 Arkivering av studiedokumenter 1.0 1. februar 2023 30. juni 2024",
        "HIS-SOP-01 Arkivering av studiedokumenter 2.0 1. juli 2024 31. desember 2025",
        "HIS-SOP-01 Arkivering av studiedokumenter 3.0 1. januar 2026 –",
        "HIS-SOP-02 Arkivering av studiedokumenter 0.9 (bare i endringsloggen) 1. juni 2021 30. april 2022",
        "HIS-SOP-02 Arkivering av studiedokumenter 1.0 1. mai 2022 28. februar 2025",
    ]
    assert "En versjon gjaldt til og med dagen i «Gjaldt til»." in page.inner_text("main")
    page.close()
