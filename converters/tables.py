"""Find ruled tables, join tables that run over a page break, and write Markdown tables."""

from __future__ import annotations

from dataclasses import dataclass

import pdfplumber

from converters.text import escape_text, join_wrapped


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


def cell_to_text(cell: str | None) -> str:
    """Join a cell's wrapped lines into one line of text."""
    if not cell:
        return ""
    return join_wrapped(cell.splitlines())


def page_to_tables(page: pdfplumber.page.Page) -> list[TableBlock]:
    """Return the page's ruled tables (pdfplumber's line strategy), skipping one-cell frames."""
    if not (page.rects or page.lines):
        return []
    tables = []
    for found in page.find_tables():
        rows = [[cell_to_text(c) for c in row] for row in found.extract()]
        rows = [row for row in rows if any(row)]
        if not rows or (len(rows) == 1 and len(rows[0]) == 1):
            continue
        edges = sorted({round(cell[0]) for cell in found.cells})
        x0, top, x1, bottom = found.bbox
        tables.append(TableBlock(rows, page.page_number, top, bottom, x0, x1, edges, page.page_number))
    return tables


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
