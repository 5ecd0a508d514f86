"""Controlled copies: every SOP's PDF, read back with pdfplumber and checked against its front matter (issue 14)."""

from __future__ import annotations

import datetime as dt
import re

import frontmatter
import pdfplumber
import pytest
from build_support import FIXTURE_SOPS, make_project, run_build

STATUS_WORDS = {
    "nb": {"active": "Gjeldende", "draft": "Utkast", "withdrawn": "Trukket tilbake", "superseded": "Erstattet"},
    "en": {"active": "Active", "draft": "Draft", "withdrawn": "Withdrawn", "superseded": "Superseded"},
}
FIELDS = {
    "nb": ("Dokument-ID", "Versjon", "Status", "Gyldig fra", "Sist revidert", "Eier", "Godkjent av"),
    "en": ("Document ID", "Version", "Status", "Effective date", "Last reviewed", "Owner", "Approved by"),
}


@pytest.fixture(scope="module")
def pdf_build(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("pdfs"), sop_review={"sop_pdfs": True})
    first = run_build(project, "--strict", "--verbose")
    assert first.returncode == 0, first.stderr
    second = run_build(project, "--strict", "--verbose")
    assert second.returncode == 0, second.stderr
    return first, second


def _text(path) -> tuple[list[str], dict, int]:
    with pdfplumber.open(path) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
        info = {"title": pdf.metadata.get("Title"), "lang": pdf.doc.catalog.get("Lang")}
        return pages, info, len(pdf.pages)


def test_every_sop_pdf_has_the_front_matter_in_its_header_and_the_footer_on_every_page(pdf_build):
    build, _ = pdf_build
    sources = sorted(FIXTURE_SOPS.glob("*.md"))
    assert len(sources) == 7
    for source in sources:
        meta = frontmatter.load(source).metadata
        slug = meta["id"].casefold()
        pages, info, count = _text(build.site / "sop" / slug / f"{slug}.pdf")
        language = meta["language"]
        assert info == {"title": f"{meta['id']} {meta['title']}", "lang": language.encode()}, source.name
        head = pages[0]
        names = FIELDS[language]
        expected = [meta["id"], meta["version"], None, meta["effective_date"], meta["last_reviewed_on"]]
        for name, value in zip(names, expected, strict=False):
            if value is not None:
                value = value.isoformat() if isinstance(value, dt.date) else str(value)
                assert f"{name} {value}" in head, (source.name, name)
        status = meta["status"]
        withdrawn = meta.get("withdrawn_on")
        if withdrawn and withdrawn <= dt.date(2026, 11, 26) and status in ("active", "draft"):
            status = "withdrawn"  # a superseded SOP stays superseded after its withdrawn_on
        assert f"Status {STATUS_WORDS[language][status]}" in head, source.name
        assert f"{names[5]} {meta['owner']}" in head.replace("\n", " ")
        footer = (
            "Utskrift er en ukontrollert kopi. Gjeldende versjon:"
            if language == "nb"
            else ("A printed copy is uncontrolled. Current version:")
        )
        for number, text in enumerate(pages, start=1):
            flat = " ".join(text.split())
            assert f"{footer} https://sop.norcrin.no/sop/{slug}/" in flat, (source.name, number)
            page_word, of = ("Side", "av") if language == "nb" else ("Page", "of")
            assert f"{page_word} {number} {of} {count}" in flat, (source.name, number)
            assert re.search(r"\d{4}-\d{2}-\d{2}", flat)


def test_attachments_are_listed_and_the_page_links_the_pdf(pdf_build):
    build, _ = pdf_build
    pages, _, _ = _text(build.site / "sop" / "gen-sop-01-en" / "gen-sop-01-en.pdf")
    assert "Attachments Consent checklist (vedlegg/consent-checklist.md)" in pages[0]
    html = build.html("sop/gen-sop-01-en")
    assert (
        '<p class="sop-pdf-link"><a href="gen-sop-01-en.pdf" download type="application/pdf">Download PDF</a> '
        "(a copy for local quality systems)</p>"
    ) in html
    assert '<a href="ct-sop-01.pdf" download type="application/pdf">Last ned PDF</a>' in build.html("sop/ct-sop-01")


def test_an_unchanged_sop_is_not_printed_again(pdf_build):
    first, second = pdf_build
    assert first.log_lines("SOP PDFs:") == ["DEBUG   -  SOP PDFs: 7 printed, 0 from the cache"]
    assert second.log_lines("SOP PDFs:") == ["DEBUG   -  SOP PDFs: 0 printed, 7 from the cache"]
