"""Convert one PDF: pages to lines, tables and images, metadata to front matter, blocks to Markdown."""

from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber

from converters import CONVERTER_NAME
from converters.fields import Fields, info_to_fields, raw_to_fields, running_date, running_id
from converters.frontmatter import document_to_text, front_matter_problems, order_front_matter
from converters.language import text_to_language
from converters.layout import (
    Line,
    drop_page_furniture,
    drop_printed_toc,
    margin_texts,
    normalise_furniture,
    page_to_words,
    rows_to_gutter,
    rows_to_lines,
    words_to_rows,
)
from converters.markdown import blocks_to_markdown
from converters.metadata import is_month_only, line_to_pair, rows_to_metadata
from converters.pdf import ConversionError, error_to_message, file_sha256, open_pdf
from converters.structure import ImageBlock, body_size, classify_lines, items_to_blocks
from converters.tables import TableBlock, is_continuation, merge_tables, page_to_tables, words_to_text_tables
from converters.text import safe_link

REQUIRED_HINTS = {
    "id": "add the document number (e.g. CT-SOP-07)",
    "title": "add the title",
    "language": "set nb, nn or en",
    "version": 'add the version as a quoted string (e.g. "1.0")',
    "status": "set draft, active, withdrawn or superseded",
    "owner": "add the responsible work package or unit",
    "effective_date": "add the date it takes effect (YYYY-MM-DD)",
    "last_reviewed_on": "add the date of the latest review (YYYY-MM-DD)",
}
RUNNING_TABLE_ZONE = 0.2  # share of the page height where a header or footer table may sit
MIN_IMAGE_SIZE = 24  # points; smaller pictures are rules, bullets or logos in a header


@dataclass
class ImageFile:
    """A picture to save beside the Markdown file."""

    name: str
    page: int
    data: bytes


@dataclass
class Conversion:
    """The result of converting one PDF.

    Attributes:
        path: The PDF as named by the caller.
        markdown: The complete file: front matter and body.
        body: The Markdown body alone.
        front_matter: Front-matter values in field order (dates as `date`).
        slug: File name stem for the Markdown file (from id, else title, else the PDF name).
        extracted: Where each front-matter value came from, by key.
        checks: Keys whose value is a guess or from document info (to check by hand).
        uncertain: Headings whose level is a guess and pages whose reading order is a guess.
        missing: Required keys the PDF does not give.
        warnings: One line per thing an editor should check (``file:page: message``).
        images: Pictures to write beside the Markdown file.
    """

    path: str
    markdown: str
    body: str
    front_matter: dict[str, Any]
    slug: str
    extracted: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    images: list[ImageFile] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)


def text_to_slug(text: str) -> str:
    """Return a lower-case ASCII file name stem: ``Årsrapport 2024`` -> ``arsrapport-2024``."""
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9.]+", "-", text).strip("-.")[:80] or "sop"


def metadata_table(tables: list[TableBlock]) -> tuple[TableBlock, dict[str, str], list[str]] | None:
    """Return the first table that is a metadata table (two or more known labels)."""
    for table in tables:
        found, unused = rows_to_metadata(table.rows)
        if len(found) >= 2:
            return table, found, unused
    return None


def header_block(lines: list[Line]) -> tuple[list[Line], dict[str, str]]:
    """Find ``Label: value`` lines on the first page before the first numbered heading."""
    used, found = [], {}
    for line in lines:
        if line.page != 1 or line.extra.get("number"):
            break
        pair = line_to_pair(line.text)
        if pair and pair[0] not in found:
            found[pair[0]] = pair[1]
            used.append(line)
    # One labelled id line at the top of page 1 ("Dokument-ID: CT-SOP-77") is enough.
    if len(found) == 1 and "id" in found and used[0] in lines[:3]:
        return used, found
    return (used, found) if len(found) >= 2 else ([], {})


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
        name = f"{stem}-p{page.page_number}-{index}.png"
        blocks.append(ImageBlock(name, page.page_number, top, bottom, x0=x0, x1=x1))
        if render:
            buffer = io.BytesIO()
            page.crop(bbox).to_image(resolution=150).save(buffer, format="PNG")
            files.append(ImageFile(name, page.page_number, buffer.getvalue()))
    return blocks, files


def order_items(items: list) -> list:
    """Put one page's lines, tables and images in reading order (left column before right)."""
    items.sort(key=lambda it: it.top)
    ordered, left, right = [], [], []
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


def join_continued_tables(items: list) -> list:
    """Merge a table with its continuation at the top of the next page."""
    joined: list = []
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


def drop_running_tables(page_objects: list[list], heights: list[float]) -> list[list[str]]:
    """Remove header or footer tables that come back on every page; return their text per page.

    Word and document systems often print the running header as a table (id, title,
    "Side 1 av 2"); its text is page furniture, but it can carry the id.
    """

    def key(table: TableBlock) -> str:
        return normalise_furniture(" | ".join(" | ".join(row) for row in table.rows))

    def in_band(table: TableBlock, height: float) -> bool:
        return table.bottom < height * RUNNING_TABLE_ZONE or table.top > height * (1 - RUNNING_TABLE_ZONE)

    counts: Counter[str] = Counter()
    for objs, height in zip(page_objects, heights, strict=True):
        counts.update({key(o) for o in objs if isinstance(o, TableBlock) and in_band(o, height)})
    texts: list[list[str]] = []
    for objs, height in zip(page_objects, heights, strict=True):
        running = [o for o in objs if isinstance(o, TableBlock) and in_band(o, height) and counts[key(o)] >= 2]
        texts.append([" ".join(row) for table in running for row in table.rows])
        objs[:] = [o for o in objs if o not in running]
    return texts


def is_title_line(line: Line, title: str | None) -> bool:
    """True for the level-1 heading that repeats the document title."""
    if line.kind != "heading" or line.level != 1 or not title:
        return False
    return " ".join(line.text.split()).casefold() == " ".join(title.split()).casefold()


def convert_pdf(path: str | Path, render_images: bool = True) -> Conversion:
    """Convert one legacy SOP PDF to front-matter Markdown.

    Args:
        path: The PDF file.
        render_images: Render pictures to PNG (off for ``--stdout`` and benchmarks).

    Returns:
        The conversion; `warnings` lists what an editor should check.

    Raises:
        ConversionError: The file cannot be converted (corrupt, encrypted, a scan, ...).
    """
    progress = {"page": None}
    try:
        return pdf_to_conversion(path, render_images, progress)
    except ConversionError:
        raise
    # Issue 12: real-world PDFs make pdfminer and pdfplumber raise almost anything
    # (RecursionError, MalformedPDFException, ValueError, TypeError, KeyError ...). A batch
    # must report the file in one line and go on, so this one boundary catches them all.
    except Exception as error:
        raise ConversionError(path, error_to_message(error), progress["page"]) from None


def pdf_to_conversion(path: str | Path, render_images: bool, progress: dict) -> Conversion:
    """Do the work of `convert_pdf`; `progress["page"]` names the page being read."""
    pdf, data = open_pdf(path)
    name = Path(path).name
    warnings: list[str] = []
    uncertain: list[str] = []
    with pdf:
        info = {k: v for k, v in (pdf.metadata or {}).items() if isinstance(v, str)}
        stem = text_to_slug(Path(path).stem)
        pages_lines, heights, page_objects, images, textless = [], [], [], [], []

        # Tables and pictures first: their words are left out of the running text.
        for page in pdf.pages:
            progress["page"] = page.page_number
            if not page.chars:
                textless.append(page.page_number)
            warnings.extend(
                f"{path}:{page.page_number}: link to {link['uri'][:60]!r} left out (only http, https and mailto "
                "links are kept); its text is kept."
                for link in page.hyperlinks
                if link.get("uri") and safe_link(link["uri"]) is None
            )
            tables = page_to_tables(page)
            blocks, files = page_images(page, stem, render_images)
            images.extend(files)
            # Words drawn over a picture are part of it; words beside it (a header next to a
            # logo) are text.
            skip = [(t.x0, t.top, t.x1, t.bottom) for t in tables] + [(b.x0, b.top, b.x1, b.bottom) for b in blocks]
            rows = words_to_rows(page_to_words(page, skip))
            gutter = rows_to_gutter(rows, page.width)
            uncertain.extend(page_order_doubts(page, gutter))
            if gutter is None:
                text_tables, rows = words_to_text_tables(rows, page.page_number)
                tables = sorted(tables + text_tables, key=lambda t: t.top)
            pages_lines.append(rows_to_lines(rows, page.page_number, gutter))
            place_in_columns(tables, pages_lines[-1])
            heights.append(page.height)
            page_objects.append(tables + blocks)
        page_count = len(pdf.pages)
        progress["page"] = None

    if page_count == 0:
        raise ConversionError(path, "the PDF has no pages. Fix: export the SOP to PDF again.")
    if len(textless) == page_count:
        raise ConversionError(
            path, "no text layer on any page (a scan?): needs OCR. Fix: run OCR and convert the result."
        )
    warnings.extend(f"{path}:{n}: page has no text layer (a scan?): needs OCR." for n in textless)

    # The running header and footer can carry the id; read them before they are dropped.
    margins = margin_texts(pages_lines, heights)
    for texts, repeated in zip(margins, drop_running_tables(page_objects, heights), strict=True):
        texts.extend(repeated)
    pages_lines = drop_page_furniture(pages_lines, heights, info.get("Title", ""))
    all_lines = drop_printed_toc([ln for lines in pages_lines for ln in lines])
    body = body_size(all_lines)
    all_lines = classify_lines(all_lines, body)

    # Metadata: a header table, else Label: value lines, then the running header, the
    # first heading and the PDF's document info.
    fields = Fields(str(path))
    first_tables = [o for objs in page_objects[:2] for o in objs if isinstance(o, TableBlock)]
    found = metadata_table(first_tables)
    if found:
        table, raw, unused = found
        for objs in page_objects:
            if table in objs:
                objs.remove(table)
        where = f"header table on page {table.page}"
        warnings.extend(
            f"{path}:{table.page}: header row {label!r} is not a front-matter field; it was left out."
            for label in unused
        )
    else:
        used, raw = header_block(all_lines)
        all_lines = [ln for ln in all_lines if ln not in used]
        where = "header block on page 1"
    raw_to_fields(fields, raw, where)
    if "id" not in fields.values and (header_id := running_id(margins)):
        fields.put("id", header_id, "running page header or footer", "read from the running page header or footer")
    if "effective_date" not in fields.values and (header_date := running_date(margins)):
        found_date, text = header_date
        day = " (no day given: set to the 1st)" if is_month_only(text) else ""
        check = f"read from the running page header or footer ({text!r}){day}"
        fields.put("effective_date", found_date, "running page header or footer", check)
    title_line = next((ln for ln in all_lines if ln.kind == "heading" and ln.level == 1 and ln.page == 1), None)
    if title_line is not None:
        fields.put("title", title_line.text, "title on page 1", "taken from the largest heading on page 1")
    info_to_fields(fields, info)
    values = fields.values

    uncertain.extend(
        f"page {ln.page}: heading {ln.text[:60]!r} got level {ln.level} from its size and weight alone; "
        "check the level."
        for ln in all_lines
        if ln.kind == "heading" and ln.extra.get("level_guessed") and ln.level > 1
    )

    # The site prints the title as the page's only H1: the body must not repeat it.
    all_lines = [ln for ln in all_lines if not is_title_line(ln, values.get("title"))]

    # Body: page items in reading order, tables joined across pages.
    items: list = []
    by_page: dict[int, list] = {}
    for line in all_lines:
        by_page.setdefault(line.page, []).append(line)
    for number in range(1, page_count + 1):
        items.extend(order_items(by_page.get(number, []) + list(page_objects[number - 1])))
    items = join_continued_tables(items)
    # Norwegian writes compounds as one word, so its line-end hyphens are mostly hyphenation.
    early_language = text_to_language(" ".join(ln.text for ln in all_lines[:400]))
    blocks = items_to_blocks(items, body, closed_compounds=early_language in ("nb", "nn"))
    markdown_body = blocks_to_markdown(blocks)

    language = text_to_language(markdown_body)
    if language:
        fields.put("language", language, "language detection on the text")
    else:
        warnings.append(f"{path}: the language could not be told from the text (too few words).")
    missing = [key for key in REQUIRED_HINTS if key not in values]
    warnings.extend(fields.warnings)
    warnings.extend(f"{path}: '{key}' is not in the PDF. Fix: {REQUIRED_HINTS[key]}." for key in missing)
    values["source"] = {"file": name, "sha256": file_sha256(data), "pages": page_count, "converter": CONVERTER_NAME}
    if fields.author:
        values["source"]["author"] = fields.author
        fields.where["source.author"] = fields.author_from
    front_matter = order_front_matter(values)
    if not missing:
        warnings.extend(f"{path}: front matter {p}" for p in front_matter_problems(front_matter))
    slug = text_to_slug(str(values.get("id") or values.get("title") or Path(path).stem))
    if slug != stem:
        markdown_body = markdown_body.replace(f"]({stem}-p", f"]({slug}-p")
        for image in images:
            image.name = slug + image.name[len(stem) :]
    image_names = re.findall(r"!\[\]\(([^)]+)\)", markdown_body)
    for image_name in image_names:
        page_no = image_name.rsplit("-p", 1)[1].split("-")[0]
        warnings.append(f"{path}:{page_no}: image {image_name} has no alt text. Fix: describe it in ![...].")
    return Conversion(
        path=str(path),
        markdown=document_to_text(front_matter, markdown_body),
        body=markdown_body,
        front_matter=front_matter,
        slug=slug,
        extracted=fields.where,
        checks=fields.checks,
        uncertain=uncertain,
        missing=missing,
        warnings=warnings,
        images=images,
    )
