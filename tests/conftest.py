"""Fixtures shared by the test folders.

Playwright's sync API allows one instance per process, so the browser tests, the search
tests and the OnePager print tests share one headless Debian Chromium. Nothing downloads
a browser: it is launched with `executable_path=/usr/bin/chromium` (installed by
`scripts/ensure-browser.sh`, which `make test` runs first).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

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
