"""Browser tests: build the real site once, serve it on 127.0.0.1 and drive Debian's Chromium.

`make test` runs `scripts/ensure-browser.sh` first, which installs the Debian packages
`chromium` and `chromium-driver` and the pinned axe-core (`npm ci`). Playwright never
downloads a browser here: it is launched with `executable_path=/usr/bin/chromium`.

Set UPDATE_A11Y_REPORT=1 to write the axe-core results of this run to
docs/assets/accessibility-check.json (shown on the accessibility statement page).
"""

from __future__ import annotations

import os

import pytest
from browser_support import (
    AXE_SCRIPT,
    DESKTOP,
    RequestLog,
    Site,
)


@pytest.fixture(scope="session")
def site(repo_site) -> Site:
    """The site built from this checkout, served on 127.0.0.1 (shared, see tests/conftest.py)."""
    return Site(repo_site.root, repo_site.base_url)


@pytest.fixture(scope="session")
def browser(playwright_chromium):
    """One headless Debian Chromium for the whole session (shared, see tests/conftest.py)."""
    # Installing is set-up's job (`make browser-deps`, run by `make test`), never a fixture's.
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `make browser-deps` (npm ci) or `make test`")
    return playwright_chromium


@pytest.fixture(scope="session")
def request_log() -> RequestLog:
    """Every request of every browser context in the session (see test_browser_requests.py)."""
    return RequestLog()


@pytest.fixture(scope="session")
def make_context(browser, request_log):
    """Factory for browser contexts whose requests are recorded; closed at the end of the session."""
    contexts = []

    def make(**options):
        options.setdefault("viewport", DESKTOP)
        options.setdefault("locale", "nb-NO")
        options.setdefault("color_scheme", "light")
        context = browser.new_context(service_workers="block", **options)
        request_log.attach(context)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def desktop_page(make_context):
    """A reusable page at 1280x1024, light colour scheme, JavaScript on."""
    return make_context().new_page()


@pytest.fixture(scope="session")
def nojs_page(make_context):
    """A reusable page at 1280x1024 with JavaScript disabled."""
    return make_context(java_script_enabled=False).new_page()


@pytest.fixture(scope="session")
def axe_record():
    """Collects axe results of the session: {check name: {"pages": n, "violations": {rule: nodes}}}.

    With UPDATE_A11Y_REPORT=1 they are written to docs/assets/accessibility-check.json at the end.
    """
    record: dict[str, dict] = {}
    yield record
    if os.environ.get("UPDATE_A11Y_REPORT") == "1" and record:
        from browser_support import write_report

        write_report(record)


_LAYOUT = """() => {
  const root = document.scrollingElement;
  const scrollers = [];
  for (const el of document.querySelectorAll('body *')) {
    const style = getComputedStyle(el);
    if (!['auto', 'scroll'].includes(style.overflowX) || el.scrollWidth <= el.clientWidth + 1) continue;
    if (el.closest('.md-sidebar, .md-search, pre')) continue;
    const label = el.getAttribute('aria-label') || (el.getAttribute('aria-labelledby') &&
      (document.getElementById(el.getAttribute('aria-labelledby')) || {}).textContent) || '';
    scrollers.push({
      selector: el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).trim().split(/\\s+/).join('.') : ''),
      tabindex: el.getAttribute('tabindex'), role: el.getAttribute('role'), name: label.trim(),
      hasTable: !!el.querySelector('table') || el.tagName === 'TABLE',
    });
  }
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, scrollers};
}"""


@pytest.fixture(scope="session")
def mobile_crawl(site, make_context):
    """Every page at 320x640 (light): axe violations and what scrolls sideways."""
    from browser_support import MOBILE, open_page, run_axe, settle

    context = make_context(viewport=MOBILE)
    context.add_init_script(path=str(AXE_SCRIPT))
    page = context.new_page()
    results = {}
    for path in site.paths:
        open_page(page, site.url(path))
        settle(page)
        results[path] = {"violations": run_axe(page), "layout": page.evaluate(_LAYOUT), "page": page}
    return results
