"""PDFs of OnePagers: real WeasyPrint output checked with pdfplumber (issue 7)."""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest
from onepager_support import ONEPAGER_IDS, PUBLIC_URL, REAL_TODAY, ROOT, normalise

from sopmodel.model.onepagers import load_onepagers
from sopmodel.site.onepager_html import page_title
from sopmodel.site.pdf import PdfError, html_to_pdf, local_fetcher, print_document

PRINT_CSS = ROOT / "docs" / "assets" / "print.css"
SITE_URL = "https://sop.example.org/"


def _open(data: bytes):
    return pdfplumber.open(io.BytesIO(data))


def _render(tmp_path, content: str, title: str = "AP9 STAT – Statistikk"):
    html = print_document(f'<div class="onepager">{content}</div>', title, "nb")
    return html_to_pdf(html, f"{SITE_URL}onepagers/ap9/", [PRINT_CSS], tmp_path, SITE_URL)


def test_pdf_is_one_tagged_page_with_title_language_and_text(tmp_path):
    result = _render(tmp_path, "<h1>Statistikk</h1><p>Utvikle og heve kompetansen i statistikk.</p>")
    assert result.pages == 1
    with _open(result.data) as pdf:
        assert len(pdf.pages) == 1
        assert pdf.metadata["Title"] == "AP9 STAT – Statistikk"
        catalog = pdf.doc.catalog
        assert catalog["Lang"] == b"nb"
        assert "StructTreeRoot" in catalog
        assert catalog["MarkInfo"]["Marked"] is True
        assert normalise(pdf.pages[0].extract_text()) == "Statistikk Utvikle og heve kompetansen i statistikk."


def test_pdf_counts_pages_of_an_overlong_onepager(tmp_path):
    result = _render(tmp_path, "".join(f"<p>Avsnitt {number} med litt tekst.</p>" for number in range(150)))
    with _open(result.data) as pdf:
        assert result.pages == len(pdf.pages) > 1


def test_fetcher_reads_only_files_of_the_built_site(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "logo.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path.parent / "secret.txt").write_text("nei", encoding="utf-8")
    fetch = local_fetcher(tmp_path, SITE_URL)
    assert fetch(f"{SITE_URL}assets/logo.svg").read() == b"<svg/>"
    assert fetch((tmp_path / "assets" / "logo.svg").as_uri()).read() == b"<svg/>"
    for url in (
        "https://fonts.example.com/font.woff2",
        f"{SITE_URL}../secret.txt",
        (tmp_path.parent / "secret.txt").as_uri(),
        f"{SITE_URL}assets/missing.png",
    ):
        with pytest.raises(PdfError, match=re.escape(f"refused to fetch {url}")):
            fetch(url)


def test_outside_images_are_left_out_without_a_request(tmp_path):
    result = _render(tmp_path, '<p>Logo:</p><img src="https://cdn.example.com/logo.png" alt="NorCRIN">')
    with _open(result.data) as pdf:
        assert result.pages == 1
        assert pdf.pages[0].images == []


@pytest.mark.parametrize("page_id", ONEPAGER_IDS)
def test_built_onepager_pdf_is_one_page_with_title_and_goal(built_site, page_id):
    page = load_onepagers(ROOT, "onepagers", REAL_TODAY).by_id(page_id)
    with pdfplumber.open(built_site.root / "onepagers" / f"{page_id}.pdf") as pdf:
        assert len(pdf.pages) == 1
        text = normalise(pdf.pages[0].extract_text())
        assert page.title in text
        assert normalise(str(page.meta["goal"])) in text
        assert f"Nettside: {PUBLIC_URL}onepagers/{page_id.lower()}/" in text
        assert pdf.metadata["Title"] == page_title(page)
        assert pdf.doc.catalog["Lang"] == b"nb"
        assert "StructTreeRoot" in pdf.doc.catalog
