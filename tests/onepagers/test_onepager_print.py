"""Each OnePager prints on one A4 page from the browser (Debian's Chromium, issue 7)."""

from __future__ import annotations

import functools
import http.server
import io
import threading

import pdfplumber
import pytest
from onepager_support import ONEPAGER_IDS, PUBLIC_URL, normalise


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def printer(built_site, playwright_chromium):
    """A function that prints a page of the built site as Chromium does and returns the PDF."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=built_site.root))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    page = playwright_chromium.new_page()

    def print_page(path: str) -> bytes:
        page.goto(base + path, wait_until="load")
        return page.pdf(prefer_css_page_size=True, print_background=True)

    try:
        yield print_page
    finally:
        page.close()
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("page_id", ONEPAGER_IDS)
def test_onepager_prints_on_one_a4_page(printer, page_id):
    with pdfplumber.open(io.BytesIO(printer(f"/onepagers/{page_id.lower()}/"))) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        assert (round(page.width), round(page.height)) == (595, 842)  # A4 in points
        text = normalise(page.extract_text())
    assert text.startswith("NorCRIN – Norwegian Clinical Research Infrastructure Network OnePager · ")
    assert text.endswith(f"Nettside: {PUBLIC_URL}onepagers/{page_id.lower()}/")
    assert "Last ned OnePageren som PDF" not in text
    assert "Søk" not in text
