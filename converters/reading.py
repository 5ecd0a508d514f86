"""Read a PDF's pages: lines, tables and pictures per page, before metadata and blocks are made of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber

from converters.furniture import drop_toc_rows
from converters.layout import Line, is_diagonal, page_to_words, rows_to_gutter, rows_to_lines, words_to_rows
from converters.pages import ImageFile, figure_boxes, page_images, page_order_doubts, place_in_columns, text_on
from converters.pdf import ConversionError, open_pdf
from converters.structure import PageObject
from converters.tables import page_to_tables, words_to_text_tables
from converters.text import safe_link

# The page being read when an error comes (None before the first page and after the last).
Progress = dict[str, int | None]


@dataclass
class Pages:
    """What the pages of one PDF hold, before metadata and blocks are made of it."""

    lines: list[list[Line]] = field(default_factory=list)
    heights: list[float] = field(default_factory=list)
    objects: list[list[PageObject]] = field(default_factory=list)  # tables and pictures, per page
    images: list[ImageFile] = field(default_factory=list)
    textless: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)
    info: dict[str, str] = field(default_factory=dict)
    count: int = 0
    watermarks: list[tuple[int, str]] = field(default_factory=list)  # (page, diagonal text)


def read_page(pages: Pages, page: pdfplumber.page.Page, path: str | Path, stem: str, render: bool) -> None:
    """Add one page's lines, tables and pictures to `pages`.

    Tables and pictures come first: their words are left out of the running text. Text set
    at a slant is a watermark: it is kept aside (`Pages.watermarks`), not read as text.
    """
    if not page.chars:
        pages.textless.append(page.page_number)
    watermark = "".join(c["text"] for c in page.chars if is_diagonal(c)).strip()
    if watermark:
        pages.watermarks.append((page.page_number, " ".join(watermark.split())))
        page = page.filter(lambda obj: obj.get("object_type") != "char" or not is_diagonal(obj))
    pages.warnings.extend(
        f"{path}:{page.page_number}: link to {link['uri'][:60]!r} left out (only http, https and mailto "
        "links are kept); its text is kept."
        for link in page.hyperlinks
        if link.get("uri") and safe_link(link["uri"]) is None
    )
    tables = page_to_tables(page)
    blocks, files = page_images(page, stem, render)
    pages.images.extend(files)
    pictures = figure_boxes(page, blocks)
    pages.warnings.extend(
        f"{path}:{page.page_number}: text on a picture ({text!r}) left out as part of the picture; check it."
        for box in pictures
        if (text := text_on(page, box))
    )
    skip = [(t.x0, t.top, t.x1, t.bottom) for t in tables] + pictures
    rows = words_to_rows(page_to_words(page, skip))
    gutter = rows_to_gutter(rows, page.width, page.height)
    pages.uncertain.extend(page_order_doubts(page, gutter))
    if gutter is None:
        rows = drop_toc_rows(rows)
        text_tables, rows = words_to_text_tables(rows, page.page_number)
        tables = sorted(tables + text_tables, key=lambda t: t.top)
    pages.lines.append(rows_to_lines(rows, page.page_number, gutter))
    place_in_columns(tables, pages.lines[-1])
    pages.heights.append(page.height)
    pages.objects.append(tables + blocks)


def read_pages(path: str | Path, stem: str, render: bool, progress: Progress) -> tuple[Pages, bytes]:
    """Open the PDF and read every page; raise `ConversionError` when nothing can be read.

    `stem` names the pictures written beside the Markdown file.
    """
    pdf, data = open_pdf(path)
    pages = Pages()
    with pdf:
        pages.info = {k: v for k, v in (pdf.metadata or {}).items() if isinstance(v, str)}
        for page in pdf.pages:
            progress["page"] = page.page_number
            read_page(pages, page, path, stem, render)
        pages.count = len(pdf.pages)
        progress["page"] = None
    if pages.count == 0:
        raise ConversionError(path, "the PDF has no pages. Fix: export the SOP to PDF again.")
    if len(pages.textless) == pages.count:
        raise ConversionError(
            path, "no text layer on any page (a scan?): needs OCR. Fix: run OCR and convert the result."
        )
    pages.warnings.extend(f"{path}:{n}: page has no text layer (a scan?): needs OCR." for n in pages.textless)
    if pages.watermarks:
        first, text = pages.watermarks[0]
        count = "1 page" if len(pages.watermarks) == 1 else f"{len(pages.watermarks)} pages"
        pages.warnings.append(f"{path}:{first}: diagonal text {text[:40]!r} (a watermark) on {count}, left out.")
    return pages, data
