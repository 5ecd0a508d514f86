"""Fixtures shared by the test folders.

The browser, search and OnePager tests all look at the repository's own site: it is
built once per session (`repo_site`) and served on 127.0.0.1. Playwright's sync API
allows one instance per process, so they also share one headless Debian Chromium. Nothing downloads
a browser: it is launched with `executable_path=/usr/bin/chromium` (installed by
`scripts/ensure-browser.sh`, which `make test` runs first).
"""

from __future__ import annotations

import dataclasses
import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def playwright_chromium() -> Iterator[object]:
    """One headless Debian Chromium (a Playwright `Browser`) for the whole test session."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test` or `bash scripts/ensure-browser.sh` as root")
    # Never let Playwright look for (or fetch) a browser of its own.
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@dataclasses.dataclass(frozen=True)
class RepoSite:
    """The repository's site, built once with `mkdocs build --strict` and served locally.

    Attributes:
        root: The built site folder.
        log: What the build wrote to stderr.
        base_url: Where it is served, e.g. ``http://127.0.0.1:40123``.
    """

    root: Path
    log: str
    base_url: str


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory) -> Iterator[RepoSite]:
    """The site built from this checkout, as `make site` builds it, and served.

    It is built on the real date (or on SOP_TODAY when the caller set it): the
    repository's content is checked as it stands, never pinned to a test date, so an
    editor's change on any day cannot make these tests fail. Tests that need a fixed
    date build their own fixture content (tests/e2e).
    """
    target = tmp_path_factory.mktemp("repo-site") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(target)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(target)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield RepoSite(target, result.stderr, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()
