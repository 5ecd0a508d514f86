"""Find page furniture so that it can be read (for the id) and then dropped.

Running headers and footers, page numbers, what a browser prints around a page, and
printed tables of contents (issue 3, "Structure"; issue 12).
"""

from __future__ import annotations

import re
from collections import Counter

from converters.layout import MARGIN_ZONE, Line, Word

# A line that comes back at the same place on the pages is furniture a bit further in too
# (a letterhead with a logo reaches lower than the margin zone).
REPEAT_ZONE = 0.16
NUMBER_ZONE = 0.25  # a page number that comes back at the same place may sit even further in
SAME_PLACE = 2.0  # points
PAGE_NUMBER = re.compile(
    r"^(?:(?:page|side|s\.|p\.)\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|av|/|\|)\s*\d{1,4})?$",  # noqa: RUF001
    re.IGNORECASE,
)
ROMAN_PAGE_NUMBER = re.compile(r"^[ivxlc]{1,6}$", re.IGNORECASE)
ROMAN_NUMBER = re.compile(r"(?<!\S)[ivxlc]{1,6}(?!\S)")
PAGE_OF = re.compile(r"\b(?:side|page|sida|s\.|p\.)\s*\d{1,4}\s*(?:av|of|/|af)\s*\d{1,4}\s*$", re.IGNORECASE)
BROWSER_DATE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s+\d{1,2}[:.]\d{2}(?:\s*[AP]M)?(?:\s|$)", re.IGNORECASE)
BROWSER_URL = re.compile(r"^(?:(?:https?|file)://\S+|about:blank)(?:\s+\d{1,4}\s*/\s*\d{1,4})?$", re.IGNORECASE)
BROWSER_SIZE = 10  # points; browsers print their header and footer in small type
TOC_TITLES = {
    "contents",
    "table of contents",
    "innhold",
    "innholdsfortegnelse",
    "innhaldsliste",
    "index",
    "innhald",
    "indholdsfortegnelse",
    "indhold",
    "innehåll",
    "innehållsförteckning",
    "table of content",
}
TOC_ENTRY = re.compile(r"^(.*?)\s*(?:\.\s?){4,}\s*\d{1,4}$|^(.*?)\s*…+\s*\d{1,4}$")
ENDS_WITH_PAGE = re.compile(r"\s\d{1,4}$")


def is_furniture_text(text: str) -> bool:
    """True for a margin line that is furniture even on a one-page document.

    Page numbers ("3", "Side 1 av 2", "Page 2 of 6", "1/6"), and what a browser prints
    around a page: the date and time, and the page's web address.
    """
    text = text.strip()
    return bool(
        PAGE_NUMBER.match(text)
        or ROMAN_PAGE_NUMBER.match(text)
        or PAGE_OF.search(text)
        or BROWSER_DATE.match(text)
        or BROWSER_URL.match(text)
    )


def normalise_furniture(text: str) -> str:
    """Key for comparing header/footer lines across pages (page numbers vary, also as "ii", "iv")."""
    return ROMAN_NUMBER.sub("#", re.sub(r"\d+", "#", text.lower())).strip()


def place_key(line: Line) -> tuple[str, int]:
    """Key for a line that comes back at the same place: its text (digits ignored) and height."""
    return normalise_furniture(line.text), round(line.top / SAME_PLACE)


def split_furniture(
    pages: list[list[Line]], heights: list[float], title: str = ""
) -> tuple[list[list[Line]], list[list[str]]]:
    """Remove running headers, footers and page numbers from every page.

    A line in the top or bottom margin zone is dropped when its text (digits ignored)
    comes back on at least half of the pages, when it is only a page number or a
    browser's date or address line, or when it is the document info `title` (which a
    browser prints at the top of each page). A line a little further in is dropped when it
    comes back at the same place on at least half of the pages (a letterhead, or a page
    number placed high above the bottom edge).

    Returns:
        The lines kept, and per page the texts of the running header and footer (margin
        lines and dropped letterhead lines), to read the id from before they are gone.
    """
    counts: Counter[str] = Counter()
    places: Counter[tuple[str, int]] = Counter()
    for lines, height in zip(pages, heights, strict=True):
        counts.update({normalise_furniture(ln.text) for ln in lines if in_margin(ln, height)})
        places.update({place_key(ln) for ln in lines if in_place_zone(ln, height)})
    needed = max(2, (len(pages) + 1) // 2)

    def is_furniture(ln: Line, height: float) -> bool:
        if ln.tag == "Artifact":
            return True
        # Text that comes back at the same place, or that comes back in the margins and stands
        # here a little further in (a running header set lower on a title page).
        if in_place_zone(ln, height) and (
            places[place_key(ln)] >= needed or counts[normalise_furniture(ln.text)] >= needed
        ):
            return True
        if not in_margin(ln, height):
            return False
        if title and ln.size < BROWSER_SIZE and ln.text == title.strip():
            return True
        return is_furniture_text(ln.text)

    kept, margins = [], []
    for lines, height in zip(pages, heights, strict=True):
        dropped = [ln for ln in lines if is_furniture(ln, height)]
        kept.append([ln for ln in lines if ln not in dropped])
        margins.append([ln.text for ln in lines if in_margin(ln, height) or ln in dropped])
    return kept, margins


def in_place_zone(line: Line, height: float) -> bool:
    """True where a line that comes back at the same place is furniture (wider for page numbers)."""
    return in_margin(line, height, NUMBER_ZONE if is_furniture_text(line.text) else REPEAT_ZONE)


def in_margin(line: Line, height: float, zone: float = MARGIN_ZONE) -> bool:
    """True when the line sits in the page's top or bottom margin `zone` (a share of the height)."""
    return line.bottom < height * zone or line.top > height * (1 - zone)


def drop_printed_toc(lines: list[Line]) -> list[Line]:
    """Remove a printed table of contents: its title and entries ending in page numbers."""
    return [line for line, toc in zip(lines, toc_mask([ln.text for ln in lines]), strict=True) if not toc]


def drop_toc_rows(rows: list[list[Word]]) -> list[list[Word]]:
    """Remove a printed table of contents from a page's rows, before tables are looked for.

    Its entries ("1 Inledning 1") line up like a table's columns; left in, they would come
    out as a table. Same rule as `drop_printed_toc`, on rows.
    """
    texts = [" ".join(w.text for w in row) for row in rows]
    return [row for row, toc in zip(rows, toc_mask(texts), strict=True) if not toc]


def toc_mask(texts: list[str]) -> list[bool]:
    """Which of these lines belong to a printed table of contents.

    The title ("Innhold", "Contents") or an entry with dot leaders opens it; entries ending
    in a page number go on with it, and so does an entry wrapped over two lines (the first
    line has no page number, the next one has).
    """
    mask = [False] * len(texts)
    in_toc = False
    for index, raw in enumerate(texts):
        text = raw.strip()
        if text.lower().rstrip(":") in TOC_TITLES or TOC_ENTRY.match(text):
            in_toc = mask[index] = True
            continue
        if in_toc and ENDS_WITH_PAGE.search(text) and not text.endswith("."):
            mask[index] = True
            continue
        after = texts[index + 1].strip() if index + 1 < len(texts) else ""
        wrapped = in_toc and not text.endswith(".") and (TOC_ENTRY.match(after) or ENDS_WITH_PAGE.search(after))
        mask[index] = in_toc = bool(wrapped)
    return mask
