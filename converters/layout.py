"""Turn a page's words into lines in reading order.

pdfplumber gives words with positions; this module groups them into lines, finds a
two-column layout by its gutter (issue 3, "Structure"). Page furniture is found in
``converters.furniture``.
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pdfplumber

# Share of the page height, at the top and bottom, where running headers and footers live.
MARGIN_ZONE = 0.1
# Spacing accents that TeX sets before a letter, and the combining marks they stand for.
COMBINING = {
    "\u00a8": "\u0308",
    "\u02da": "\u030a",
    "\u00b4": "\u0301",
    "\u02c6": "\u0302",
    "\u02dc": "\u0303",
    "\u02c7": "\u030c",
    "\u00b8": "\u0327",
}
SPACING_ACCENT = re.compile("([" + "".join(COMBINING) + "])([A-Za-z])")
# pdfminer writes "(cid:13)" for glyphs without a Unicode mapping; they are noise in text.
CID = re.compile(r"\(cid:\d+\)")
# A candidate gutter x: rows crossing it, minus the two-sided rows, x, and those rows' left and right words.
GutterScore = tuple[int, int, float, list[tuple[list["Word"], list["Word"]]]]

# A slant of about 11 degrees or more off both axes (tan 11° ≈ 0.2) is diagonal text.
DIAGONAL = 0.2


@dataclass(slots=True)
class Word:
    """One word with the style and link the PDF gives it."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    italic: bool
    link: str | None = None
    glued: bool = False  # no space before it: pdfplumber split the word where the style changes
    font: str = ""  # font name without the subset prefix ("Calibri-Light")
    tag: str | None = None  # marked-content tag of a tagged PDF ("H1", "P", "Artifact")
    underlined: bool = False  # a rule is drawn under it
    upright: bool = True  # False for rotated or vertical text


@dataclass(slots=True)
class Line:
    """One line of text on one page; `column` is 0 (full width), 1 (left) or 2 (right)."""

    words: list[Word]
    page: int
    column: int = 0
    kind: str = "text"
    level: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The words joined by single spaces."""
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        """Left edge."""
        return self.words[0].x0

    @property
    def x1(self) -> float:
        """Right edge."""
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        """Top edge."""
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        """Bottom edge."""
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        """Font size of most of the line's characters."""
        sizes: Counter[float] = Counter()
        for w in self.words:
            sizes[round(w.size, 1)] += len(w.text)
        return sizes.most_common(1)[0][0]

    @property
    def tag(self) -> str | None:
        """The marked-content tag all of the line's words share (Word's tagged export), or None."""
        tags = {w.tag for w in self.words}
        return tags.pop() if len(tags) == 1 else None

    @property
    def font(self) -> str:
        """Font name of most of the line's characters."""
        fonts: Counter[str] = Counter()
        for w in self.words:
            fonts[w.font] += len(w.text)
        return fonts.most_common(1)[0][0]

    @property
    def underlined(self) -> bool:
        """True when every word with letters is underlined (and none is a link)."""
        styled = [w.underlined and not w.link for w in self.words if any(c.isalnum() for c in w.text)]
        return bool(styled) and all(styled)

    @property
    def bold(self) -> bool:
        """True when every word with letters is bold."""
        styled = [w.bold for w in self.words if any(c.isalnum() for c in w.text)]
        return bool(styled) and all(styled)


def spacing_accents_to_letters(text: str) -> str:
    """Join a spacing accent with the letter after it: LaTeX's "p˚a" is "på", "¨o" is "ö"."""
    if not SPACING_ACCENT.search(text):
        return text
    joined = SPACING_ACCENT.sub(lambda m: m[2] + COMBINING[m[1]], text)
    return unicodedata.normalize("NFC", joined)


def fontname_to_style(fontname: str) -> tuple[bool, bool]:
    """Return (bold, italic) from a font name such as ``ABCDEF+LiberationSans-BoldItalic``."""
    name = fontname.split("+", 1)[-1].lower()
    bold = any(mark in name for mark in ("bold", "black", "heavy", "semibold", "demi"))
    italic = "italic" in name or "oblique" in name
    return bold, italic


def inside(word: dict[str, Any], box: tuple[float, float, float, float], pad: float = 1.0) -> bool:
    """True when the centre of `word` lies in `box` (x0, top, x1, bottom)."""
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    return bool(box[0] - pad <= cx <= box[2] + pad and box[1] - pad <= cy <= box[3] + pad)


def page_to_words(page: pdfplumber.page.Page, skip: list[tuple[float, float, float, float]]) -> list[Word]:
    """Extract the page's words with style and link, leaving out those inside `skip` boxes.

    Args:
        page: A pdfplumber page.
        skip: Boxes (tables, images) whose words are handled elsewhere.

    Returns:
        Words in pdfplumber's order, with a "•" word for each list bullet drawn as a shape.
    """
    links = [(h["x0"], h["top"], h["x1"], h["bottom"], h.get("uri")) for h in page.hyperlinks if h.get("uri")]
    words: list[Word] = []
    prev = None
    # The marked-content tag tells Word's headings and artifacts. It is read from the
    # word's first character, not used to split words: Chromium tags each ligature ("fi").
    attrs = ["fontname", "size"]
    for raw in page.extract_words(extra_attrs=attrs, x_tolerance=1.5, keep_blank_chars=False, return_chars=True):
        if any(inside(raw, box) for box in skip):
            continue
        text = spacing_accents_to_letters(CID.sub("", raw["text"]))
        if not text:
            continue
        bold, italic = fontname_to_style(raw["fontname"])
        link = next((uri for *box, uri in links if inside(raw, tuple(box), pad=2.0)), None)
        glued = prev is not None and abs(prev["top"] - raw["top"]) < 1.5 and -0.5 < raw["x0"] - prev["x1"] < 0.5
        if glued and link and not any(c.isalnum() for c in text):
            link = None  # a full stop after a link, split off by a change of tag
        words.append(
            Word(
                text,
                raw["x0"],
                raw["x1"],
                raw["top"],
                raw["bottom"],
                raw["size"],
                bold,
                italic,
                link,
                glued,
                raw["fontname"].split("+", 1)[-1],
                raw["chars"][0].get("tag"),
                upright=is_upright(raw["chars"][0]),
            )
        )
        prev = raw
    mark_underlines(page, words)
    return words + shapes_to_bullets(page, words, skip)


def is_diagonal(char: dict[str, Any]) -> bool:
    """True for a character set at a slant (a "DRAFT" or "KOPI" watermark across the page).

    Text turned by a quarter turn (a table's column head, a margin note) is not diagonal.
    """
    a, b, *_ = char.get("matrix") or (1, 0)
    return bool(min(abs(a), abs(b)) > DIAGONAL * max(abs(a), abs(b)))


def is_upright(char: dict[str, Any]) -> bool:
    """True for a character set level: not rotated, not vertical (its matrix has no turn)."""
    a, b, *_ = char.get("matrix") or (1, 0)
    return bool(char.get("upright", True)) and abs(b) <= 0.1 * abs(a)


def mark_underlines(page: pdfplumber.page.Page, words: list[Word]) -> None:
    """Set `underlined` on words with a horizontal rule just under their letters.

    Word and Google Docs underline headings ("Physical Address Requirements:") with a rule
    drawn at the baseline (a line, a thin box or a box's bottom edge); a page with very many
    rules (a form, a grid) is left alone.
    """
    rules = [
        (s["x0"], s["x1"], (s["top"] + s["bottom"]) / 2)
        for s in page.horizontal_edges + [r for r in page.rects if r["bottom"] - r["top"] < 1.5]
        if 3 < s["x1"] - s["x0"] < 0.6 * page.width  # a box's or table's border is wider
    ]
    if not rules or len(rules) > 200:
        return
    for word in words:
        low = word.top + 0.6 * (word.bottom - word.top)
        for x0, x1, y in rules:
            covered = min(x1, word.x1) - max(x0, word.x0)
            if low <= y <= word.bottom + 3 and covered >= 0.7 * (word.x1 - word.x0):
                word.underlined = True
                break


def shapes_to_bullets(
    page: pdfplumber.page.Page, words: list[Word], skip: list[tuple[float, float, float, float]]
) -> list[Word]:
    """Return a "•" word for each small dot or square drawn just left of a line of text.

    Browsers (Chromium's print to PDF) draw list bullets as filled shapes, not glyphs;
    without them a bulleted list reads as one paragraph.
    """
    bullets: list[Word] = []
    candidates: dict[int, list[tuple[dict[str, Any], Word]]] = {}
    for shape in page.curves + page.rects:
        width, height = shape["x1"] - shape["x0"], shape["bottom"] - shape["top"]
        if not (1.5 <= width <= 7 and 1.5 <= height <= 7 and abs(width - height) < 1.5):
            continue
        if any(inside(shape, box) for box in skip):
            continue
        middle = (shape["top"] + shape["bottom"]) / 2
        after = [w for w in words if w.top <= middle <= w.bottom and 0 < w.x0 - shape["x1"] < 3 * w.size]
        if not after:
            continue
        word = min(after, key=lambda w: w.x0)
        candidates.setdefault(id(word), []).append((shape, word))
    # One shape before a line is its bullet; a row of dots before a word is a logo or a rule.
    for found in candidates.values():
        if len(found) == 1:
            shape, word = found[0]
            bullets.append(Word("•", shape["x0"], shape["x1"], word.top, word.bottom, word.size, False, False))
    return bullets


def words_to_rows(words: list[Word]) -> list[list[Word]]:
    """Group words whose tops are close into rows, each sorted left to right."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (round(w.top), w.x0)):
        if rows and abs(rows[-1][0].top - word.top) <= max(2.0, 0.3 * word.size):
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w.x0) for row in rows]


def rows_to_gutter(rows: list[list[Word]], width: float, height: float | None = None) -> float | None:
    """Find the x of a two-column gutter, or None for a single-column page.

    With the page `height`, rows in the top and bottom margin zones are left out: a
    letterhead or running header (name left, title right) is no evidence of columns.

    A gutter is an x near the middle that few rows cross and that has text on both sides
    on at least three rows, where the left text reaches close to the gutter (so a
    label/value block with tab stops is not taken for two columns). Of the x positions
    crossed by the fewest rows, the middle of the run with the most two-sided rows is
    taken: a right column's hanging list numbers then stay on its side of the gutter.
    """
    if height is not None:
        rows = [r for r in rows if r[0].top > height * MARGIN_ZONE and r[0].bottom < height * (1 - MARGIN_ZONE)]
    scores: list[GutterScore] = []
    for step in range(int(width * 0.35), int(width * 0.65), 3):
        x = float(step)
        crossed = 0
        two_sided: list[tuple[list[Word], list[Word]]] = []
        for row in rows:
            if any(w.x0 - 2 < x < w.x1 + 2 for w in row):
                crossed += 1
                continue
            left = [w for w in row if w.x1 <= x]
            right = [w for w in row if w.x0 >= x]
            if left and right:
                two_sided.append((left, right))
        if len(two_sided) >= 3:
            scores.append((crossed, -len(two_sided), x, two_sided))
    if not scores:
        return None
    best_key = min(s[:2] for s in scores)
    run = [s for s in scores if s[:2] == best_key]
    # The widest stretch of equally good x values is the gutter; take its middle.
    stretches: list[list[GutterScore]] = [[run[0]]]
    for item in run[1:]:
        if item[2] - stretches[-1][-1][2] <= 3:
            stretches[-1].append(item)
        else:
            stretches.append([item])
    stretch = max(stretches, key=len)
    _, _, best, best_rows = stretch[len(stretch) // 2]
    left_edge = min(row[0][0].x0 for row in best_rows)
    reach = statistics.median(max(w.x1 for w in left) for left, _ in best_rows)
    if reach - left_edge < 0.7 * (best - left_edge):
        return None
    # The right column's lines, too, mostly run to the right edge of the text.
    right_start = statistics.median(right[0].x0 for _, right in best_rows)
    right_edge = max(w.x1 for row in rows for w in row)
    reaches = sorted(max(w.x1 for w in right) for _, right in best_rows)
    right_reach = reaches[int(0.75 * (len(reaches) - 1))]  # upper quartile: last lines are short
    if right_reach - right_start < 0.7 * (right_edge - right_start):
        return None
    # A column holds running text: wide gaps in it fall anywhere (justified lines). In a
    # table, the words after wide gaps line up: the table's inner columns.
    inner = Counter(round(b.x0 / 4) for row in best_rows for side in row for _, b in wide_gaps(side))
    if inner and inner.most_common(1)[0][1] >= max(3, 0.3 * len(best_rows)):
        return None
    return best


def wide_gaps(words: list[Word]) -> list[tuple[Word, Word]]:
    """Neighbouring word pairs further apart than a cell gap (0.9 em)."""
    pairs = itertools.pairwise(words)
    # The gap after a list marker ("1.", "•") at the start is a tab stop, not a cell gap.
    return [(a, b) for a, b in pairs if b.x0 - a.x1 > 0.9 * b.size and not (a is words[0] and len(a.text) <= 3)]


def words_to_lines(words: list[Word], page_number: int, width: float) -> list[Line]:
    """Group a page's words into lines, split at a two-column gutter when there is one."""
    rows = words_to_rows(words)
    return rows_to_lines(rows, page_number, rows_to_gutter(rows, width))


def rows_to_lines(rows: list[list[Word]], page_number: int, gutter: float | None) -> list[Line]:
    """Turn rows into lines, split at the gutter `x` of a two-column band when there is one.

    Only rows between the first and the last row with text on both sides of the gutter
    (and the one-sided rows that run on above and below them) are split; other rows are
    full-width text.
    """
    in_band = [False] * len(rows)
    if gutter is not None:
        for index, row in enumerate(rows):
            in_band[index] = (
                not any(w.x0 - 2 < gutter < w.x1 + 2 for w in row)
                and any(w.x1 <= gutter for w in row)
                and any(w.x0 >= gutter for w in row)
            )
        first = in_band.index(True) if True in in_band else len(rows)
        last = len(rows) - 1 - in_band[::-1].index(True) if True in in_band else -1
        in_band[first : last + 1] = [True] * max(0, last + 1 - first)
        # Headings and short lines at the top of either column come before the first row
        # with text on both sides; they belong to the band until a full-width row.
        for index in range(first - 1, -1, -1):
            if any(w.x0 - 2 < gutter < w.x1 + 2 for w in rows[index]):
                break
            in_band[index] = True
        # A longer column runs on below the last two-sided row; it ends at a wider gap.
        for index in range(last + 1, len(rows)):
            above = rows[index - 1]
            if rows[index][0].top - max(w.bottom for w in above) > 0.6 * above[0].size:
                break
            in_band[index] = True
    lines = []
    for row, banded in zip(rows, in_band, strict=True):
        if gutter is None or not banded or any(w.x0 - 2 < gutter < w.x1 + 2 for w in row):
            lines.append(Line(row, page_number, 0))
            continue
        left = [w for w in row if w.x1 <= gutter]
        right = [w for w in row if w.x0 >= gutter]
        lines.extend(Line(part, page_number, column) for column, part in ((1, left), (2, right)) if part)
    return lines
