"""Decide what each line is (heading, list item, paragraph text) and group lines into blocks.

Heading levels come from numbering (``1`` is level 2, ``1.1`` level 3, ...) and, for
unnumbered headings, from font size and weight compared with the numbered ones; the
document title (largest text on page 1) is level 1 (issue 3, "Structure").
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from converters.headings import (
    HEADING_TAG,
    SECTION_ONLY,
    SENTENCE_END,
    assign_heading_levels,
    body_font,
    heading_number,
    is_bold_title_with_stop,
    is_heading_candidate,
    is_labelled_value,
    is_marked_heading,
    is_quiet_heading,
    is_set_off_subsection,
    join_number_lines,
    mark_wrapped_heading_starts,
    number_only,
)
from converters.layout import Line, Word
from converters.tables import TableBlock
from converters.text import join_hyphenated

BULLETS = set("•●▪■◦○‣⁃–—-*·►➢➤✓✔") | {"\uf0b7", "\uf0a7", "\uf076", "\uf0d8", "\uf0fc", "\uf02d", "o", "§"}  # noqa: RUF001 - dashes and bullets as PDFs print them
# Words a title does not end with: a heading line ending in one goes on in the next line.
OPEN_END_WORDS = "for og av af i på til under med om fra frå ved and of the to in on with och för till"
OPEN_ENDS = frozenset(OPEN_END_WORDS.split())
# How far (points) the centres of two lines of one centred title block may be apart.
CENTRE_SLACK = 12.0
ORDERED = re.compile(r"^(?:(\d{1,3})[.)]|([a-z])[.)]|([ivx]{1,4})[.)]|\((\w{1,3})\))$", re.IGNORECASE)


@dataclass(slots=True)
class ImageBlock:
    """A picture placed in the text flow; `name` is the file written beside the Markdown."""

    name: str
    page: int
    top: float
    bottom: float
    column: int = 0
    x0: float = 0.0
    x1: float = 10_000.0


# What a page holds besides its text lines, and everything in a page's reading order.
PageObject = TableBlock | ImageBlock
Item = Line | TableBlock | ImageBlock


@dataclass(slots=True)
class ListItem:
    """One list item: nesting depth, marker kind and its words."""

    depth: int
    ordered: bool
    number: int
    words: list[Word]


@dataclass(slots=True)
class Block:
    """A Markdown block: heading, paragraph, list, table or image."""

    kind: str
    level: int = 0
    words: list[Word] = field(default_factory=list)
    items: list[ListItem] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    name: str = ""


def extend_words(
    words: list[Word], more: list[Word], right_edge: float | None = None, closed_compounds: bool = False
) -> None:
    """Append the next line's words, mending a word hyphenated at the line end.

    `right_edge` is the x where the column's lines end; a line that stops well short of
    it was broken by hand. `closed_compounds` is set for Norwegian text.
    """
    if words and more:
        last = words[-1]
        by_hand = right_edge is not None and right_edge - last.x1 > 3 * last.size
        joined = join_hyphenated(last.text, more[0].text, by_hand, closed_compounds)
        if joined is not None:
            words[-1] = replace(words[-1], text=joined, x1=more[0].x1)
            more = more[1:]
    words.extend(more)


def body_size(lines: list[Line]) -> float:
    """Return the font size of most of the document's text."""
    sizes: Counter[float] = Counter()
    for line in lines:
        for word in line.words:
            sizes[round(word.size, 1)] += len(word.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def list_marker(line: Line, prev: Line | None, new_paragraph: bool) -> tuple[bool, int] | None:
    """Return (ordered, number) when the line starts a list item, else None.

    A bullet glyph always starts an item. A number or letter with a dot or bracket does so
    when a tab-like gap follows it or when it opens a paragraph, so that a wrapped line
    beginning "15. mai" inside a sentence stays text.
    """
    if len(line.words) < 2:
        return None
    first, second = line.words[0], line.words[1]
    if first.text in BULLETS and (first.text != "o" or second.x0 - first.x1 > 0.5 * first.size):
        return False, 0
    match = ORDERED.match(first.text)
    if not match:
        return None
    wide_gap = second.x0 - first.x1 > 0.45 * first.size
    # Inside a list, a line that starts at the item's text indent wraps that item's text.
    after_item = prev is not None and prev.kind == "item" and line.x0 < prev.extra.get("text_x0", prev.x0) - 1
    if wide_gap or new_paragraph or after_item:
        return True, int(match[1]) if match[1] else 0
    return None


def gap_threshold(lines: list[Line], body: float) -> float:
    """Return the vertical gap above which two text lines belong to different paragraphs."""
    gaps = [
        round(b.top - a.bottom, 1)
        for a, b in itertools.pairwise(lines)
        if a.page == b.page
        and a.column == b.column
        and abs(a.size - body) < 0.6
        and abs(b.size - body) < 0.6
        and 0 <= b.top - a.bottom < 3 * body
    ]
    # The line gap is the smallest gap that recurs: where most paragraphs are one line
    # long, the most common gap is the paragraph gap itself.
    counts = Counter(gaps)
    recurring = [gap for gap, count in counts.items() if count >= 2]
    usual = min(recurring) if recurring else (counts.most_common(1)[0][0] if gaps else 0.25 * body)
    return usual + 0.3 * body


def starts_paragraph(
    prev: Line | None, line: Line, threshold: float, right_edges: dict[tuple[int, int], float]
) -> bool:
    """True when `line` does not continue the paragraph that `prev` is part of."""
    if prev is None or prev.kind == "heading":
        return True
    if (prev.page, prev.column) != (line.page, line.column):
        return prev.text.endswith(SENTENCE_END)
    if line.top - prev.bottom > threshold or abs(line.size - prev.size) > 0.6:
        return True
    # A line that ends a sentence with room left for the next line's first word ended
    # its paragraph on purpose (the writer pressed Enter).
    right = right_edges.get((line.page, line.column), prev.x1)
    first = line.words[0]
    room = right - prev.x1
    return prev.text.endswith(SENTENCE_END) and room > (first.x1 - first.x0) + 0.5 * first.size


def continues_heading(prev: Line, line: Line) -> bool:
    """True when `line` is the next line of the heading `prev`, in the same page and column.

    Either the heading wraps (same size and weight, close below), or `prev` is a line of a
    centred title block that ends in a word that cannot end a title ("Vedtægter for", "CP
    Ung under") and the next centred line goes on with it, whatever its size
    ("Landsforeningen for cerebral parese").
    """
    if prev.kind != "heading" or (prev.page, prev.column) != (line.page, line.column) or heading_number(line):
        return False
    centred = abs((prev.x0 + prev.x1) - (line.x0 + line.x1)) < 2 * CENTRE_SLACK  # a centred title block
    gap = line.top - prev.bottom
    title_goes_on = prev.words[-1].text.lower() in OPEN_ENDS and centred and 0 <= gap < 1.5 * max(prev.size, line.size)
    same_style = line.kind == "heading" and abs(prev.size - line.size) < 0.3 and prev.bold == line.bold
    # A centred title block may be set with more room between its lines (1.85 times the
    # size, seen on a cover with a band behind each line).
    wide = centred and not prev.text.endswith(".") and gap < 1.0 * line.size
    wraps = same_style and (gap < 0.6 * line.size or wide)
    return title_goes_on or wraps


def merge_heading_lines(lines: list[Line], body: float) -> list[Line]:
    """Join a heading that goes on in the next line (`continues_heading`) into one heading line."""
    merged: list[Line] = []
    for line in lines:
        prev = merged[-1] if merged else None
        if prev is not None and continues_heading(prev, line):
            prev.words = list(prev.words)
            extend_words(prev.words, line.words)
            continue
        merged.append(line)
    for line in merged:
        if line.kind == "heading" and line.size < body * 1.15 and len(line.text) > 150:
            line.kind = "text"
    return merged


def isolated_lines(lines: list[Line], threshold: float) -> tuple[list[bool], list[bool], list[bool]]:
    """For each line: whether it stands alone, stands apart as a title, and opens a paragraph.

    A line stands alone with a paragraph gap above and below it (or a page or column
    edge). It stands apart when a gap is above it and, below it, a gap or text indented
    further than it by more than an em ("Risk Assessment." over an indented paragraph).
    It opens a paragraph with a gap (or an edge) above it.
    """
    by_column: dict[tuple[int, int], list[int]] = {}
    for index, line in enumerate(lines):
        by_column.setdefault((line.page, line.column), []).append(index)
    alone = [False] * len(lines)
    apart = [False] * len(lines)
    opens = [False] * len(lines)
    for indexes in by_column.values():
        for pos, index in enumerate(indexes):
            line = lines[index]
            above = lines[indexes[pos - 1]] if pos else None
            below = lines[indexes[pos + 1]] if pos + 1 < len(indexes) else None
            gap_above = above is None or line.top - above.bottom > threshold
            gap_below = below is None or below.top - line.bottom > threshold
            alone[index] = gap_above and gap_below
            apart[index] = gap_above and (gap_below or (below is not None and below.x0 > line.x0 + line.size))
            opens[index] = gap_above
    return alone, apart, opens


def classify_lines(lines: list[Line], body: float) -> list[Line]:
    """Mark each line as heading or text and give headings their levels.

    Headings are told by size and weight, by a tagged PDF's H1-H6 marks (Word's export)
    and, for lines that stand alone, by numbering or a change of font (issue 12).
    """
    lines = join_number_lines(lines)
    threshold = gap_threshold(lines, body)
    alone, apart, opens = isolated_lines(lines, threshold)
    font = body_font(lines, body)
    quiet: list[int] = []
    for index, line in enumerate(lines):
        tag = line.tag or ""
        if HEADING_TAG.fullmatch(tag):
            line.extra["tag_level"] = min(6, int(tag[1]) + 1)
        if line.extra.get("tag_level"):
            line.kind = "heading"
        elif is_labelled_value(line):
            pass  # "Updated: 2019-02-07" set large on a cover page is a value, not a heading
        elif is_heading_candidate(line, body):
            line.kind = "heading"
        elif (
            (alone[index] and is_quiet_heading(line, body, font))
            or (apart[index] and is_bold_title_with_stop(line, body))
            or is_marked_heading(lines, index, threshold)
            or (opens[index] and is_set_off_subsection(line, body, font))
        ):
            line.kind = "heading"
            quiet.append(index)
            if SECTION_ONLY.fullmatch(line.text):
                line.extra["section_only"] = True  # "§ 1": one level below its chapter
        if line.kind == "heading":
            line.extra["number"] = heading_number(line) or number_only(line)
    # Numbered lines one after another with nothing between them are a list, not headings;
    # so is "2. Item" (a number with a full stop) unless the document numbers its
    # headings in levels ("2.1"): an ordered list's numbers look the same.
    levels = any("." in (ln.extra.get("number") or "") for ln in lines if ln.kind == "heading")
    for index in quiet:
        line = lines[index]
        number = line.extra.get("number")
        listed = any(i in quiet for i in (index - 1, index + 1))
        if number and (listed or (line.words[0].text.endswith(".") and "." not in number and not levels)):
            line.kind = "text"
            line.extra.pop("number", None)
    mark_wrapped_heading_starts(lines, body)
    lines = merge_heading_lines(lines, body)
    assign_heading_levels([ln for ln in lines if ln.kind == "heading"], body)
    return lines


def add_list_item(
    blocks: list[Block], line: Line, prev: Line | None, indents: list[float], marker: tuple[bool, int]
) -> list[float]:
    """Add `line` as a list item (a new list unless the line before was an item); return the indents."""
    ordered, number = marker
    if not (blocks and blocks[-1].kind == "list" and prev is not None and prev.kind == "item"):
        blocks.append(Block("list"))
        indents = []
    while indents and line.x0 < indents[-1] - 3:
        indents.pop()
    if not indents or line.x0 > indents[-1] + 3:
        indents.append(line.x0)
    line.kind = "item"
    line.extra["text_x0"] = line.words[1].x0
    blocks[-1].items.append(ListItem(len(indents) - 1, ordered, number, list(line.words[1:])))
    return indents


def items_to_blocks(items: list[Item], body: float, closed_compounds: bool = False) -> list[Block]:
    """Group classified lines, tables and images (in reading order) into Markdown blocks.

    `closed_compounds` (Norwegian text) joins words hyphenated at a line end more eagerly.
    """
    lines = [it for it in items if isinstance(it, Line)]
    threshold = gap_threshold(lines, body)
    right_edges: dict[tuple[int, int], float] = {}
    for line in lines:
        key = (line.page, line.column)
        right_edges[key] = max(right_edges.get(key, 0.0), line.x1)

    blocks: list[Block] = []
    prev: Line | None = None
    indents: list[float] = []
    for item in items:
        if isinstance(item, TableBlock):
            blocks.append(Block("table", rows=item.rows))
            prev = None
            continue
        if isinstance(item, ImageBlock):
            blocks.append(Block("image", name=item.name))
            prev = None
            continue
        line = item
        if line.kind == "heading":
            blocks.append(Block("heading", level=line.level, words=list(line.words)))
            prev = line
            continue
        new_paragraph = starts_paragraph(prev, line, threshold, right_edges)
        marker = list_marker(line, prev, new_paragraph)
        if marker is not None:
            indents = add_list_item(blocks, line, prev, indents, marker)
        elif (
            prev is not None
            and prev.kind == "item"
            and (
                line.x0 >= prev.extra.get("text_x0", prev.x0) - 3
                and not (line.top - prev.bottom > threshold and (prev.page, prev.column) == (line.page, line.column))
            )
        ):
            line.kind = "item"
            line.extra["text_x0"] = prev.extra.get("text_x0", line.x0)
            edge = right_edges.get((prev.page, prev.column))
            extend_words(blocks[-1].items[-1].words, line.words, edge, closed_compounds)
        elif prev is None or new_paragraph or not blocks or blocks[-1].kind != "paragraph":
            blocks.append(Block("paragraph", words=list(line.words)))
        else:
            extend_words(blocks[-1].words, line.words, right_edges.get((prev.page, prev.column)), closed_compounds)
        prev = line
    return blocks
