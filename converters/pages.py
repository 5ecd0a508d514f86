"""Read a PDF's pages: pictures, tables in columns and in reading order, running tables.

Helpers of ``converters.convert``, one page or one list of page objects at a time.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass

import pdfplumber

from converters.furniture import normalise_furniture
from converters.layout import Line, inside
from converters.structure import ImageBlock, Item, PageObject
from converters.tables import TableBlock, is_continuation, merge_tables

RUNNING_TABLE_ZONE = 0.2  # share of the page height where a header or footer table may sit
MIN_IMAGE_SIZE = 24  # points; smaller pictures are rules, bullets or logos in a header
# Share of a picture's area that letters cover when the picture is a background behind text
# (a title set on a coloured band); a diagram's labels cover far less (at most 0.17 seen).
TEXT_BACKGROUND = 0.25
# A picture covering this share of the page or more is artwork behind text, not a figure.
PAGE_PICTURE = 1 / 4
# x0, top, x1, bottom
Box = tuple[float, float, float, float]


@dataclass
class ImageFile:
    """A picture to save beside the Markdown file."""

    name: str
    page: int
    data: bytes


def page_images(page: pdfplumber.page.Page, stem: str, render: bool) -> tuple[list[ImageBlock], list[ImageFile]]:
    """Return the page's pictures as flow blocks and (when `render`) PNG files."""
    blocks, files = [], []
    for index, image in enumerate(page.images, start=1):
        x0, top, x1, bottom = image["x0"], image["top"], image["x1"], image["bottom"]
        if x1 - x0 < MIN_IMAGE_SIZE or bottom - top < MIN_IMAGE_SIZE:
            continue
        # Clip to the page's own box: a picture placed (partly) off the page, or a page
        # whose boxes do not start at 0, would make pdfplumber's crop raise.
        px0, ptop, px1, pbottom = page.bbox
        bbox = (max(x0, px0), max(top, ptop), min(x1, px1), min(bottom, pbottom))
        if bbox[2] - bbox[0] < MIN_IMAGE_SIZE or bbox[3] - bbox[1] < MIN_IMAGE_SIZE:
            continue
        if text_cover(page, bbox) >= TEXT_BACKGROUND:
            continue  # a background: the text on it is read as text, the picture left out
        name = f"{stem}-p{page.page_number}-{index}.png"
        blocks.append(ImageBlock(name, page.page_number, top, bottom, x0=x0, x1=x1))
        if render:
            buffer = io.BytesIO()
            page.crop(bbox).to_image(resolution=150).save(buffer, format="PNG")
            files.append(ImageFile(name, page.page_number, buffer.getvalue()))
    return blocks, files


def text_cover(page: pdfplumber.page.Page, bbox: Box) -> float:
    """Share of the box's area covered by the letters whose centre lies inside it."""
    x0, top, x1, bottom = bbox
    covered: float = sum((c["x1"] - c["x0"]) * (c["bottom"] - c["top"]) for c in page.chars if inside(c, bbox, pad=0))
    return covered / max((x1 - x0) * (bottom - top), 1.0)


def figure_boxes(page: pdfplumber.page.Page, blocks: list[ImageBlock]) -> list[Box]:
    """The boxes of the pictures whose words are part of them (a map's names, a figure's labels).

    Words beside a picture (a header next to a logo) are text, and so are words on a picture
    that fills much of the page (a cover's artwork).
    """
    most = PAGE_PICTURE * page.width * page.height
    return [(b.x0, b.top, b.x1, b.bottom) for b in blocks if (b.x1 - b.x0) * (b.bottom - b.top) < most]


def text_on(page: pdfplumber.page.Page, box: Box) -> str:
    """The first words of the text whose letters stand on `box` ("" when there is none)."""
    chars = [c for c in page.chars if inside(c, box, pad=0)]
    text, last = "", None
    for char in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        if last is not None and (round(char["top"]) != round(last["top"]) or char["x0"] - last["x1"] > 1):
            text += " "
        text, last = text + char["text"], char
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


def order_items(items: list[Item]) -> list[Item]:
    """Put one page's lines, tables and images in reading order (left column before right)."""
    items.sort(key=lambda it: it.top)
    ordered: list[Item] = []
    left: list[Item] = []
    right: list[Item] = []
    for item in items:
        if item.column == 1:
            left.append(item)
        elif item.column == 2:
            right.append(item)
        else:
            ordered.extend(left + right)
            left, right = [], []
            ordered.append(item)
    return ordered + left + right


def place_in_columns(tables: list[TableBlock], lines: list[Line]) -> None:
    """Put a table that sits inside one column of a two-column band into that column.

    Without this a table in the right column would be read before the rest of the left one.
    """
    left = [ln for ln in lines if ln.column == 1]
    right = [ln for ln in lines if ln.column == 2]
    if not left or not right:
        return
    gutter = min(ln.x0 for ln in right)
    top = min(ln.top for ln in left + right)
    bottom = max(ln.bottom for ln in left + right)
    for table in tables:
        if table.bottom < top or table.top > bottom:
            continue
        if table.x0 >= gutter - 3:
            table.column = 2
        elif table.x1 <= gutter:
            table.column = 1


def join_continued_tables(items: list[Item]) -> list[Item]:
    """Merge a table with its continuation at the top of the next page."""
    joined: list[Item] = []
    for item in items:
        prev = joined[-1] if joined else None
        if isinstance(item, TableBlock) and isinstance(prev, TableBlock) and is_continuation(prev, item):
            merge_tables(prev, item)
            continue
        joined.append(item)
    return joined


def page_order_doubts(page: pdfplumber.page.Page, gutter: float | None) -> list[str]:
    """Say why the reading order of a page is a guess: two columns, or text that is not upright."""
    doubts = []
    if gutter is not None:
        doubts.append(f"page {page.page_number}: two text columns detected; check the reading order.")
    if any(not char.get("upright", True) for char in page.chars):
        doubts.append(f"page {page.page_number}: rotated or vertical text; check where it ended up.")
    return doubts


def in_running_band(item: TableBlock | ImageBlock, height: float) -> bool:
    """True when a table or picture sits in the page's header or footer band."""
    return item.bottom < height * RUNNING_TABLE_ZONE or item.top > height * (1 - RUNNING_TABLE_ZONE)


def drop_running_tables(page_objects: list[list[PageObject]], heights: list[float]) -> list[list[str]]:
    """Remove header or footer tables that come back on every page; return their text per page.

    Word and document systems often print the running header as a table (id, title,
    "Side 1 av 2"); its text is page furniture, but it can carry the id.
    """

    def key(table: TableBlock) -> str:
        return normalise_furniture(" | ".join(" | ".join(row) for row in table.rows))

    counts: Counter[str] = Counter()
    for objs, height in zip(page_objects, heights, strict=True):
        counts.update({key(o) for o in objs if isinstance(o, TableBlock) and in_running_band(o, height)})
    texts: list[list[str]] = []
    for objs, height in zip(page_objects, heights, strict=True):
        running = [o for o in objs if isinstance(o, TableBlock) and in_running_band(o, height) and counts[key(o)] >= 2]
        texts.append([" ".join(row) for table in running for row in table.rows])
        objs[:] = [o for o in objs if o not in running]
    return texts


def drop_running_images(page_objects: list[list[PageObject]], heights: list[float]) -> list[list[ImageBlock]]:
    """Remove pictures in the header or footer band that come back at the same place on 2+ pages.

    A logo in the running header is page furniture, like the header's text.

    Returns:
        The copies, one list per running picture.
    """

    def key(image: ImageBlock) -> tuple[int, ...]:
        return tuple(round(v / 2) for v in (image.x0, image.top, image.x1, image.bottom))

    places: dict[tuple[int, ...], list[ImageBlock]] = {}
    for objs, height in zip(page_objects, heights, strict=True):
        for image in (o for o in objs if isinstance(o, ImageBlock) and in_running_band(o, height)):
            places.setdefault(key(image), []).append(image)
    running = {id(image) for copies in places.values() if len({c.page for c in copies}) >= 2 for image in copies}
    for objs in page_objects:
        objs[:] = [o for o in objs if id(o) not in running]
    return [copies for copies in places.values() if id(copies[0]) in running]
