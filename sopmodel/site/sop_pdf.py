"""Controlled copies: an A4 PDF of every SOP, for the hospitals' quality systems (issue 14).

Each PDF has a header block (id, version, status, dates, owner, approver,
attachments) and, on every page, the footer "Utskrift er en ukontrollert kopi.
Gjeldende versjon: <stable link>" with the day it was made and "Side x av y". It is
printed with WeasyPrint, as the OnePagers are, tagged, with the SOP's title and
language. PDFs are cached by content in ``.cache/sop-pdf/``: an unchanged SOP is not
printed again (the footer then keeps the day it was first made).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from markupsafe import Markup

from sopmodel.model.collection import Sop
from sopmodel.model.labels import labels_for
from sopmodel.site.pdf import html_to_pdf
from sopmodel.site.templating import render

CACHE_DIR = ".cache/sop-pdf"
_DAY = "\x00generated\x00"

PDF_WORDS = {
    "nb": {
        "uncontrolled": "Utskrift er en ukontrollert kopi. Gjeldende versjon:",
        "generated": "Skrevet ut",
        "page": "Side",
        "of": "av",
        "link": "Last ned PDF",
        "note": "utskrift for lokalt kvalitetssystem",
    },
    "nn": {
        "uncontrolled": "Utskrift er ein ukontrollert kopi. Gjeldande versjon:",
        "generated": "Skriven ut",
        "page": "Side",
        "of": "av",
        "link": "Last ned PDF",
        "note": "utskrift for lokalt kvalitetssystem",
    },
    "en": {
        "uncontrolled": "A printed copy is uncontrolled. Current version:",
        "generated": "Printed",
        "page": "Page",
        "of": "of",
        "link": "Download PDF",
        "note": "a copy for local quality systems",
    },
}


def pdf_path(sop: Sop) -> str:
    """Return the PDF's site path, beside the SOP's stable page: ``sop/ct-sop-07/ct-sop-07.pdf``."""
    return f"sop/{sop.slug}/{sop.slug}.pdf"


def render_link(sop: Sop, href: str) -> str:
    """Return the "Last ned PDF" paragraph for the SOP page."""
    words = PDF_WORDS.get(sop.language, PDF_WORDS["nb"])
    return render("sop_pdf_link.html", href=href, text=words["link"], note=words["note"])


def sop_document(sop: Sop, body_html: str, stable_url: str) -> str:
    """Return the HTML document to print, with a placeholder for the day it is made."""
    return render(
        "sop_pdf.html",
        sop=sop,
        body=Markup(body_html),  # the page's own HTML, from Markdown: already safe
        stable_url=stable_url,
        generated=_DAY,
        attachments=sop.meta.attachments,
        labels=labels_for(sop.language),
        words=PDF_WORDS.get(sop.language, PDF_WORDS["nb"]),
    )


def write_sop_pdf(
    document: str, today: str, target: Path, cache: Path, site_dir: Path, base_url: str, site_url: str | None
) -> bool:
    """Write the PDF of `document` to `target`, from the cache when it was printed before.

    Returns:
        Whether it had to be printed (False: taken from the cache).
    """
    key = hashlib.sha256(document.encode("utf-8")).hexdigest()
    cached = cache / f"{key}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    if cached.is_file():
        target.write_bytes(cached.read_bytes())
        return False
    result = html_to_pdf(document.replace(_DAY, today), base_url, [], site_dir, site_url)
    cache.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(result.data)
    target.write_bytes(result.data)
    return True
