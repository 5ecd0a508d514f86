"""Print OnePagers to PDF with WeasyPrint (issue 7).

WeasyPrint was chosen by measurement (``benchmarks/onepager_pdf.py``): it installs from
PyPI with the rest of the site, needs no browser, writes tagged PDFs with title and
language, and is faster than a headless Chromium for these pages. It does not import
MkDocs; the build hands it the page's HTML.

No request leaves the machine: the URL fetcher serves only files of the built site
and refuses everything else.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from markupsafe import Markup

from sopmodel.site.templating import render

WEASYPRINT_LOGGER = "weasyprint"


class PdfError(RuntimeError):
    """The PDF could not be written; the message names the page."""


@dataclasses.dataclass(frozen=True)
class PdfResult:
    """A rendered PDF.

    Attributes:
        data: The PDF file.
        pages: How many pages it has.
    """

    data: bytes
    pages: int


def print_document(content: str, title: str, language: str) -> str:
    """Return a standalone HTML document for printing `content` (a page's article HTML).

    The document has the page title and language, which become the PDF's title and
    language, and the body class ``onepager-pdf`` that ``print.css`` styles.
    """
    return render("print_document.html", content=Markup(content), title=title, language=language)


def local_fetcher(site_dir: Path, site_url: str | None) -> Any:
    """Return a WeasyPrint URL fetcher that reads only files of the built site.

    Args:
        site_dir: The built site.
        site_url: The site's public address; URLs under it are read from `site_dir`.

    Returns:
        A `weasyprint.urls.URLFetcher`; calling it with a URL returns the file's
        response, or raises `PdfError` for anything outside the built site, so that no
        third-party request is made.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    root = site_dir.resolve()
    prefix = site_url.rstrip("/") + "/" if site_url else None

    class SiteFetcher(URLFetcher):  # type: ignore[misc]  # weasyprint has no type information
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            path: Path | None = None
            if prefix and url.startswith(prefix):
                path = root / unquote(urlsplit(url).path[len(urlsplit(prefix).path) :])
            elif url.startswith("file://"):
                path = Path(unquote(urlsplit(url).path))
            if path is None or not path.resolve().is_relative_to(root) or not path.resolve().is_file():
                raise PdfError(f"refused to fetch {url}: only files of the built site are used in PDFs")
            return URLFetcherResponse(url, path.read_bytes())

    return SiteFetcher()


def html_to_pdf(
    html: str, base_url: str, stylesheets: Sequence[Path], site_dir: Path, site_url: str | None
) -> PdfResult:
    """Render `html` to a tagged PDF (title and language from the document).

    Args:
        html: A standalone document, e.g. from `print_document`.
        base_url: The page's address, against which its relative links resolve.
        stylesheets: CSS files to apply (``print.css``).
        site_dir: The built site, the only place resources are read from.
        site_url: The site's public address, if configured.

    Raises:
        PdfError: when WeasyPrint cannot render the document.
    """
    import weasyprint  # imported here: `sop check` and the tests of the model do not need it

    # WeasyPrint logs CSS it ignores (Material-only selectors) as warnings; they are not ours to fix.
    logging.getLogger(WEASYPRINT_LOGGER).setLevel(logging.ERROR)
    fetcher = local_fetcher(site_dir, site_url)
    try:
        document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
            stylesheets=[weasyprint.CSS(filename=str(path), url_fetcher=fetcher) for path in stylesheets]
        )
        data = document.write_pdf(pdf_tags=True)
    except (OSError, ValueError) as error:
        raise PdfError(f"WeasyPrint could not render {base_url}: {error}") from error
    return PdfResult(data, len(document.pages))
