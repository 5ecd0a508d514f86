"""Convert one PDF: pages to lines, tables and images, metadata to front matter, blocks to Markdown."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from converters import CONVERTER_NAME
from converters.fields import (
    Fields,
    edition_line,
    history_to_fields,
    info_to_fields,
    raw_to_fields,
    review_to_fields,
    running_to_fields,
    spare_to_fields,
    title_to_fields,
    watermark_to_fields,
)
from converters.frontmatter import document_to_text, front_matter_problems, order_front_matter
from converters.furniture import drop_printed_toc, split_furniture
from converters.header import line_to_pairs, rows_to_metadata
from converters.language import text_to_language
from converters.layout import Line
from converters.markdown import blocks_to_markdown
from converters.metadata import is_bare_value, is_unit
from converters.pages import (
    ImageFile,
    drop_running_images,
    drop_running_tables,
    join_continued_tables,
    order_items,
)
from converters.pdf import ConversionError, error_to_message, file_sha256
from converters.reading import Pages, Progress, read_pages
from converters.structure import Item, body_size, classify_lines, items_to_blocks
from converters.tables import TableBlock, mend_hyphenation

# Languages the converter tells (converters/language.py) that the site does not publish.
NEIGHBOUR_LANGUAGES = {"da": "Danish", "sv": "Swedish"}
# Fields one labelled line near the top of page 1 may give on its own (see `header_block`).
LONE_FIELDS = {"effective_date", "issued_on", "last_reviewed_on", "status", "version"}
# Labels that alone do not make a label block (a memo's "Date:" and "Subject:").
WEAK_KEYS = {"date", "title"}
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
    """Return the first table that is a metadata table.

    Two or more known labels, and at least one in three of its labels known: a data table
    whose rows happen to name a "tittel" or "forfatter" is body text.
    """
    for table in tables:
        found, unused = rows_to_metadata(table.rows)
        if len(found) >= 2 and len(found) * 2 >= len(unused):
            return table, found, unused
    return None


def header_block(lines: list[Line]) -> tuple[list[Line], dict[str, str]]:
    """Find ``Label: value`` lines on the first page before the first numbered heading.

    A line may hold several pairs ("Versjon: 3  Gyldig fra: 01.02.2024"); a line whose
    label comes after other text is left alone, so that no text is lost.
    """
    used, found = [], {}
    for line in lines:
        if line.page != 1 or line.extra.get("number"):
            break
        fresh = [(key, value) for key, value in line_to_pairs(line.text) if key not in found]
        for key, value in fresh:
            found[key] = value
        if fresh:
            used.append(line)
    # One labelled id line at the top of page 1 ("Dokument-ID: CT-SOP-77") is enough, and so
    # is one labelled date, status or version near the top ("Updated: 2019-02-07" or
    # "Status: Draft" on a cover). A lone value with more text beside it ("Vedtatt
    # 10.09.2020 på årsmøtet", "Version 1.2, January 2025") is read, and its line stays in
    # the body, so that nothing beside the value is lost.
    if len(found) == 1:
        (key, value), first = next(iter(found.items())), used[0]
        if (key == "id" and first in lines[:3]) or (key in LONE_FIELDS and first in lines[:8]):
            return (used, found) if is_bare_value(key, value) else ([], found)
        return [], {}
    # A date and a subject alone are a letter's or memo's head, not an SOP's label block.
    if len(found) < 2 or not set(found) - WEAK_KEYS:
        return [], {}
    if "owner" not in found and (unit := unit_beside(lines, used)) is not None:
        found["unit_line"] = unit.text
        used.append(unit)
    return used, found


def unit_beside(lines: list[Line], used: list[Line]) -> Line | None:
    """An unlabelled line right above or below a label block that names a unit ("X Department")."""
    first, last = lines.index(used[0]), lines.index(used[-1])
    for line in (lines[first - 1] if first else None, lines[last + 1] if last + 1 < len(lines) else None):
        if line is None or line.kind != "text" or line.page != 1 or ":" in line.text:
            continue
        words = line.text.rstrip(".").split()
        if len(words) <= 6 and (is_unit(words[0]) or is_unit(words[-1])) and not line.text.endswith("."):
            return line
    return None


def is_title_line(line: Line, title: str | None) -> bool:
    """True for the level-1 heading that repeats the document title."""
    if line.kind != "heading" or line.level != 1 or not title:
        return False
    return " ".join(line.text.split()).casefold() == " ".join(title.split()).casefold()


def read_fields(
    path: str | Path, pages: Pages, lines: list[Line], margins: list[list[str]]
) -> tuple[Fields, list[Line]]:
    """Read the metadata; return the fields and the lines that are left for the body.

    Sources: a header table, else ``Label: value`` lines, then the running header, an
    edition line, the first heading and the PDF's document info.
    """
    fields = Fields(str(path))
    # The metadata table opens the SOP, or (a "document control" table) closes it.
    first_tables = [o for objs in pages.objects[:2] for o in objs if isinstance(o, TableBlock)]
    last_tables = [o for o in pages.objects[-1] if isinstance(o, TableBlock)] if pages.count > 2 else []
    found = metadata_table(first_tables) or metadata_table(last_tables)
    if found:
        table, raw, unused = found
        for objs in pages.objects:
            if table in objs:
                objs.remove(table)
        raw_to_fields(fields, raw, f"header table on page {table.page}")
        pages.warnings.extend(
            f"{path}:{table.page}: header row {label!r} is not a front-matter field; it was left out."
            for label in unused
        )
    # A label block may stand beside a header table (title block above, approval lines below).
    used, raw = header_block(lines)
    if used:
        lines = [ln for ln in lines if ln not in used]
        raw_to_fields(fields, raw, "header block on page 1")
    elif raw:  # one value in a line that says more, kept in the body
        value = " ".join(next(iter(raw.values())).split())
        raw_to_fields(fields, raw, "a line on page 1", f"read from a line on page 1 that says more ({value!r})")
    # Labelled fallback dates of the page beat the running header's date; those of the
    # running header and the revision history count after it.
    spare_to_fields(fields)
    running_to_fields(fields, margins)
    watermark_to_fields(fields, pages.watermarks)
    history_to_fields(fields, [o for objs in pages.objects for o in objs if isinstance(o, TableBlock)])
    spare_to_fields(fields)
    review_to_fields(fields)
    edition = edition_line(lines)
    if edition is not None and "version" not in fields.values:
        fields.put("version", edition[1], "edition line on page 1", f"read from {edition[0].text!r}")
        edition[0].kind = "text"
    title_to_fields(fields, lines)
    info_to_fields(fields, pages.info, " ".join(line.text for page in pages.lines for line in page))
    return fields, lines


def lines_to_body(lines: list[Line], pages: Pages, body: float, closed_compounds: bool) -> str:
    """The Markdown body: page items in reading order, tables joined across pages.

    `closed_compounds`: the text is Norwegian (see `is_norwegian`).
    """
    items: list[Item] = []
    by_page: dict[int, list[Item]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    for number in range(1, pages.count + 1):
        items.extend(order_items(by_page.get(number, []) + list(pages.objects[number - 1])))
    items = join_continued_tables(items)
    return blocks_to_markdown(items_to_blocks(items, body, closed_compounds=closed_compounds))


def is_norwegian(lines: list[Line]) -> bool:
    """True when the text is bokmål or nynorsk, told from its first 400 lines.

    Norwegian writes compounds as one word, so its line-end hyphens are mostly hyphenation:
    the body and the table cells mend them.
    """
    return text_to_language(" ".join(ln.text for ln in lines[:400])) in ("nb", "nn")


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
    progress: Progress = {"page": None}
    try:
        return pdf_to_conversion(path, render_images, progress)
    except ConversionError:
        raise
    # Issue 12: real-world PDFs make pdfminer and pdfplumber raise almost anything
    # (RecursionError, MalformedPDFException, ValueError, TypeError, KeyError ...). A batch
    # must report the file in one line and go on, so this one boundary catches them all.
    except Exception as error:
        raise ConversionError(path, error_to_message(error), progress["page"]) from None


def pdf_to_conversion(path: str | Path, render_images: bool, progress: Progress) -> Conversion:
    """Do the work of `convert_pdf`; `progress["page"]` names the page being read."""
    pages, data = read_pages(path, text_to_slug(Path(path).stem), render_images, progress)
    # The running header and footer can carry the id; read them before they are dropped.
    pages.lines, margins = split_furniture(pages.lines, pages.heights, pages.info.get("Title", ""))
    for texts, repeated in zip(margins, drop_running_tables(pages.objects, pages.heights), strict=True):
        texts.extend(repeated)
    running = drop_running_images(pages.objects, pages.heights)
    if running:
        names = {image.name for copies in running for image in copies}
        pages.images = [image for image in pages.images if image.name not in names]
        count = "a picture" if len(running) == 1 else f"{len(running)} pictures"
        pages.warnings.append(
            f"{path}:{running[0][0].page}: {count} in the running header or footer, at the same place on "
            f"{max(len(copies) for copies in running)} pages, left out as page furniture."
        )
    all_lines = drop_printed_toc([ln for lines in pages.lines for ln in lines])
    body = body_size(all_lines)
    all_lines = classify_lines(all_lines, body)
    norwegian = is_norwegian(all_lines)
    if norwegian:
        mend_hyphenation([o for objs in pages.objects for o in objs if isinstance(o, TableBlock)])
    fields, all_lines = read_fields(path, pages, all_lines, margins)
    pages.uncertain.extend(
        f"page {ln.page}: heading {ln.text[:60]!r} got level {ln.level} from its size and weight alone; "
        "check the level."
        for ln in all_lines
        if ln.kind == "heading" and ln.extra.get("level_guessed") and ln.level > 1
    )
    # The site prints the title as the page's only H1: the body must not repeat it.
    title = fields.values.get("title")
    all_lines = [
        ln for ln in all_lines if not is_title_line(ln, title) and not any(ln is t for t in fields.title_lines)
    ]
    return finish(path, pages, data, fields, lines_to_body(all_lines, pages, body, norwegian))


def finish(path: str | Path, pages: Pages, data: bytes, fields: Fields, markdown_body: str) -> Conversion:
    """Language, provenance, warnings for missing fields and the file name: the `Conversion`."""
    values, warnings, images = fields.values, pages.warnings, pages.images
    language = text_to_language(markdown_body)
    if language:
        fields.put("language", language, "language detection on the text")
        if language in NEIGHBOUR_LANGUAGES:
            warnings.append(
                f"{path}: the text is {NEIGHBOUR_LANGUAGES[language]} ({language}); the site publishes nb, nn and en. "
                "Fix: translate it, or set 'language' to the language of the published text."
            )
    else:
        warnings.append(f"{path}: the language could not be told from the text (too few words).")
    missing = [key for key in REQUIRED_HINTS if key not in values]
    warnings.extend(fields.warnings)
    warnings.extend(f"{path}: '{key}' is not in the PDF. Fix: {REQUIRED_HINTS[key]}." for key in missing)
    source = {"file": Path(path).name, "sha256": file_sha256(data), "pages": pages.count, "converter": CONVERTER_NAME}
    values["source"] = source
    if fields.author:
        source["author"] = fields.author
        fields.where["source.author"] = fields.author_from
    front_matter = order_front_matter(values)
    if not missing:
        warnings.extend(f"{path}: front matter {p}" for p in front_matter_problems(front_matter))
    stem = text_to_slug(Path(path).stem)
    slug = text_to_slug(str(values.get("id") or values.get("title") or Path(path).stem))
    if slug != stem:
        markdown_body = markdown_body.replace(f"]({stem}-p", f"]({slug}-p")
        for image in images:
            image.name = slug + image.name[len(stem) :]
    for image_name in re.findall(r"!\[\]\(([^)]+)\)", markdown_body):
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
        uncertain=pages.uncertain,
        missing=missing,
        warnings=warnings,
        images=images,
    )
