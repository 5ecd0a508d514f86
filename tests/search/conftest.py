"""Search tests: the real site built once, searched through Material's dialog in Debian Chromium.

Reuses the browser tests' helpers (tests/browser/browser_support.py): no browser is
downloaded, Chromium is /usr/bin/chromium.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))
from browser_support import Site

# Material sends each keystroke's query to the search worker, which answers only the
# newest and echoes it (sop-search.js): wait for the answer to the whole query, not for
# a result list that holds still (it holds still while a slow search runs).
_WATCH_WORKER = """(() => {
  const Native = window.Worker;
  const watch = window.__search = {posted: null, answered: null};
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        const data = event.data || {};
        if (data.type === 3) watch.answered = data.data.query;
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) { watch.posted = message.data; watch.answered = null; }
      return super.postMessage(message, ...rest);
    }
  };
})();"""
_RESULTS = """async () => {
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 30)));
  const list = document.querySelector('.md-search-result__list');
  return [...list.querySelectorAll('a.md-search-result__link')].map(a => ({
    href: new URL(a.href).pathname, title: a.querySelector('h1, h2').innerHTML}));
}"""


@pytest.fixture(scope="session")
def search_site(repo_site):
    """The site built from this checkout, served on 127.0.0.1 (shared, see tests/conftest.py)."""
    return Site(repo_site.root, repo_site.base_url)


@pytest.fixture(scope="session")
def search(search_site, playwright_chromium):
    """search(query) -> [{href, title}] from the search dialog of the home page."""
    context = playwright_chromium.new_context()
    context.add_init_script(_WATCH_WORKER)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(search_site.url("/"), wait_until="load")
    # The scripts start after the first paint (overrides/partials/after-paint.html).
    page.evaluate("() => window.sopScripts")
    # Focusing the field opens the dialog ("/" works only in text fields: WCAG 2.1.4).
    page.focus(".md-search__input")
    page.wait_for_function("() => document.getElementById('__search').checked")

    def run(query: str) -> list[dict]:
        page.fill(".md-search__input", "")
        page.keyboard.type(query)
        page.wait_for_function(
            "q => window.__search.posted === q && window.__search.answered === q", arg=query, timeout=30000
        )
        results = page.evaluate(_RESULTS)
        assert errors == [], errors
        return results

    yield run
    context.close()
