"""Search tests: the real site built once, searched through Material's dialog in Debian Chromium.

Reuses the browser tests' helpers (tests/browser/browser_support.py): no browser is
downloaded, Chromium is /usr/bin/chromium.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))
from browser_support import QuietHandler, Site, build_site  # noqa: E402

_RESULTS = """async (quiet) => {
  const list = document.querySelector('.md-search-result__list');
  let last = performance.now(), seen = list.innerHTML;
  while (performance.now() - last < quiet) {
    await new Promise(r => setTimeout(r, 25));
    if (list.innerHTML !== seen) { seen = list.innerHTML; last = performance.now(); }
  }
  return [...list.querySelectorAll('a.md-search-result__link')].map(a => ({
    href: new URL(a.href).pathname, title: a.querySelector('h1, h2').innerHTML}));
}"""


@pytest.fixture(scope="session")
def search_site(tmp_path_factory):
    target = tmp_path_factory.mktemp("search") / "site"
    result = build_site(target)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(target)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield Site(target, f"http://127.0.0.1:{server.server_address[1]}")
    server.shutdown()


@pytest.fixture(scope="session")
def search(search_site, playwright_chromium):
    """search(query) -> [{href, title}] from the search dialog of the home page."""
    page = playwright_chromium.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(search_site.url("/"), wait_until="load")
    page.keyboard.press("/")
    page.wait_for_function("() => document.getElementById('__search').checked")

    def run(query: str) -> list[dict]:
        page.fill(".md-search__input", "")
        page.keyboard.type(query)
        page.wait_for_function("() => document.querySelector('.md-search-result__list a')", timeout=30000)
        results = page.evaluate(_RESULTS, 400)
        assert errors == [], errors
        return results

    yield run
    page.close()
