"""Find ruled tables, join tables that run over a page break, and write Markdown tables."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pdfplumber

from converters.text import escape_text, join_wrapped

if TYPE_CHECKING:
    from converters.layout import Word

# How far (points) a cell's text may start from its column's left edge in a table without rules.
COLUMN_SLACK = 4.0


@dataclass(slots=True)
class TableBlock:
    """A table's cell text and where it sits on its (first) page."""

    rows: list[list[str]]
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    column_edges: list[float]
    last_page: int = 0
    column: int = 0
    wrapped: list[list[list[str]]] = field(default_factory=list)  # each cell's lines, for `mend_hyphenation`


def join_cells(wrapped: list[list[list[str]]], closed_compounds: bool = False) -> list[list[str]]:
    """Join each cell's wrapped lines into one line of text (Norwegian: `closed_compounds`)."""
    return [[join_wrapped(lines, closed_compounds=closed_compounds) for lines in row] for row in wrapped]


def mend_hyphenation(tables: list[TableBlock]) -> None:
    """Join the cells of a Norwegian document's tables again, mending its words hyphenated at line ends.

    The language is known only once all pages are read; the cells were joined without it.
    """
    for table in tables:
        if table.wrapped:
            table.rows = join_cells(table.wrapped, closed_compounds=True)


def page_to_tables(page: pdfplumber.page.Page) -> list[TableBlock]:
    """Return the page's ruled tables (pdfplumber's line strategy), skipping one-cell frames."""
    if not (page.rects or page.lines):
        return []
    tables = []
    every = page.find_tables()
    for found in every:
        wrapped = [[(cell or "").splitlines() for cell in row] for row in found.extract()]
        wrapped = [row for row in wrapped if any(" ".join(lines).strip() for lines in row)]
        # One cell with text is a box around text, however many empty cells the frame has
        # (a printed web page's frame round the whole page); it is read as text. Not inside
        # another table, though: lines in a table's region are not read as text.
        filled = sum(1 for row in wrapped for lines in row if " ".join(lines).strip())
        inside = any(other is not found and contains(other.bbox, found.bbox) for other in every)
        if not wrapped or (filled <= 1 and not inside) or off_page(page, found.bbox):
            continue
        if cuts_words(page, found):
            continue
        edges = sorted({float(round(cell[0])) for cell in found.cells})
        x0, top, x1, bottom = found.bbox
        rows = join_cells(wrapped)
        tables.append(TableBlock(rows, page.page_number, top, bottom, x0, x1, edges, page.page_number, wrapped=wrapped))
    return tables


def contains(outer: tuple[float, float, float, float], inner: tuple[float, float, float, float]) -> bool:
    """True when box `inner` lies within box `outer` (1 point of slack)."""
    return (
        outer[0] - 1 <= inner[0] and outer[1] - 1 <= inner[1] and inner[2] <= outer[2] + 1 and inner[3] <= outer[3] + 1
    )


def off_page(page: pdfplumber.page.Page, bbox: tuple[float, float, float, float]) -> bool:
    """True when `bbox` lies wholly outside the page: a reader sees none of it."""
    px0, ptop, px1, pbottom = page.bbox
    return bbox[2] <= px0 or bbox[0] >= px1 or bbox[3] <= ptop or bbox[1] >= pbottom


def cuts_words(page: pdfplumber.page.Page, found: pdfplumber.table.Table) -> bool:
    """True when a word runs out of its cell into the next one of its row.

    Such a "grid" is a frame over a shaded panel, not a table: its text is read as lines,
    not cut into "handlingspla | n". A merged cell is one cell, so its words cross nothing.
    """
    # A table may reach past the page's edge (a malformed page box): crop what lies on the page.
    words = page.crop(found.bbox, strict=False).extract_words()
    right = found.bbox[2] - 1
    for x0, top, x1, bottom in found.cells:
        if x1 >= right:
            continue
        for word in words:
            inside = word["top"] >= top - 1 and word["bottom"] <= bottom + 1 and x0 <= word["x0"] < x1
            if inside and word["x1"] > x1 + 1:
                return True
    return False


def is_continuation(first: TableBlock, second: TableBlock) -> bool:
    """True when `second` continues `first` on the next page (same columns at the same x)."""
    if second.page != first.last_page + 1 or len(first.rows[0]) != len(second.rows[0]):
        return False
    if len(first.column_edges) != len(second.column_edges):
        return False
    return all(abs(a - b) <= 3 for a, b in zip(first.column_edges, second.column_edges, strict=True))


def merge_tables(first: TableBlock, second: TableBlock) -> TableBlock:
    """Append `second`'s rows to `first`, leaving out a repeated header row."""
    rows = second.rows[1:] if second.rows[0] == first.rows[0] else second.rows
    # A row split by the page break goes on without its first cell: join it to the last row.
    if rows and not rows[0][0] and len(rows[0]) == len(first.rows[-1]):
        first.rows[-1] = [" ".join(filter(None, pair)) for pair in zip(first.rows[-1], rows[0], strict=True)]
        rows = rows[1:]
    first.rows.extend(rows)
    first.last_page = second.page
    return first


def table_to_markdown(rows: list[list[str]]) -> str:
    """Render rows as a Markdown (pipe) table whose first row is the header."""
    width = max(len(row) for row in rows)
    lines = []
    for index, row in enumerate(rows):
        cells = [escape_text(c).replace("|", "\\|") for c in row] + [""] * (width - len(row))
        lines.append("| " + " | ".join(cells) + " |")
        if index == 0:
            lines.append("|" + "|".join(["---"] * width) + "|")
    return "\n".join(lines)


def row_to_segments(row: list[Word], min_gap: float) -> list[list[Word]]:
    """Split one row of words where the space between two words is wider than a cell gap.

    A list marker and its text stay one segment, so a tab after "1." or "•" is not a cell.
    """
    segments = [[row[0]]]
    for word in row[1:]:
        last = segments[-1]
        marker = len(last) == 1 and is_list_marker(last[0].text)
        if word.x0 - last[-1].x1 > max(min_gap, 0.9 * word.size) and not marker:
            segments.append([word])
        else:
            last.append(word)
    return segments


def is_list_marker(text: str) -> bool:
    """True for a bullet glyph or an ordered-list number such as ``1.`` or ``a)``."""
    return bool(re.fullmatch(r"[•●▪■◦○‣⁃–—\-*·►➢➤✓✔\uf0b7\uf0a7]|\(?\w{1,3}[.)]", text))  # noqa: RUF001


def column_of(x0: float, starts: list[float]) -> int | None:
    """Index of the column that starts at `x0` (within a few points), or None."""
    for index, start in enumerate(starts):
        if abs(x0 - start) <= COLUMN_SLACK:
            return index
    return None


def nearest_column(x0: float, starts: list[float]) -> int:
    """Index of the column `x0` falls in: the last one that starts at or before it (within a few points)."""
    return max((index for index, start in enumerate(starts) if start <= x0 + COLUMN_SLACK), default=0)


def rows_to_grid(rows: list[list[Word]], start: int, min_gap: float) -> tuple[list[float], int]:
    """Grow a borderless table from rows[start]: return its column starts and its end index.

    Rows belong to the table while every text segment starts at a column start (a new
    column may appear while the table has only two rows) and ends before the next one,
    and the gap above the row is small.
    """
    starts = sorted(seg[0].x0 for seg in row_to_segments(rows[start], min_gap))
    end = start + 1
    while end < len(rows):
        row, above = rows[end], rows[end - 1]
        size = row[0].size
        if row[0].top - max(w.bottom for w in above) > 2.2 * size:
            break
        segments = row_to_segments(row, min_gap)
        columns = [column_of(seg[0].x0, starts) for seg in segments]
        if None in columns:
            if end - start > 1 or len(segments) < 2 or sum(c is None for c in columns) > 1:
                break
            starts = sorted([*starts, next(s[0].x0 for s, c in zip(segments, columns, strict=True) if c is None)])
            columns = [column_of(seg[0].x0, starts) for seg in segments]
        known = [c for c in columns if c is not None]
        if len(known) < len(columns) or any(
            c + 1 < len(starts) and seg[-1].x1 > starts[c + 1] - 2 for seg, c in zip(segments, known, strict=True)
        ):
            break
        end += 1
    return starts, end


def grid_to_cells(rows: list[list[Word]], starts: list[float], min_gap: float) -> list[list[list[str]]]:
    """Turn the lines of a borderless table into cells, each the list of its wrapped lines.

    When rows are spaced further apart than the lines inside a cell (cell padding), a
    wider space starts a new row. Without padding, a line starts a new row when its
    first-column text begins with a capital or digit; other lines continue the cells of
    the row above.
    """
    pitches = [b[0].top - a[0].top for a, b in itertools.pairwise(rows)]
    pitch = min(pitches, default=0.0)
    spaced = any(p > pitch + 2 for p in pitches)
    cells: list[list[list[str]]] = []
    for index, row in enumerate(rows):
        segments = row_to_segments(row, min_gap)
        columns = [nearest_column(seg[0].x0, starts) for seg in segments]
        first_text = next(
            (" ".join(w.text for w in seg) for seg, c in zip(segments, columns, strict=True) if c == 0), ""
        )
        wide = index > 0 and pitches[index - 1] > pitch + 2
        starts_row = wide if spaced else bool(first_text) and not first_text[0].islower()
        if not cells or starts_row:
            cells.append([[] for _ in starts])
        for seg, column in zip(segments, columns, strict=True):
            cells[-1][column].append(" ".join(w.text for w in seg))
    return cells


def words_to_text_tables(rows: list[list[Word]], page_number: int) -> tuple[list[TableBlock], list[list[Word]]]:
    """Find tables drawn without rules: runs of rows whose words line up in columns.

    Word, LibreOffice and browsers often print tables with no borders, or with only a
    rule above and below; pdfplumber's line strategy finds no cells in them. Three or
    more rows with text in two or more aligned columns make a table.

    Args:
        rows: The page's rows of words (top to bottom), from a single-column page.
        page_number: 1-based page number.

    Returns:
        The tables found, and the rows that are not part of any table.
    """
    tables: list[TableBlock] = []
    kept: list[list[Word]] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        min_gap = 0.9 * row[0].size
        if len(row_to_segments(row, min_gap)) < 2:
            kept.append(row)
            index += 1
            continue
        starts, end = rows_to_grid(rows, index, min_gap)
        block = rows[index:end]
        multi = sum(len(row_to_segments(r, min_gap)) >= 2 for r in block)
        if len(starts) < 2 or multi < 3 or multi < 0.3 * len(block):
            kept.append(row)
            index += 1
            continue
        cells = grid_to_cells(block, starts, min_gap)
        top, bottom = block[0][0].top, max(w.bottom for w in block[-1])
        x0, x1 = min(w.x0 for r in block for w in r), max(w.x1 for r in block for w in r)
        edges: list[float] = [round(s) for s in starts]
        tables.append(
            TableBlock(join_cells(cells), page_number, top, bottom, x0, x1, edges, page_number, wrapped=cells)
        )
        index = end
    return tables, kept
