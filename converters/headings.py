"""Tell headings from text, line by line, and give headings their levels.

A heading is told by size and weight, by a tagged PDF's H1-H6 marks, and, for lines at
body size, by numbering ("3.2 Ansvar"), capitals, underlining or a change of font.
Levels come from numbering (``1`` is level 2, ``1.1`` level 3, ...) and, for unnumbered
headings, from size and weight compared with the numbered ones (issues 3 and 12).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from converters.header import VERSION_MARK, colon_pair
from converters.layout import Line
from converters.metadata import VERSION

SENTENCE_END = (".", "!", "?", ":")
SECTION_TITLE = re.compile(r"^§\s*\d{1,3}[a-z]?\.?\s+[A-ZÆØÅ][^\W\d_]+")  # "§ 5. Generalforsamling"
SECTION_ONLY = re.compile(r"§\s*\d{1,3}[a-z]?\.?")  # "§ 1" on a line of its own, above its text
NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,5})\.?$")
HEADING_TAG = re.compile(r"H[1-6]")
# A date on a line of its own ("28. september 2016", "August 5, 2019", "2024") is no heading.
DATE_LINE = re.compile(
    r"^(?:\d{1,2}\.?\s+[^\W\d_]+\.?,?\s+\d{4}|[^\W\d_]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|(?:19|20)\d{2})$"
)


def heading_number(line: Line) -> str | None:
    """Return the heading number (``2.3.1``) that starts the line, or None."""
    if len(line.words) < 2 or not line.words[1].text[:1].isalpha():
        return None
    match = NUMBERED.match(line.words[0].text)
    return match[1] if match else None


def number_only(line: Line) -> str | None:
    """The number of a heading that is a section number alone ("2.1"), or None.

    LaTeX prints an untitled subsection so; one level alone ("3") is as likely a page or
    list number.
    """
    if len(line.words) != 1:
        return None
    match = NUMBERED.match(line.words[0].text)
    return match[1] if match and "." in match[1] else None


def is_labelled_value(line: Line) -> bool:
    """True for a metadata label and its value ("Updated: 2019-02-07", "Version 1.0"), however it is set."""
    pair = colon_pair(line.text)
    if pair and pair[1]:
        return True
    mark = VERSION_MARK.match(line.text)
    return mark is not None and bool(VERSION.fullmatch(line.text[mark.end() :].strip().removeprefix("v")))


def is_heading_candidate(line: Line, body: float) -> bool:
    """True when size, weight and length make the line look like a heading."""
    text = line.text
    if len(text) > 150 or not any(c.isalpha() for c in text) or text.endswith((",", ";")) or DATE_LINE.match(text):
        return False
    if not all(w.upright for w in line.words):
        return False  # rotated or vertical text (a margin note, a stamp) is no heading
    if line.size >= body * 1.15:
        return True
    if not line.bold:
        return False
    # A bold question is a heading too ("Hvem er ansvarlig for prosjektet?").
    return bool(heading_number(line)) or (len(text) <= 80 and not text.endswith((".", "!", ":")))


def assign_heading_levels(headings: list[Line], body: float) -> None:
    """Set `level` on heading lines from their numbering, size and weight."""
    by_style: dict[tuple[float, bool], Counter[int]] = {}
    for line in headings:
        number = line.extra.get("number")
        if line.extra.get("tag_level"):
            line.level = line.extra["tag_level"]
        elif number:
            line.level = min(6, number.count(".") + 2)
        else:
            continue
        by_style.setdefault((line.size, title_bold(line)), Counter())[line.level] += 1
    # A title block joined from lines of several sizes is as large as its largest line.
    sizes = [max(w.size for w in line.words) for line in headings]
    title_size = max(sizes) if sizes else 0
    # The title may share its size with numbered chapters ("1. Background"): it is then the
    # document's first heading and the only one of that size without a number.
    unnumbered = [
        h for h, size in zip(headings, sizes, strict=True) if size == title_size and not h.extra.get("number")
    ]
    for line, peak in zip(headings, sizes, strict=True):
        if line.extra.get("number") or line.extra.get("tag_level"):
            continue
        line.extra["level_guessed"] = True
        alone = sizes.count(title_size) == 1 or (unnumbered == [line] and line is headings[0])
        if line.page == 1 and peak == title_size and peak >= body * 1.25 and alone:
            line.level = 1
            continue
        bold = title_bold(line)
        same = [c.most_common(1)[0][0] for (s, b), c in by_style.items() if abs(s - line.size) < 0.6 and b == bold]
        larger = [c.most_common(1)[0][0] for (s, _), c in by_style.items() if s > line.size + 0.5]
        if same:
            line.level = same[0]
        elif larger:
            line.level = min(6, max(larger) + 1)
        elif by_style:
            line.level = max(1, min(c.most_common(1)[0][0] for c in by_style.values()) - 1)
        else:
            ranks = sorted(
                {round(h.size) for h in headings if not h.extra.get("number") and h.level != 1}, reverse=True
            )
            line.level = min(6, ranks.index(round(line.size)) + 2)
    section_levels(headings)


def section_levels(headings: list[Line]) -> None:
    """A "§ 1" of its own sits one level below the heading it follows (statutes' chapters)."""
    above = 1
    for line in headings:
        if line.extra.get("section_only"):
            line.level = min(6, above + 1)
        else:
            above = line.level


def body_font(lines: list[Line], body: float) -> str:
    """Font name of most body-size text."""
    fonts: Counter[str] = Counter()
    for line in lines:
        for word in line.words:
            if abs(word.size - body) < 0.3:
                fonts[word.font] += len(word.text)
    return fonts.most_common(1)[0][0] if fonts else ""


def is_quiet_heading(line: Line, body: float, font: str) -> bool:
    """True for a heading set at (about) body size without bold, standing alone.

    Such headings are told by their numbering ("3.2 Ansvar"), a slightly larger size
    (12 pt over 11 pt) or another font of the family (Word's "Calibri Light" headings).
    """
    text = line.text
    if not all(w.upright for w in line.words):
        return False
    if SECTION_ONLY.fullmatch(text):
        return True  # "§ 1" above its paragraph (classify_lines marks it for `section_levels`)
    letters = [c for c in text if c.isalpha()]
    capitals = len(letters) >= 4 and all(c.isupper() for c in letters)
    # Three words, or up to five before a colon: lines of a paragraph in capitals (a
    # licence's warranty) are longer.
    short = len(line.words) <= 3 or (text.endswith(":") and len(line.words) <= 5)
    if capitals and short and not text.endswith((".", ",", ";")):
        return True  # "OVERVIEW:", "PROCEDURES": a heading in capitals at body size
    if len(text) > 80 or text.endswith((*SENTENCE_END, ",", ";")):
        return False
    if not text[:1].isupper() and not text[:1].isdigit():
        return False
    if number_only(line):
        return line.bold or line.size >= body + 0.5
    if any(w.bold for w in line.words) and not bold_after_number(line):
        return False  # "2. **Item** and text": a list item with a bold label, not a heading
    number = heading_number(line)
    if number and DATE_LINE.match(text):
        return False
    if number:
        rest = line.words[1].text
        return rest[:1].isupper() and int(number.split(".")[0]) <= 30 and len(line.words) <= 10
    if line.size >= body + 0.5:
        return True
    return bool(font) and line.font != font and line.size >= body - 0.1 and not line.words[0].italic


def is_set_off_subsection(line: Line, body: float, font: str) -> bool:
    """True for a subsection heading ("2.1.3 Version") set in another style, with text right below.

    The number has levels, the title is short and starts with a capital, and the line is
    set apart from the body by its font (italic, a lighter or heavier face) or a larger size.
    """
    number = heading_number(line)
    text = line.text
    if not number or "." not in number.strip(".") or len(line.words) > 10 or text.endswith((*SENTENCE_END, ",", ";")):
        return False
    styled = (bool(font) and all(w.font != font for w in line.words)) or line.size >= body + 0.4
    return styled and line.words[1].text[:1].isupper() and all(w.upright for w in line.words)


def bold_after_number(line: Line) -> bool:
    """True for "1 **Formål**" or "2.1 **Ansvar**": a plain heading number before a bold title.

    Not for "2. **Bygging**": one number with a full stop before a bold label is a list item.
    """
    number = heading_number(line)
    if not number or ("." not in number and line.words[0].text.endswith(".")):
        return False
    styled = [w.bold for w in line.words[1:] if any(c.isalnum() for c in w.text)]
    return bool(styled) and all(styled)


def title_bold(line: Line) -> bool:
    """True when the heading's title is bold (its number may be set plain)."""
    return line.bold or bold_after_number(line)


def is_bold_title_with_stop(line: Line, body: float) -> bool:
    """True for a bold body-size title ending in one full stop ("Omfang.", "Risk Assessment.").

    Up to four words, or up to eight in title case ("Allocation of Resources Prior to any
    Disaster."). Only for a line that stands apart (`isolated_lines`): a bold sentence, or a
    bold lead-in ("**Merking.** Hvert rør ..."), is text.
    """
    text = line.text
    words = [w.text for w in line.words if any(c.isalnum() for c in w.text)]
    title_case = all(w[:1].isupper() for w in words if len(w) >= 4)
    return (
        line.bold
        and (len(words) <= 4 or (len(words) <= 8 and title_case))
        and text.endswith(".")
        and not text.endswith("..")
        and ". " not in text.rstrip(" .")
        and text[:1].isupper()
        and abs(line.size - body) < 0.6
        and not DATE_LINE.match(text.rstrip(" ."))
    )


def join_number_lines(lines: list[Line]) -> list[Line]:
    """Join a heading number on a line of its own ("2.1") with the title just below it.

    Some layouts set the number above the title; the two are then one heading line. The
    title follows within a line's height, in the same column and size, starts with a
    capital and is short.
    """
    joined: list[Line] = []
    for line in lines:
        prev = joined[-1] if joined else None
        if (
            prev is not None
            and len(prev.words) == 1
            and NUMBERED.match(prev.words[0].text)
            and (prev.page, prev.column) == (line.page, line.column)
            and 0 <= line.top - prev.bottom < 0.8 * line.size
            and abs(prev.size - line.size) < 0.3
            and line.text[:1].isupper()
            and len(line.words) <= 10
            and not line.text.endswith((",", ";"))
        ):
            joined[-1] = Line([*prev.words, *line.words], line.page, line.column, extra=dict(line.extra))
            continue
        joined.append(line)
    return joined


def is_marked_heading(lines: list[Line], index: int, threshold: float) -> bool:
    """True for a heading at body size marked by an underline or a section sign.

    It is short and comes after the end of a sentence or a paragraph gap; the text may
    follow it without a gap ("Physical Address Requirements:", "Financial Projections" as
    Word underlines them; statutes' "§ 5. Generalforsamling" set like body text).
    """
    line = lines[index]
    text = line.text
    underlined = line.underlined and text[:1].isupper()
    # A title, not the first line of a paragraph that wraps ("§ 2. Forslag, der ønskes ...").
    section = SECTION_TITLE.match(text) and len(line.words) <= 7 and "," not in text and not text.endswith(SENTENCE_END)
    if not (underlined or section) or len(line.words) > 10 or text.endswith((".", ",", ";")):
        return False
    prev = lines[index - 1] if index else None
    if prev is None or prev.page != line.page or prev.kind == "heading" or prev.text.endswith(SENTENCE_END):
        return True
    return line.top - prev.bottom > threshold


def mark_wrapped_heading_starts(lines: list[Line], body: float) -> None:
    """Make a large line ending in a comma a heading when the heading it wraps into follows.

    ("4. POLICY ON CONFLICTS OF INTEREST," / "TRANSACTIONS WITH AFFILIATES ..."); the two
    are then joined as one heading.
    """
    for line, after in itertools.pairwise(lines):
        if (
            line.kind == "text"
            and after.kind == "heading"
            and line.text.endswith(",")
            and line.size >= body * 1.15
            and abs(line.size - after.size) < 0.3
            and line.bold == after.bold
            and (line.page, line.column) == (after.page, after.column)
            and after.top - line.top < 1.6 * after.size
        ):
            line.kind = "heading"
            line.extra["number"] = heading_number(line)
